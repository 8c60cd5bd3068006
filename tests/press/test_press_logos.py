"""Logos that made print PDFs a RIP rejects (tests/press_clinics.py): an SVG gradient, an SVG pattern with
opacity, an RGB photo PNG and a PNG with transparency. Their bundle (handouts and packets) and their office
PDFs must open cleanly in three readers, and nothing RGB may be reachable from any page of a print file."""
from __future__ import annotations

import io

import pikepdf
import pytest

from handouts.errors import RenderFailed
from handouts.press import cmyk
from handouts.press.graph import family, walk
from tests.helpers.press_clinics import make_project
from tests.helpers.readers import all_complaints

HANDOUTS = ["day-of-infusion"]  # one handout: packets are the sample bundle's test (same code, same pages)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from handouts import api

    project = make_project(tmp_path_factory.mktemp("press-clinics"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDOUTS_PROJECT", str(project))
        inputs = api.load_inputs()
        bundle = api.bundle(inputs, project / "press", HANDOUTS, jobs=2)
        office = api.build(inputs, project / "office", HANDOUTS, jobs=2)
    return {"bundle": bundle, "office": [office.out_dir / e.path for e in office.entries]}


def print_files(made) -> list:
    return [made["bundle"].folder / r["file"] for r in made["bundle"].records]


def test_every_page_opens_cleanly_in_three_readers(made):
    files = print_files(made) + made["office"]
    assert len(files) == 4 + 4  # 4 clinics, print (bundle) and office
    assert all_complaints(files) == []


def test_preflight_passes_and_nothing_rgb_is_reachable(made):
    assert all(report.ok for report in made["bundle"].reports)
    for path in print_files(made):
        with pikepdf.open(path) as pdf:
            for node in walk(pdf):
                if node.kind == "image" and not node.obj.get("/ImageMask"):
                    assert family(node.obj.ColorSpace) in ("cmyk", "gray"), (path.name, node.where)
                elif node.kind == "shading":
                    space = family(node.obj.ColorSpace)
                    assert space in ("cmyk", "gray"), (path.name, node.where)
                    assert cmyk.outputs(node.obj.Function) == (4 if space == "cmyk" else 1), (path.name, node.where)
                elif node.kind == "content":
                    operators = {str(i.operator) for i in pikepdf.parse_content_stream(
                        pikepdf.Page(node.obj) if node.obj.get("/Type") == "/Page" else node.obj)}
                    assert not operators & {"rg", "RG"}, (path.name, node.where)


def opened(made, clinic: str) -> pikepdf.Pdf:
    record = next(r for r in made["bundle"].records if r["clinic"] == clinic)
    return pikepdf.open(made["bundle"].folder / record["file"])


def test_gradient_stops_go_through_the_output_profile(made):
    """The logo's first stop, #1F4E79, as the profile turns it into CMYK, is the gradient's first sample
    (WeasyPrint wrote 0.12 0.31 0.47 into a CMYK space: three numbers where four belong)."""
    from PIL import Image, ImageCms

    from handouts.plan.variants import DEFAULT_CMYK_PROFILE

    with opened(made, "gradient-logo") as pdf:
        linear = next(n.obj for n in walk(pdf) if n.kind == "shading" and int(n.obj.ShadingType) == 2)
        assert linear.ColorSpace[0] == "/ICCBased" and int(linear.ColorSpace[1].N) == 4
        assert int(linear.Function.FunctionType) == 0 and len(linear.Function.Range) == 8
        domain = [float(v) for v in linear.get("/Domain", [0, 1])]
        first = cmyk.evaluate(linear.Function, domain[0])
    expected = ImageCms.applyTransform(Image.new("RGB", (1, 1), (0x1F, 0x4E, 0x79)),
                                       cmyk._transform(str(DEFAULT_CMYK_PROFILE))).getpixel((0, 0))
    assert first == pytest.approx([v / 255 for v in expected], abs=2 / 255)
    assert first[0] > 0.5 and first[3] > 0  # a dark blue: much cyan, some black


def test_png_logos_become_cmyk_and_keep_their_transparency(made):
    for clinic, masked in (("photo-logo", False), ("alpha-logo", True)):
        with opened(made, clinic) as pdf:
            images = [n.obj for n in walk(pdf) if n.kind == "image" and not n.where.startswith("soft mask")]
            assert images and all(i.ColorSpace == "/DeviceCMYK" and int(i.BitsPerComponent) == 8 for i in images)
            assert all(("/SMask" in i) == masked for i in images), clinic


def test_body_text_prints_as_solid_black(made):
    """#1a1a1a in the theme: 100 % K only, not a 90 % screen of black."""
    path = print_files(made)[0]
    with pikepdf.open(path) as pdf:
        colours = {tuple(round(float(v), 3) for v in i.operands) for i in pikepdf.parse_content_stream(pdf.pages[0])
                   if str(i.operator) in ("scn", "sc", "k") and len(i.operands) == 4}
    assert (0, 0, 0, 1) in colours and (0, 0, 0, 0.898) not in colours


def rgb_mesh_pdf() -> bytes:
    """A page filled with an RGB free-form (mesh) gradient: nothing to sample, nothing to convert."""
    pdf = pikepdf.new()
    mesh = pdf.make_stream(bytes(27), ShadingType=4, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerCoordinate=8,
                           BitsPerComponent=8, BitsPerFlag=8, Decode=[0, 100, 0, 100, 0, 1, 0, 1, 0, 1])
    page = pdf.add_blank_page(page_size=(100, 100))
    page.obj.Resources = pikepdf.Dictionary(Shading=pikepdf.Dictionary(M0=mesh))
    page.obj.Contents = pdf.make_stream(b"/M0 sh")
    page.obj.TrimBox = page.obj.BleedBox = pikepdf.Array([0, 0, 100, 100])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_gradient_that_cannot_be_converted_fails_the_build_naming_the_logo():
    from handouts import api
    from handouts.plan.jobs import plan
    from handouts.typeset import write

    inputs = api.load_inputs(None, ["example-clinic"])
    job = plan(inputs.content, inputs.clinics, ["aftercare"], ["en"], ["print"])[0]
    with pytest.raises(RenderFailed, match=r"^example-clinic/logo\.svg: shading /M0 is an RGB mesh"):
        write.finish_press(rgb_mesh_pdf(), job, "x.pdf")
