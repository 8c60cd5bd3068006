"""Any script: the TEST-ONLY Arabic and Vietnamese fixtures render with no missing glyph, Arabic right to left."""
from __future__ import annotations

import pdfplumber
import pikepdf
import pytest

from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.project import script_inputs, weasyprint_warnings

ZWJ = "\u200d"


@pytest.fixture(scope="module")
def scripts_build(tmp_path_factory):
    from handouts import api

    with weasyprint_warnings() as records:
        inputs = script_inputs()
        result = api.build(inputs, tmp_path_factory.mktemp("scripts"), langs=["ar", "vi"])
    return {e.lang: result.out_dir / e.path for e in result.entries}, records


def test_no_missing_glyph_or_other_warning(scripts_build):
    paths, records = scripts_build
    assert set(paths) == {"ar", "vi"}
    assert not [r.getMessage() for r in records]


def test_document_language_is_set(scripts_build):
    paths, _ = scripts_build
    for lang, path in paths.items():
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == lang


def lines(page) -> dict[float, list[dict]]:
    """Chars grouped into text lines. Arabic marks and shaped glyphs sit a few points above or below
    the line's other glyphs, so a line is every char within 5 pt of its first char's top."""
    out: dict[float, list[dict]] = {}
    for char in sorted(page.chars, key=lambda c: c["top"]):
        top = next((t for t in out if abs(char["top"] - t) < 5), char["top"])
        out.setdefault(top, []).append(char)
    return out


def test_arabic_runs_right_to_left(scripts_build):
    """The heading "كيف قد تشعر": its first letter (ك) is the rightmost glyph, its last (ر) the leftmost,
    and the line starts at the right margin. (Dots and marks drawn as glyphs of their own carry an invisible
    ZERO WIDTH JOINER, left out here.)"""
    paths, _ = scripts_build
    with pdfplumber.open(paths["ar"]) as pdf:
        page = pdf.pages[0]
        heading = next(chars for chars in lines(page).values()
                       if "رعشت دق فيك" in "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]) if c["text"] != ZWJ))
        by_x = sorted((c for c in heading if c["text"].strip(ZWJ + " ")), key=lambda c: c["x0"])
        assert by_x[-1]["text"] == "ك" and by_x[0]["text"] == "ر"
        right_margin = page.width - 18 / 25.4 * 72
        assert by_x[-1]["x1"] == pytest.approx(right_margin, abs=2)
        assert by_x[0]["x0"] > page.width / 2


def test_arabic_layout_is_mirrored(scripts_build):
    """Checklist boxes (4.5 mm rounded squares) stand on the right, where an Arabic reader starts."""
    paths, _ = scripts_build
    with pdfplumber.open(paths["ar"]) as pdf:
        page = pdf.pages[0]
        boxes = [c for c in page.curves if 10 < c["width"] < 16 and 10 < c["height"] < 16 and c["top"] > 300]
        assert len(boxes) >= 5 and all(c["x0"] > page.width * 0.8 for c in boxes)
        bullets = [c for c in page.chars if c["text"] == "•"]
        assert len(bullets) == 3 and all(c["x0"] > page.width * 0.8 for c in bullets)


def test_arabic_keeps_phone_numbers_left_to_right(scripts_build):
    paths, _ = scripts_build
    text = squash(extracted_text(paths["ar"]))
    assert "010-0142" in text and "0142-010" not in text


def test_vietnamese_text_in_one_font(scripts_build):
    """Atkinson Hyperlegible lacks letters like ư and ợ: the whole page switches to Noto Sans instead of
    mixing two fonts inside one word."""
    paths, _ = scripts_build
    text = squash(extracted_text(paths["vi"]))
    assert "Bạn có thể cảm thấy thế nào" in text and "Không lái xe" in text and "cho đến sáng hôm sau" in text
    with pikepdf.open(paths["vi"]) as pdf:
        fonts = {str(f.get("/BaseFont")) for p in pdf.pages for _, f in p.resources.get("/Font", {}).items()}
    assert fonts and all("Noto-Sans" in f for f in fonts), fonts
