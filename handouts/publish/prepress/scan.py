"""Fonts (embedded?) and images (resolution at their placed size, following the CTM into forms)."""
from __future__ import annotations

import pikepdf

from handouts.press.graph import walk
from handouts.publish.prepress import Finding

MIN_PPI = 300
MAX_DEPTH = 8
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts(pdf: pikepdf.Pdf) -> list[Finding]:
    found, seen = [], set()
    for node in walk(pdf):
        if node.kind != "font" or node.obj.get("/Subtype") == "/Type3":  # Type 3 glyphs are drawn in the file
            continue
        descendant = node.obj.get("/DescendantFonts", [node.obj])[0]
        descriptor = descendant.get("/FontDescriptor")
        name = str(node.obj.get("/BaseFont", "?")).lstrip("/")
        if (descriptor is None or not any(k in descriptor for k in FONT_FILES)) and name not in seen:
            seen.add(name)
            found.append(Finding(f"font {name} is not embedded", "embed every font (a RIP substitutes a missing "
                                 "font, and the text reflows or shows the wrong glyphs)", node.page))
    return found


def images(pdf: pikepdf.Pdf) -> list[Finding]:
    found: list[Finding] = []
    for number, page in enumerate(pdf.pages, 1):
        for name, xobject, ctm, _depth in placements(page):
            if xobject.get("/Subtype") == "/Image":
                _image(xobject, name, number, ctm, found)
    return found


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def placements(owner, resources=None, ctm: tuple = IDENTITY, depth: int = 0):
    """(name, XObject, the matrix it is drawn with, depth) for every XObject a page or form draws, and those
    its forms draw (depth 1 and on), following q/Q and cm; a form's matrix includes its own /Matrix."""
    if depth > MAX_DEPTH:
        return
    if resources is None:
        resources = owner.obj.get("/Resources", pikepdf.Dictionary())
    stack = []
    xobjects = resources.get("/XObject", {})
    for instruction in pikepdf.parse_content_stream(owner):
        op, operands = str(instruction.operator), instruction.operands
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm" and len(operands) == 6:
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "Do" and operands:
            xobject = xobjects.get(str(operands[0]))
            if not isinstance(xobject, pikepdf.Stream):
                continue
            if xobject.get("/Subtype") == "/Form":
                matrix = _multiply(tuple(float(v) for v in xobject.get("/Matrix", IDENTITY)), ctm)
                yield str(operands[0]), xobject, matrix, depth
                yield from placements(xobject, xobject.get("/Resources", resources), matrix, depth + 1)
            else:
                yield str(operands[0]), xobject, ctm, depth


def transformed(box: list[float], ctm: tuple) -> list[float]:
    """The page-space bounds of a rectangle [x0 y0 x1 y1] drawn with matrix `ctm`."""
    a, b, c, d, e, f = ctm
    corners = [(x * a + y * c + e, x * b + y * d + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return [min(xs), min(ys), max(xs), max(ys)]


def _image(image, name: str, number: int, ctm: tuple, found: list) -> None:
    width_pt = (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5
    height_pt = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5
    if width_pt and height_pt and not image.get("/ImageMask"):
        ppi = min(int(image.Width) / (width_pt / 72), int(image.Height) / (height_pt / 72))
        if ppi < MIN_PPI:
            found.append(Finding(f"image {name} is {ppi:.0f} ppi at its placed size (needs {MIN_PPI})",
                                 "use a larger image or an SVG logo", number))


def _multiply(m: tuple, n: tuple) -> tuple:
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
