"""Every colour a RIP meets: RGB anywhere (content operators, colour spaces, images, shadings, groups,
annotations, in form XObjects, patterns, soft masks and Type 3 glyphs too), shadings whose functions do
not match their colour space, and total ink coverage (TAC) of the CMYK colours against a limit."""
from __future__ import annotations

import pikepdf
from PIL import Image, ImageMath

from handouts.press.cmyk import ConversionError, evaluate, outputs
from handouts.press.colour_state import colour_ops
from handouts.press.graph import family, walk
from handouts.publish.prepress import Finding

DEFAULT_TAC = 300  # percent: what most coated-paper presses take; uncoated stock wants less
RGB_FIX = "convert it to CMYK (`handouts build --variant print` does) or use an SVG logo with flat colours"
INK_FIX = "darken with black (K) instead of all four inks, or convert through the press's profile"
RGB = ("rgb", "indexed:rgb")


class _Ink:
    """The most ink found on each page: (percent, where)."""

    def __init__(self) -> None:
        self.peak: dict[int, tuple[float, str]] = {}

    def add(self, page: int, values, where: str) -> None:
        total = round(sum(float(v) for v in values) * 100, 1)
        if total > self.peak.get(page, (0, ""))[0]:
            self.peak[page] = (total, where)


def check(pdf: pikepdf.Pdf, tac: float = DEFAULT_TAC) -> list[Finding]:
    found: dict[tuple, Finding] = {}
    ink = _Ink()

    def report(page: int, what: str, fix: str = RGB_FIX) -> None:
        found.setdefault((page, what), Finding(what, fix, page))

    for node in walk(pdf):
        if node.kind == "content":
            _content(node, report, ink)
        elif node.kind == "colorspace" and family(node.obj) in RGB:
            report(node.page, f"RGB {node.where}")
        elif node.kind == "image":
            _image(node, report, ink)
        elif node.kind == "shading":
            _shading(node, report, ink)
        elif node.kind == "group" and family(node.obj.get("/CS")) in RGB:
            report(node.page, f"RGB {node.where}")
        elif node.kind == "annotation" and any(len(node.obj.get(k, [])) == 3 for k in ("/C", "/IC")):
            report(node.page, f"RGB colour of {node.where}")
    for page, (total, where) in sorted(ink.peak.items()):
        if total > tac:
            report(page, f"total ink {total:g} % in {where} (limit {tac:g} %)", INK_FIX)
    return list(found.values())


def _content(node, report, ink: _Ink) -> None:
    try:
        instructions = pikepdf.parse_content_stream(
            pikepdf.Page(node.obj) if node.obj.get("/Type") == "/Page" else node.obj)
    except pikepdf.PdfError as exc:
        report(node.page, f"unreadable content stream in {node.where} ({exc})", "make the file again")
        return
    for c in colour_ops(instructions, node.resources):
        if c.operator == "INLINE IMAGE":
            image = c.instruction.operands[0]
            if family(image.obj.get("/ColorSpace", image.obj.get("/CS"))) in RGB:
                report(node.page, f"RGB inline image in {node.where}")
        elif c.operator in ("rg", "RG"):
            report(node.page, f"RGB colour operator {c.operator} in {node.where}")
        elif c.operator in ("k", "K") and len(c.operands) == 4:
            ink.add(node.page, c.operands, f"a CMYK colour in {node.where}")
        elif c.operator in ("cs", "CS") and c.operands and c.space in RGB:
            report(node.page, f"RGB colour space {c.operands[0]} chosen in {node.where}")
        elif c.operator in ("sc", "scn", "SC", "SCN") and c.space == "cmyk" and len(c.operands) == 4:
            ink.add(node.page, c.operands, f"a CMYK colour in {node.where}")


def _image(node, report, ink: _Ink) -> None:
    kind = family(node.obj.get("/ColorSpace"))
    if node.obj.get("/ImageMask"):
        return
    if kind in RGB:
        report(node.page, f"RGB {node.where}")
    elif kind == "cmyk" and int(node.obj.get("/BitsPerComponent", 8)) == 8:
        size = (int(node.obj.get("/Width", 0)), int(node.obj.get("/Height", 0)))
        try:
            data = bytes(node.obj.read_bytes())  # Flate and the like; a JPEG stays encoded and is skipped
        except pikepdf.PdfError:
            return
        if len(data) != size[0] * size[1] * 4 or not data:
            return
        c, m, y, k = (band.convert("I") for band in Image.frombytes("CMYK", size, data).split())
        total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
        ink.add(node.page, [total.getextrema()[1] / 255], f"the pixels of {node.where}")


def _shading(node, report, ink: _Ink) -> None:
    kind = family(node.obj.get("/ColorSpace"))
    if kind in RGB:
        report(node.page, f"RGB {node.where}")
        return
    function = node.obj.get("/Function")
    if function is None or kind != "cmyk":
        return
    try:
        size = outputs(function)
        if size != 4:
            report(node.page, f"{node.where} is declared CMYK but its colours have {size} components",
                   "a reader draws it wrong or not at all; " + RGB_FIX)
            return
        domain = [float(v) for v in node.obj.get("/Domain", [0, 1])]
        for i in range(33):
            values = evaluate(function, domain[0] + (domain[1] - domain[0]) * i / 32)
            ink.add(node.page, values, f"{node.where}")
    except (ConversionError, TypeError, ValueError, IndexError, KeyError, ZeroDivisionError):
        return  # a sampled function: its samples were converted by us, or the readers' check catches it
