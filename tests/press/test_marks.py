"""Crop marks and slug outside the bleed (press/crop_marks.py), looked at as boxes, as content and as pixels."""
from __future__ import annotations

import subprocess

import pikepdf
import pytest
from PIL import Image

from handouts.press import crop_marks

DPI = 300


@pytest.fixture(scope="module")
def print_files(tmp_path_factory):
    """One print PDF of the Letter clinic, with marks (the default) and without."""
    from handouts import api

    inputs = api.load_inputs(None, ["example-clinic"])
    out = {}
    for mode in crop_marks.MODES:
        folder = tmp_path_factory.mktemp(f"marks-{mode}")
        result = api.build(inputs, folder, handouts=["day-of-infusion"], langs=["en"], variants=["print"], marks=mode)
        out[mode] = folder / result.entries[0].path
    return out


def boxes(page) -> dict[str, list[float]]:
    return {k: [float(v) for v in page.obj[f"/{k}"]] for k in ("MediaBox", "TrimBox", "BleedBox") if f"/{k}" in page.obj}


def test_mediabox_grows_by_the_slug_and_trim_and_bleed_stay_exact(print_files):
    bleed = 9.0  # 0.125 in on Letter
    slug = crop_marks.slug_width(bleed)
    with pikepdf.open(print_files["crop"]) as pdf:
        for page in pdf.pages:
            b = boxes(page)
            assert b["TrimBox"] == pytest.approx([0, 0, 612, 792])
            assert b["BleedBox"] == pytest.approx([-bleed, -bleed, 612 + bleed, 792 + bleed])
            assert b["MediaBox"] == pytest.approx([-slug, -slug, 612 + slug, 792 + slug])
            assert "/ArtBox" not in page.obj and "/CropBox" not in page.obj
    with pikepdf.open(print_files["none"]) as pdf:
        for page in pdf.pages:
            b = boxes(page)
            assert b["MediaBox"] == b["BleedBox"] == pytest.approx([-bleed, -bleed, 612 + bleed, 792 + bleed])


def test_marks_are_in_registration_colour_and_the_slug_names_file_and_page(print_files):
    with pikepdf.open(print_files["crop"]) as pdf:
        total = len(pdf.pages)
        for page in pdf.pages:
            space = page.obj.Resources.ColorSpace[crop_marks.SPACE]
            assert space[0] == "/Separation" and space[1] == "/All"
    name = print_files["crop"].name
    text = " ".join(subprocess.run(["pdftotext", str(print_files["crop"]), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for number in range(1, total + 1):
        assert f"{name} - page {number} of {total}" in text
    plain = subprocess.run(["pdftotext", str(print_files["none"]), "-"], capture_output=True, text=True).stdout
    assert "page 1 of" not in plain


def corner(path, dpi=DPI) -> Image.Image:
    """The top-left 40 mm square of page 1, as the RIP would image it (Poppler, 300 dpi, grey)."""
    size = int(40 / 25.4 * dpi)
    stem = path.parent / "corner"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", str(size), "-H",
                    str(size), "-gray", "-singlefile", "-png", str(path), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("L")


def test_crop_mark_pixels_lie_outside_the_bleed(print_files):
    """At 300 dpi: a dark line continues the top trim edge and the left trim edge beyond the bleed;
    between the trim corner and the bleed edge (where the sheet is cut off) no mark is drawn."""
    bleed, slug = 9.0, crop_marks.slug_width(9.0)
    image = corner(print_files["crop"])
    px = lambda pt: round(pt * DPI / 72)
    trim = px(slug)            # the trim edges, from the media's top-left corner
    bleed_edge = px(slug - bleed)
    dark = lambda x, y: image.getpixel((x, y)) < 128

    mark_start, mark_end = px(slug - bleed - crop_marks.GAP), px(slug - bleed - crop_marks.GAP - crop_marks.LENGTH)
    # the horizontal mark on the line of the top trim edge, left of the bleed
    row = [x for x in range(bleed_edge) if any(dark(x, y) for y in range(trim - 2, trim + 3))]
    assert row and min(row) >= mark_end - 2 and max(row) <= mark_start + 2, row[:3]
    assert max(row) < bleed_edge
    # the vertical mark on the line of the left trim edge, above the bleed
    column = [y for y in range(bleed_edge) if any(dark(x, y) for x in range(trim - 2, trim + 3))]
    assert column and max(column) < bleed_edge
    # nothing dark between the bleed edge and the trim corner (the marks do not reach into the bleed)
    assert not [(x, y) for x in range(bleed_edge, trim) for y in range(bleed_edge, trim) if dark(x, y)]
    # and without marks the page is the bleed box: its corner is blank
    blank = corner(print_files["none"])
    assert not [(x, y) for x in range(px(bleed)) for y in range(px(bleed)) if blank.getpixel((x, y)) < 128]
