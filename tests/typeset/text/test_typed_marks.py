"""Marks typed in Arabic words (shadda, tanween) stay in their words for every reader, and are drawn exactly
where the font put them (typeset/text/drawn_marks.py draws each mark's outline and carries its text on an empty glyph).

Real PDFs of the Arabic script fixture, read by pdftotext, pypdf and (with the shared tools) pdf.js; the
drawing is compared, rasterised by Poppler, with the same document whose marks are left as glyphs."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pydyf
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from handouts import api
from handouts.typeset.text import drawn_marks, stream
from tests.helpers.project import ROOT, script_inputs
from tests.helpers.screen_reader import pdftotext, pypdf_text, words

TYPED = ["تحسّن", "فورًا", "أيضًا", "تغييرًا"]  # the fixture's words with a typed mark
TOOLS = ROOT.parent / "shared" / "tools"


def arabic_pdf(out: Path) -> Path:
    inputs = script_inputs()
    result = api.build(inputs, out, langs=["ar"], variants=["office"])
    (entry,) = result.entries
    return out / entry.path


@pytest.fixture(scope="module")
def spanned(tmp_path_factory) -> Path:
    return arabic_pdf(tmp_path_factory.mktemp("marks"))


@pytest.mark.parametrize("extract", [pdftotext, pypdf_text])
def test_typed_marks_stay_in_their_words(spanned, extract):
    found = words(extract(spanned))
    assert all(word in found for word in TYPED), [w for w in TYPED if w not in found]


@pytest.mark.skipif(not (TOOLS / "pdfjs-tree.sh").exists() or not shutil.which("node"),
                    reason="the shared reader tools (../shared/tools, node) are not here")
def test_firefox_reads_the_heading_with_its_mark_in_place(spanned):
    out = subprocess.run([str(TOOLS / "pdfjs-tree.sh"), str(spanned)], capture_output=True, text=True, timeout=300)
    tree = json.loads(out.stdout.splitlines()[0])
    assert "H2: اطلب المساعدة فورًا" in tree["outline"] and tree["orphans"] == 0 and tree["recall"] == 100


def test_carriers_agree_with_the_font_program(spanned):
    """Each carrier code draws an empty glyph whose width in /W is its width in the embedded font (PDF/UA)."""
    with pikepdf.open(spanned) as pdf:
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values() if "Arabic" in str(f.BaseFont)]
        checked = 0
        for font in {f.objgen: f for f in fonts}.values():
            descendant = font.DescendantFonts[0]
            if "/CIDToGIDMap" not in descendant:
                continue
            program = TTFont(io.BytesIO(descendant.FontDescriptor.FontFile2.read_bytes()))
            order, metrics = program.getGlyphOrder(), program["hmtx"].metrics
            table = descendant.CIDToGIDMap.read_bytes()
            widths = _widths(descendant.W)
            for cid, width in widths.items():
                gid = int.from_bytes(table[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(table) else cid
                if width == drawn_marks.CARRIER_WIDTH and program["glyf"][order[gid]].numberOfContours == 0:
                    assert metrics[order[gid]][0] == width
                    checked += 1
        assert checked >= 1


def _widths(array) -> dict[int, float]:
    out, items, k = {}, list(array), 0
    while k < len(items):
        first, values = int(items[k]), items[k + 1]
        out.update({first + n: float(v) for n, v in enumerate(values)})
        k += 2
    return out


def test_marks_are_drawn_where_the_font_put_them(spanned, tmp_path, monkeypatch):
    """Against the same document with its marks left as glyphs, Poppler's 300 dpi pages differ by less than
    a third of what a mark moved by 0.75 pt changes: rasterising a path and a glyph differ, positions do not."""
    monkeypatch.setattr(drawn_marks, "with_marks", lambda content, fonts, widths: {})
    as_glyphs = _pages(arabic_pdf(tmp_path / "glyphs"), tmp_path / "g")
    monkeypatch.undo()
    draw = drawn_marks._path
    monkeypatch.setattr(drawn_marks, "_path", lambda state, x, rise, outline: draw(state, x + 1.0, rise, outline))
    moved = _pages(arabic_pdf(tmp_path / "moved"), tmp_path / "m")
    here = _pages(spanned, tmp_path / "s")
    pages = list(zip(as_glyphs, here, moved, strict=True))
    ours_changed = [_changed(ours, glyphs) for glyphs, ours, _ in pages]
    moved_changed = [_changed(off, glyphs) for glyphs, _, off in pages]
    # over the document: a page with few marks (page 1: the masthead) says little either way
    assert sum(ours_changed) * 3 < sum(moved_changed), (ours_changed, moved_changed)


def _pages(pdf: Path, folder: Path) -> list:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "300", "-gray", str(pdf), str(folder / "p")], check=True, timeout=120)
    return [Image.open(path) for path in sorted(folder.glob("p*.pgm"))]


def _changed(one, other) -> int:
    """Pixels that differ by more than half the grey scale."""
    return sum(ImageChops.difference(one, other).histogram()[129:])


def test_a_mark_inside_a_run_is_carried_and_drawn_at_its_pen_position():
    """The unraised form (mark, move back, letter in one TJ): the carrier starts 0.105 em left of the letter,
    the letter stays where it was, and the outline is drawn after the text object at the mark's pen position."""
    fonts = {"F1": drawn_marks.FontMarks({9: "ّ"}, {9: b"0 0 m 10 0 l 10 10 l h"}, {"ّ": 42})}
    widths = {"F1": {5: 500.0, 6: 400.0, 9: 0.0, 42: drawn_marks.CARRIER_WIDTH}}
    items = [b"BT", b"1 0 0 -1 10 20 Tm", b"/F1 10 Tf", b"[<0005>0<>-263<0009>263<0006>] TJ", b"ET"]
    out = drawn_marks.with_marks(stream.Content(pydyf.Stream(items), lambda font: 2), fonts, widths)
    assert out[3] == [b"[<0005> 105.0000 <002a> -55.0000 <0006>] TJ"]  # 5 - 1.05, + 0.5, + 0.55 - 0.5 = 5
    assert out[4][0] == b"ET" and out[4][1].split(b"\n")[:3] == [
        b"q", b"1.000000 0.000000 0.000000 -1.000000 10.000000 20.000000 cm", b"0.010000 0 0 0.010000 7.630000 0.000000 cm"]
    moved = stream.Content(pydyf.Stream([*items[:3], b"5 2 Td", *items[3:]]), lambda font: 2)
    out = drawn_marks.with_marks(moved, fonts, widths)  # a line moved with Td: followed, not left as it was
    assert out[4] == [b"[<0005> 105.0000 <002a> -55.0000 <0006>] TJ"]
    assert out[5][1].split(b"\n")[1] == b"1.000000 0.000000 0.000000 -1.000000 15.000000 18.000000 cm"
