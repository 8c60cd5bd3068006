"""Everything a RIP reads from a page, found by walking the page's resources.

A page draws with its content stream and, through its resources, with form XObjects, tiling patterns,
shadings, images, soft masks, Type 3 glyph procedures and annotation appearances, each of which can have
resources of its own. `walk` visits each of them once per page and says which page it was reached from,
so press conversion (press/cmyk.py) and preflight (publish/preflight.py) look at the same things.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pikepdf

MAX_DEPTH = 12  # nesting deeper than this is a damaged or hostile file; what lies beyond is not visited


@dataclass(frozen=True)
class Node:
    """kind: "content" (a content stream: page, form, tiling pattern, glyph procedure, appearance, soft
    mask), "image", "shading", "colorspace", "group" (a transparency group dictionary), "font",
    "annotation", "too deep" (a stream nested past MAX_DEPTH, not looked into). `resources` is what a content
    stream's names refer to."""

    kind: str
    obj: Any  # a pikepdf Dictionary or Stream
    page: int
    resources: Any = None
    where: str = ""  # what the node is, for messages: "form XObject /x3", "pattern /p0", ...
    name: str = ""  # a colour space's resource name (its dictionary is `resources`)


def walk(pdf: pikepdf.Pdf) -> Iterator[Node]:
    for number, page in enumerate(pdf.pages, 1):
        yield from _Walker(number).page(page.obj)


class _Walker:
    def __init__(self, page: int):
        self.number = page
        self.seen: set = set()

    def _first(self, obj) -> bool:
        """True the first time an indirect object is met on this page (direct objects: always)."""
        if not getattr(obj, "is_indirect", False):
            return True
        key = obj.objgen
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def page(self, page) -> Iterator[Node]:
        resources = page.get("/Resources", pikepdf.Dictionary())
        yield Node("content", page, self.number, resources, "page content")
        if "/Group" in page:
            yield Node("group", page.Group, self.number, where="page transparency group")
        yield from self.resources(resources, 0, "")
        for annot in page.get("/Annots", []):
            if isinstance(annot, pikepdf.Dictionary) and self._first(annot):
                yield Node("annotation", annot, self.number, where=f"annotation {annot.get('/Subtype', '')}")
                yield from self.appearances(annot)

    def appearances(self, annot) -> Iterator[Node]:
        for key in ("/N", "/R", "/D"):
            entry = annot.get("/AP", {}).get(key)
            streams = [entry] if isinstance(entry, pikepdf.Stream) else \
                [v for _, v in entry.items()] if isinstance(entry, pikepdf.Dictionary) else []
            for stream in streams:
                if isinstance(stream, pikepdf.Stream):
                    yield from self.form(stream, 1, "annotation appearance")

    def resources(self, resources, depth: int, within: str) -> Iterator[Node]:
        """within: where these resources belong, "" for the page's own, else " in form XObject /x1"..."""
        if depth > MAX_DEPTH or not isinstance(resources, pikepdf.Dictionary):
            return
        for name, space in resources.get("/ColorSpace", {}).items():
            yield Node("colorspace", space, self.number, resources, f"colour space {name}{within}", str(name))
        for name, xobject in resources.get("/XObject", {}).items():
            if not isinstance(xobject, pikepdf.Stream) or not self._first(xobject):
                continue
            if xobject.get("/Subtype") == "/Image":
                yield from self.image(xobject, f"image {name}{within}")
            elif xobject.get("/Subtype") == "/Form":
                yield from self.form(xobject, depth + 1, f"form XObject {name}{within}")
        for name, pattern in resources.get("/Pattern", {}).items():
            if not isinstance(pattern, (pikepdf.Dictionary, pikepdf.Stream)) or not self._first(pattern):
                continue
            if int(pattern.get("/PatternType", 0)) == 1:
                yield from self.form(pattern, depth + 1, f"tiling pattern {name}{within}")
            elif "/Shading" in pattern:
                yield from self.shading(pattern.Shading, f"shading pattern {name}{within}")
        for name, shading in resources.get("/Shading", {}).items():
            if self._first(shading):
                yield from self.shading(shading, f"shading {name}{within}")
        for name, state in resources.get("/ExtGState", {}).items():
            mask = state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
            if isinstance(mask, pikepdf.Dictionary) and isinstance(mask.get("/G"), pikepdf.Stream) \
                    and self._first(mask.G):
                yield from self.form(mask.G, depth + 1, f"soft mask of graphics state {name}{within}")
        for name, font in resources.get("/Font", {}).items():
            if isinstance(font, pikepdf.Dictionary) and self._first(font):
                yield Node("font", font, self.number, where=f"font {font.get('/BaseFont', name)}{within}")
                if font.get("/Subtype") == "/Type3":
                    inner = font.get("/Resources", resources)
                    for glyph, proc in font.get("/CharProcs", {}).items():
                        yield Node("content", proc, self.number, inner, f"Type 3 glyph {glyph} of font {name}{within}")
                    yield from self.resources(inner, depth + 1, f" in Type 3 font {name}{within}")

    def form(self, stream, depth: int, where: str) -> Iterator[Node]:
        if depth > MAX_DEPTH:
            yield Node("too deep", stream, self.number, where=where)  # not visited: a check must say so
            return
        inner = stream.get("/Resources", pikepdf.Dictionary())
        yield Node("content", stream, self.number, inner, where)
        if isinstance(stream.get("/Group"), pikepdf.Dictionary):
            yield Node("group", stream.Group, self.number, where=f"transparency group of {where}")
        yield from self.resources(inner, depth, f" in {where}")

    def image(self, image, where: str) -> Iterator[Node]:
        yield Node("image", image, self.number, where=where)
        mask = image.get("/SMask")
        if isinstance(mask, pikepdf.Stream) and self._first(mask):
            yield Node("image", mask, self.number, where=f"soft mask of {where}")

    def shading(self, shading, where: str) -> Iterator[Node]:
        if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)):
            yield Node("shading", shading, self.number, where=where)


def family(space: Any, resources: Any = None) -> str:
    """"rgb", "cmyk", "gray", "lab", "pattern", "indexed:<base>", "separation", "devicen" or "?" for a
    colour space object or a name (a name not built in is looked up in `resources`)."""
    if isinstance(space, pikepdf.Name):
        name = str(space)
        builtin = {"/DeviceRGB": "rgb", "/RGB": "rgb", "/DeviceCMYK": "cmyk", "/CMYK": "cmyk",
                   "/DeviceGray": "gray", "/G": "gray", "/Pattern": "pattern"}
        if name in builtin:
            return builtin[name]
        spaces: Any = resources.get("/ColorSpace", pikepdf.Dictionary()) if isinstance(resources, pikepdf.Dictionary) else {}
        found = spaces.get(name)
        return family(found) if found is not None else "?"
    if isinstance(space, pikepdf.Array) and len(space) > 0:
        head = str(space[0])
        if head == "/ICCBased":
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(int(space[1].get("/N", 0)), "?")
        if head == "/CalRGB":
            return "rgb"
        if head == "/CalGray":
            return "gray"
        if head == "/Lab":
            return "lab"
        if head in ("/Indexed", "/I"):
            return "indexed:" + family(space[1], resources)
        if head == "/Separation":
            return "separation"
        if head == "/DeviceN":
            return "devicen"
        if head == "/Pattern":
            return "pattern"
        return family(space[0], resources) if len(space) == 1 else "?"
    return "?"
