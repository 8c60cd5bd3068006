"""press/cmyk.py on a hand-made PDF holding every kind of RGB a RIP meets, nested where WeasyPrint never puts
it: after conversion preflight finds nothing RGB, and the three readers render it without a word."""
from __future__ import annotations

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from handouts.plan.variants import DEFAULT_CMYK_PROFILE
from handouts.press import cmyk
from handouts.publish.prepress import colours
from tests.helpers.readers import complaints

PROFILE = str(DEFAULT_CMYK_PROFILE)


def rgb_everywhere(path) -> None:
    pdf = pikepdf.new()
    image = pdf.make_stream(bytes([255, 0, 0, 0, 0, 255]) * 2, Type=Name.XObject, Subtype=Name.Image, Width=2,
                            Height=2, ColorSpace=Name.DeviceRGB, BitsPerComponent=8)
    palette = Array([Name.Indexed, Name.DeviceRGB, 1, pikepdf.String(bytes([255, 0, 0, 0, 128, 0]))])
    calrgb = Array([Name.CalRGB, Dictionary(WhitePoint=[0.9505, 1, 1.089])])
    form = pdf.make_stream(
        b"q 1 0 0 rg 0 0 20 20 re f Q q /CS0 cs 0 0 1 sc 20 0 20 20 re f Q q /CS1 cs 1 sc 40 0 20 20 re f Q "
        b"q 20 0 0 20 60 0 cm /Im0 Do Q",
        Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 100, 100],
        Group=Dictionary(S=Name.Transparency, CS=Name.DeviceRGB),
        Resources=Dictionary(XObject=Dictionary(Im0=image), ColorSpace=Dictionary(CS0=calrgb, CS1=palette)))
    function = Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
    shading = pdf.make_indirect(Dictionary(ShadingType=2, ColorSpace=Name.DeviceRGB, Coords=[0, 0, 100, 0],
                                           Function=function, Extend=[True, True]))
    page = pdf.add_blank_page(page_size=(200, 200))
    page.obj.Resources = Dictionary(XObject=Dictionary(Fm0=form), Shading=Dictionary(Sh0=shading))
    page.obj.Contents = pdf.make_stream(b"q 0 0 1 RG 2 w 0 100 m 200 100 l S Q q 0 120 200 80 re W n /Sh0 sh Q "
                                        b"q 1 0 0 1 10 10 cm /Fm0 Do Q")
    page.obj.Annots = Array([pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Square,
                                                          Rect=[150, 10, 190, 50], C=[0, 1, 0]))])
    pdf.save(path)


@pytest.fixture
def converted(tmp_path):
    before, after = tmp_path / "rgb.pdf", tmp_path / "cmyk.pdf"
    rgb_everywhere(before)
    with pikepdf.open(before) as pdf:
        assert len({f.what.split(" in ")[0] for f in colours.check(pdf)}) >= 6  # the file is full of RGB
        cmyk.convert(pdf, PROFILE)
        pdf.save(after)
    return after


def test_nothing_rgb_is_left_and_the_readers_render_it(converted):
    with pikepdf.open(converted) as pdf:
        assert [f.line(converted.name) for f in colours.check(pdf)] == []
    assert complaints(converted) == []


def test_operators_palettes_and_annotations_go_through_the_profile(converted):
    with pikepdf.open(converted) as pdf:
        stroke = next([float(v) for v in i.operands] for i in pikepdf.parse_content_stream(pdf.pages[0])
                      if str(i.operator) == "K")
        assert stroke[0] > 0.9 and stroke[1] > 0.5  # sRGB blue on a press: full cyan, much magenta
        palette = pdf.pages[0].Resources.XObject.Fm0.Resources.ColorSpace.CS1
        assert palette[1] == Name.DeviceCMYK and len(bytes(palette[3])) == 8
        assert [float(v) for v in pdf.pages[0].Annots[0].C] == pytest.approx(cmyk.solid([0, 1, 0], PROFILE))
