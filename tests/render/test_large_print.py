"""Large print, read back from the PDF: body text >= 18 pt, lines >= 1.25 apart, no italics, same content."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pikepdf
import pypdf

MM = 72 / 25.4


def runs(path):
    """(page number, y baseline in PDF points, effective font size, text) for every text run."""
    reader = pypdf.PdfReader(path)
    out = []
    for number, page in enumerate(reader.pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                y = cm[3] * tm[5] + cm[5]
                out.append((number, y, abs(size * tm[3] * cm[3]), text))
        page.extract_text(visitor_text=visit)
    return reader.pages[0].mediabox.height, out


def test_body_text_is_at_least_18pt_and_furniture_14pt(large_print_build):
    for entry in large_print_build.entries:
        height, found = runs(large_print_build.out_dir / entry.path)
        # The page area between the top (16 mm) and bottom (26 mm) margins holds the handout itself.
        body = [(size, text) for _, y, size, text in found if 26 * MM < y < height - 16 * MM]
        assert len(body) > 20
        small = [(round(size, 1), text) for size, text in body if size < 18 - 0.01]
        assert small == [], (entry.path, small[:5])
        assert min(size for _, _, size, _ in found) >= 14 - 0.01


def test_line_spacing_is_at_least_one_and_a_quarter(large_print_build):
    for entry in large_print_build.entries:
        _, found = runs(large_print_build.out_dir / entry.path)
        baselines = defaultdict(set)
        for number, y, size, _ in found:
            if abs(size - 18) < 0.01:
                baselines[number].add(round(y, 1))
        gaps = [b - a for ys in baselines.values() for a, b in zip(sorted(ys), sorted(ys)[1:])]
        assert gaps and min(gaps) >= 1.25 * 18, (entry.path, sorted(gaps)[:3])


def test_no_italic_fonts_and_tagged(large_print_build):
    for entry in large_print_build.entries:
        with pikepdf.open(large_print_build.out_dir / entry.path) as pdf:
            assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    name = str(font.BaseFont)
                    assert "Italic" not in name and "Oblique" not in name, name


def body_words(path, top_mm, bottom_mm) -> Counter:
    """The handout's own words (page furniture in the margins and list markers left out), in any order."""
    height, found = runs(path)
    text = " ".join(text for _, y, _, text in found if bottom_mm * MM < y < height - top_mm * MM)
    words = re.sub(r"-\s+", "-", text).split()  # a line may break after a hyphen in one variant only
    return Counter(w for w in words if not re.fullmatch(r"•|\d+\.", w))


def test_same_content_as_office_reflowed(sample_build, large_print_build):
    office, _ = sample_build
    by_path = {e.path.replace("-office", ""): e for e in office.entries}
    for entry in large_print_build.entries:
        twin = by_path[entry.path.replace("-large-print", "")]
        assert entry.pages > twin.pages  # bigger text, more pages
        large = body_words(large_print_build.out_dir / entry.path, 16, 26)
        normal = body_words(office.out_dir / twin.path, 18, 22)
        assert large == normal and sum(large.values()) > 300
