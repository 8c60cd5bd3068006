"""`handouts preflight` on files built to fail: one test per check a RIP cares about. Each bad file is a
good print PDF (rendered once) with one thing changed, so the finding can only come from that change."""
from __future__ import annotations

import re
import subprocess
import sys

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from handouts.publish import preflight

LINE = re.compile(r"^\S+\.pdf: (page \d+|document): (warning: )?[^:]+.*: .+$")


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    from handouts import api

    out = tmp_path_factory.mktemp("preflight-good")
    result = api.build(api.load_inputs(None, ["example-clinic"]), out, handouts=["day-of-infusion"], langs=["en"],
                       variants=["print"])
    path = out / result.entries[0].path
    report = preflight.check(path)
    assert report.ok and not report.warnings, report.lines()  # the base passes: every failure below is the change's
    return path


def changed(good, tmp_path, change, **save):
    target = tmp_path / "bad.pdf"
    with pikepdf.open(good) as pdf:
        change(pdf)
        pdf.save(target, **save)
    return target


def draw(pdf, content: bytes, group: str, name: str, obj) -> None:
    """Draw `content` on page 1 after its own, with `obj` as resource /name of kind `group`."""
    page = pdf.pages[0]
    resources = page.obj.Resources
    if group not in resources:
        resources[group] = Dictionary()
    resources[group][name] = obj
    page.contents_add(pdf.make_stream(content))


def errors(path, **kwargs) -> list[str]:
    report = preflight.check(path, **kwargs)
    assert all(LINE.match(line) for line in report.errors + report.warnings), report.lines()
    return report.errors


def test_rgb_shading(good, tmp_path):
    def change(pdf):
        function = Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
        shading = pdf.make_indirect(Dictionary(ShadingType=2, ColorSpace=Name.DeviceRGB, Coords=[0, 0, 100, 0],
                                               Function=function))
        draw(pdf, b"q /Pattern cs /PRGB scn 0 0 100 100 re f Q", "/Pattern", "/PRGB",
             pdf.make_indirect(Dictionary(PatternType=2, Shading=shading)))

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "page 1: RGB shading pattern /PRGB" in e], found


def test_cmyk_shading_with_rgb_values(good, tmp_path):
    """What WeasyPrint wrote for gradient logos: a CMYK shading whose function gives three numbers."""
    def change(pdf):
        function = Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
        shading = pdf.make_indirect(Dictionary(ShadingType=2, ColorSpace=Name.DeviceCMYK, Coords=[0, 0, 100, 0],
                                               Function=function))
        draw(pdf, b"q /S9 sh Q", "/Shading", "/S9", shading)

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "shading /S9 is declared CMYK but its colours have 3 components" in e], found


def test_rgb_image_inside_a_form_xobject(good, tmp_path):
    def change(pdf):
        image = pdf.make_stream(bytes([255, 0, 0]) * 4, Type=Name.XObject, Subtype=Name.Image, Width=2, Height=2,
                                ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
        form = pdf.make_stream(b"q 0.1 0 0 0.1 0 0 cm /Im0 Do Q", Type=Name.XObject, Subtype=Name.Form,
                               BBox=[0, 0, 1, 1], Resources=Dictionary(XObject=Dictionary(Im0=image)))
        draw(pdf, b"q /FmRGB Do Q", "/XObject", "/FmRGB", form)

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "page 1: RGB image /Im0 in form XObject /FmRGB" in e], found


def test_pdfx_claim_with_a_pdf_13_header(good, tmp_path):
    found = errors(changed(good, tmp_path, lambda pdf: None, force_version="1.3"))
    assert [e for e in found if "document: claims PDF/X-4 with a PDF 1.3 header: PDF/X-4 files are PDF 1.6" in e]


def test_artbox_outside_the_trimbox(good, tmp_path):
    def change(pdf):
        pdf.pages[1].obj.ArtBox = pdf.pages[1].obj.BleedBox

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "page 2: the ArtBox reaches outside the TrimBox" in e], found


def test_missing_bleedbox(good, tmp_path):
    def change(pdf):
        del pdf.pages[0].obj.BleedBox

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "page 1: no BleedBox" in e], found


def test_font_not_embedded(good, tmp_path):
    def change(pdf):
        font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
        draw(pdf, b"BT /F9 12 Tf 72 72 Td (Hello) Tj ET", "/Font", "/F9", font)

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "page 1: font Helvetica is not embedded" in e], found


def test_total_ink_over_the_limit(good, tmp_path):
    def change(pdf):
        pdf.pages[0].contents_add(pdf.make_stream(b"q 1 1 1 1 k 0 0 50 50 re f Q"))

    bad = changed(good, tmp_path, change)
    found = errors(bad)
    assert [e for e in found if "page 1: total ink 400 % in a CMYK colour in page content (limit 300 %)" in e], found
    assert not [e for e in errors(bad, tac=400) if "total ink" in e]
    assert not [e for e in errors(good) if "total ink" in e]


def test_info_and_xmp_disagree(good, tmp_path):
    def change(pdf):
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-1a:2001"
        pdf.docinfo["/Trapped"] = Name("/Unknown")

    found = errors(changed(good, tmp_path, change))
    assert [e for e in found if "the Info dictionary says PDF/X-1a:2001, the XMP metadata says PDF/X-4" in e]
    assert [e for e in found if "Trapped is Unknown in the Info dictionary" in e]


def test_command_line_tac_option_and_exit_code(good, tmp_path):
    def change(pdf):
        pdf.pages[0].contents_add(pdf.make_stream(b"q 0.9 0.9 0.9 0 k 0 0 50 50 re f Q"))

    bad = changed(good, tmp_path, change)
    command = [sys.executable, "-m", "handouts", "preflight"]
    strict = subprocess.run([*command, "--tac", "250", str(bad)], capture_output=True, text=True)
    assert strict.returncode == 1 and "total ink 270 %" in strict.stdout and "Traceback" not in strict.stderr
    assert subprocess.run([*command, str(bad)], capture_output=True, text=True).returncode == 0
