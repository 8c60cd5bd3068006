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
        _stream(page, page.obj.get("/Resources", pikepdf.Dictionary()), number, (1, 0, 0, 1, 0, 0), 0, found)
    return found


def _stream(owner, resources, number: int, ctm: tuple, depth: int, found: list) -> None:
    if depth > MAX_DEPTH:
        return
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
            if xobject.get("/Subtype") == "/Image":
                _image(xobject, str(operands[0]), number, ctm, found)
            elif xobject.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                _stream(xobject, xobject.get("/Resources", resources), number, _multiply(matrix, ctm), depth + 1,
                        found)


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
