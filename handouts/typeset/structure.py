"""The structure tree a screen reader walks, fixed after WeasyPrint 70 tags a document.

WeasyPrint builds the tree page by page and leaves the page margin boxes (running header, footer,
page numbers, DRAFT mark) out of it, still marked as tagged content: a reader meets them as
orphans. And an element broken over two pages (a list, a paragraph, <main>) becomes two elements,
so one list of five items reads as a list of three and a list of two. This finisher
- joins the pieces of one HTML element that WeasyPrint made on different pages (or lines),
- turns marked content that no structure element reaches into /Artifact (pagination),
working on WeasyPrint's own PDF objects before the file is written (so the file ID stays right).
"""
from __future__ import annotations

import pydyf


class Origins:
    """Which HTML element each structure element comes from (typeset/hooks.py notes them while WeasyPrint
    tags a document: WeasyPrint keeps no such link)."""

    def __init__(self):
        self._of: dict[int, tuple] = {}  # id(structure element) -> (structure element, HTML element)

    def note(self, element, html) -> None:
        if html is not None and id(element) not in self._of:
            self._of[id(element)] = (element, html)

    def html(self, element):
        found = self._of.get(id(element))
        return found[1] if found else None


def fix(pdf, origins: Origins) -> None:
    """Join split elements, then make what no structure element reaches an artifact."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _obj(pdf, pdf.catalog["StructTreeRoot"])
    parent_tree = _obj(pdf, root["ParentTree"])
    moved: dict[bytes, bytes] = {}
    for kid in root["K"]:
        _join_pieces(pdf, _obj(pdf, kid), moved, origins)
    nums = parent_tree["Nums"]
    for k in range(1, len(nums), 2):
        if isinstance(nums[k], pydyf.Array):
            nums[k] = pydyf.Array([moved.get(bytes(r), r) if not isinstance(r, str) else r for r in nums[k]])
        else:
            nums[k] = moved.get(bytes(nums[k]), nums[k])
    reachable = _reachable(pdf, root)
    pages = [_obj(pdf, ref) for ref in pdf.page_references]
    for k in range(0, len(nums), 2):
        number, refs = nums[k], nums[k + 1]
        if not isinstance(refs, pydyf.Array) or number >= len(pages):
            continue
        loose = {mcid for mcid, ref in enumerate(refs) if ref != "null" and bytes(ref) not in reachable}
        if loose:
            _to_artifacts(_obj(pdf, pages[number]["Contents"]), loose)
            for mcid in loose:
                refs[mcid] = "null"


def _join_pieces(pdf, element, moved, origins) -> None:
    """Adjacent children that are pieces of one HTML element become one child, recursively."""
    kids = element.get("K")
    if not isinstance(kids, pydyf.Array):
        return
    joined = pydyf.Array()
    previous: tuple | None = None  # (structure element, HTML element) of the last kid kept
    for ref in kids:
        kid = _obj(pdf, ref) if _is_ref(ref) else None
        origin = origins.html(kid) if isinstance(kid, pydyf.Dictionary) else None
        if kid is not None and origin is not None and previous and previous[1] is origin \
                and previous[0].get("S") == kid.get("S"):
            _append(pdf, previous[0], kid)
            moved[bytes(ref)] = previous[0].reference
            continue
        joined.append(ref)
        previous = (kid, origin) if origin is not None else None
    element["K"] = joined
    for ref in joined:
        if _is_ref(ref):
            kid = _obj(pdf, ref)
            if isinstance(kid, pydyf.Dictionary) and kid.get("Type") == "/StructElem":
                _join_pieces(pdf, kid, moved, origins)


def _append(pdf, first, second) -> None:
    for kid in second["K"]:
        if isinstance(kid, int):  # a marked-content id on the second piece's page
            first["K"].append(pydyf.Dictionary({"Type": "/MCR", "Pg": second["Pg"], "MCID": kid}))
            continue
        if _is_ref(kid):
            target = _obj(pdf, kid)
            if isinstance(target, pydyf.Dictionary) and target.get("Type") == "/StructElem":
                target["P"] = first.reference
        first["K"].append(kid)


def _reachable(pdf, root) -> set[bytes]:
    seen: set[bytes] = set()
    stack = list(root["K"])
    while stack:
        ref = stack.pop()
        if not _is_ref(ref) or bytes(ref) in seen:
            continue
        seen.add(bytes(ref))
        kid = _obj(pdf, ref)
        if isinstance(kid, pydyf.Dictionary) and isinstance(kid.get("K"), pydyf.Array):
            stack.extend(kid["K"])
    return seen


def _to_artifacts(stream, loose: set[int]) -> None:
    items = stream.stream
    for i in range(1, len(items) - 1):
        props = items[i]
        if isinstance(props, pydyf.Dictionary) and props.get("MCID") in loose and items[i + 1] == b"BDC":
            items[i - 1] = "/Artifact"
            items[i] = pydyf.Dictionary({"Type": "/Pagination"})


def _is_ref(value) -> bool:
    return isinstance(value, bytes) and value.endswith(b" R")


def _obj(pdf, reference):
    return pdf.objects[int(bytes(reference).split()[0])]
