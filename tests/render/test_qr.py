"""The QR code on page 1 decodes to the clinic's website, is at least 15 mm wide and has a 4-module quiet zone."""
from __future__ import annotations

import re
import subprocess
import urllib.parse

import pytest
import zxingcpp
from PIL import Image

from handouts.render import qr
from tests.helpers.pdfs import extracted_text, squash

DPI = 150
WEBSITES = {"example-clinic": "https://example-clinic.example", "harbour-health": "https://harbour-health.example"}


def page_one_png(pdf, tmp_path):
    stem = tmp_path / pdf.stem
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True)
    return Image.open(f"{stem}.png")


@pytest.mark.parametrize("build_name", ["sample_build", "large_print_build"])
def test_qr_on_page_one_decodes_to_the_clinic_website(request, tmp_path, build_name):
    build = request.getfixturevalue(build_name)
    build = build[0] if isinstance(build, tuple) else build
    for entry in build.entries:
        pdf = build.out_dir / entry.path
        [code] = zxingcpp.read_barcodes(page_one_png(pdf, tmp_path))
        assert code.format == zxingcpp.BarcodeFormat.QRCode
        assert code.text == WEBSITES[entry.clinic]
        corners = code.position
        width_mm = (corners.top_right.x - corners.top_left.x) / DPI * 25.4  # the symbol itself, quiet zone excluded
        assert width_mm >= 15, (entry.path, width_mm)
        first_page = squash(extracted_text(pdf).split("Page 1 of")[0])
        assert WEBSITES[entry.clinic] in first_page  # the URL is printed beside the code


def test_svg_has_four_module_quiet_zone_and_no_raster():
    uri = qr.svg_uri("https://example-clinic.example")
    svg = urllib.parse.unquote(uri.split(",", 1)[1])
    assert uri.startswith("data:image/svg+xml") and "<path" in svg and "<image" not in svg
    size = int(re.search(r"viewBox=.0 0 (\d+) \1", svg).group(1))
    import segno

    modules = segno.make("https://example-clinic.example", error="m", micro=False).symbol_size(border=0)[0]
    assert size == modules + 2 * qr.QUIET_ZONE
