"""One patient's handout from pages laid out once: only page 1 (the heading and the visit box) depends on
the patient, so a schedule lays out the rest once per clinic x handout x language x variant in each process.

In a personalized handout the visit box ends its page (PATIENT_PAGE, for the whole render too), so nothing
the patient's details do can move the pages after it. A row is then:

- the pages after page 1 from a render of the same handout without a patient (write-in lines instead of
  details: nothing private is kept between rows), laid out once and kept in this process;
- page 1 from a render of the row's own HTML cut after the visit box, with empty pages after it so that
  "page 1 of N" counts the same pages;
- written as one PDF by WeasyPrint (Document.copy), through the same write_document as a whole render:
  tags, text-layer fixes, document id. A merged schedule (engine.render_merged) lays out its rows the same
  way, so a day of N rows lays out N first pages and the rest once.

When the cut render does not hold the visit box on page 1 (details long enough to push it to page 2) or
the page counts differ, the row falls back to the whole render: same text, tags and page count either way.
"""
from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from typing import Any

from weasyprint.document import Page

from handouts.plan.jobs import Job

# The patient's part (heading and visit box) ends page 1, in the whole render as in the reused one. The
# empty pages after a row's page 1 are only counted (its "page 1 of N"), never written: without margin
# boxes they cost next to nothing to lay out (with them, about as much as page 1 itself).
PATIENT_PAGE = """.visit { break-after: page; }
.reuse-filler { page: reuse-filler; break-before: page; }
@page reuse-filler {
  @top-left { content: none !important; } @top-right { content: none !important; }
  @bottom-left { content: none !important; } @bottom-right { content: none !important; }
}"""
_FILLER = '<div class="reuse-filler"></div>'
KEPT = 8  # patient-free documents kept per process (a schedule uses one; the web page a few handouts)
_KEPT: OrderedDict[str, Any] = OrderedDict()  # HTML -> WeasyPrint Document
_LOCK = threading.Lock()


def cut_after_visit(html: str, pages: int) -> str | None:
    """The HTML up to the end of the visit box, then pages - 1 empty pages; None if the page has no
    visit box followed by the handout's main part."""
    start, end = html.find("<main>"), html.rfind("</body>")
    if start < 0 or end < start or 'class="visit"' not in html[:start]:
        return None
    return html[:start] + _FILLER * (pages - 1) + html[end:]


def _has_text(page) -> bool:
    """Whether the page's own area (not its margin boxes: header, footer) holds any text."""
    def walk(box):
        if type(box).__name__ == "TextBox":
            return True
        return any(walk(child) for child in getattr(box, "children", None) or ())
    return any(walk(child) for child in page._page_box.children if type(child).__name__ != "MarginBox")


def _holds_visit(page) -> bool:
    """Whether any box on the page comes from the visit box."""
    def walk(box):
        element = getattr(box, "element", None)
        if element is not None and "visit" in (element.get("class") or "").split():
            return True
        return any(walk(child) for child in getattr(box, "children", None) or ())
    return walk(page._page_box)


def patient_free(job: Job, lay_out) -> tuple[Any, str]:
    """The job's handout laid out without a patient (kept by its HTML), and that HTML."""
    from handouts.render.html import render_parts

    html = render_parts(dataclasses.replace(job, patient=None))[0]
    with _LOCK:
        document = _KEPT.get(html)
        if document is not None:
            _KEPT.move_to_end(html)
            return document, html
    document = lay_out(dataclasses.replace(job, patient=None), html)
    with _LOCK:
        _KEPT[html] = document
        while len(_KEPT) > KEPT:
            _KEPT.popitem(last=False)
    return document, html


def reused_document(job: Job, html: str, lay_out):
    """The row's document from its own page 1 and the patient-free pages after it, or None (whole render).
    html: the row's document HTML (render_parts); lay_out(job, html): a laid-out Document, with the shared
    theme and PATIENT_PAGE."""
    shared, _ = patient_free(job, lay_out)
    cut = cut_after_visit(html, len(shared.pages))
    if cut is None or len(shared.pages) < 2 or any(_holds_visit(page) for page in shared.pages[1:]):
        return None
    first = lay_out(job, cut)
    if len(first.pages) != len(shared.pages) or any(_has_text(page) for page in first.pages[1:]):
        return None  # the visit box did not stay on page 1
    return first.copy([first.pages[0], *(_own_copy(page) for page in shared.pages[1:])])


def _own_copy(page):
    """The page over its own copy of the boxes (a few ms): WeasyPrint notes a link's PDF annotation on the
    link's box as it writes, so pages written twice into one file (a merged schedule repeats the kept
    pages once per row) would tag every row's links to the last row's annotations."""
    return Page(page._page_box.deepcopy())


def forget() -> None:
    with _LOCK:
        _KEPT.clear()
