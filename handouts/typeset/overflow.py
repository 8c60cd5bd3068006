"""After layout, nothing may run past its line or off the page.

WeasyPrint lays out what it is given and writes it even when a word is wider than its column (it runs
under the next box) or a box is taller than the page (it is cut off). The theme wraps long words
(`overflow-wrap: break-word`; `anywhere` where a min-content width decides the layout) and the models cap
field lengths to what a page holds; this check is the proof on each laid-out document, naming the content
block or clinic field where text still overflows.
"""
from __future__ import annotations

TOLERANCE = 1.0  # CSS px: rounding in the layout, not an overflow

# Where a box comes from: an element's class -> the clinic field or part of the page it prints.
_CLASSES = {
    "clinic-name": "clinic name (name)",
    "web-url": "clinic website (contact.website)",
    "contact": "contact details at the end (name, contact.phone, contact.address, contact.website)",
    "visit": "the patient's visit box",
    "titleband": "handout title",
    "masthead": "heading of page 1 (clinic name, logo, website, handout title)",
}


def find(document) -> str | None:
    """A one-line description of the first overflow in a laid-out WeasyPrint Document, or None."""
    for number, page in enumerate(document.pages, 1):
        found = [(box, ancestors, why) for box, ancestors in _walk(page._page_box, ())
                 if (why := _past(box, ancestors, page.width, page.height))]
        if found:  # the innermost box names the culprit best (the text, not the page heading around it)
            box, ancestors, why = max(found, key=lambda item: len(item[1]))
            return f"page {number}: the {_source(box, ancestors)} {why}"
    return None


def _walk(box, ancestors: tuple):
    yield box, ancestors
    for child in getattr(box, "children", None) or ():
        yield from _walk(child, (*ancestors, box))


def _past(box, ancestors: tuple, width: float, height: float) -> str | None:
    if not ancestors or box.position_x is None:
        return None
    try:
        left, top = box.position_x, box.position_y
        right, bottom = left + box.margin_width(), top + box.margin_height()
    except (TypeError, AttributeError):  # boxes without a used size (e.g. absolutely positioned markers)
        return None
    if right > width + TOLERANCE or left < -TOLERANCE:
        return "runs off the side of the page"
    if bottom > height + TOLERANCE:
        return "runs off the bottom of the page"
    if type(box).__name__ == "LineBox":
        block = ancestors[-1]
        if right > block.content_box_x() + block.width + TOLERANCE and not _scrolls(block):
            return "is wider than its column and runs into what is next to it"
    return None


def _scrolls(block) -> bool:
    return block.style["overflow"] != "visible"


def _source(box, ancestors: tuple) -> str:
    for node in (box, *reversed(ancestors)):
        if type(node).__name__ == "MarginBox":
            return "page header or footer (name, contact.phone, or the handout title)"
        element = getattr(node, "element", None)
        if element is None:
            continue
        for name in (element.get("class") or "").split():
            if name in _CLASSES:
                return _CLASSES[name]
        if element.get("id") and element.tag not in ("html", "body"):
            return f"block {element.get('id')} (content.yaml)"
    return "text"
