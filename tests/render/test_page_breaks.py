"""Longer text (Spanish runs 15-25 % longer) must not orphan a heading at a page bottom, separate a
question from its answer, or split a callout or write-in box across pages. Inspected on WeasyPrint's
laid-out pages (Document API), for every handout in every sample language."""
from __future__ import annotations

import pytest
from weasyprint import HTML

from handouts import api, settings
from handouts.fonts import faces
from handouts.plan.jobs import plan
from handouts.render.html import render_html
from handouts.typeset import FolderFetcher, font_config

KEEP_WITH_NEXT = {"h2", "h3", "dt"}  # must never be the last thing on a page
KEEP_WHOLE = ("callout", "write-in")  # must never be split


def layout(html: str, folder):
    fetcher = FolderFetcher([settings.templates_dir(), folder, *faces.font_roots()])
    return HTML(string=html, base_url=settings.templates_dir().as_uri() + "/", url_fetcher=fetcher).render(
        font_config=font_config())


def _flow(box, inside_main=False):
    """Block boxes of the main flow, in document order."""
    for child in getattr(box, "children", []):
        tag = getattr(child, "element_tag", None)
        in_main = inside_main or tag == "main"
        if in_main and tag and not getattr(child, "is_for_root_element", False) and hasattr(child, "children") \
                and type(child).__name__ in ("BlockBox", "ListMarkerBox", "FlexBox", "BlockReplacedBox"):
            yield child
        yield from _flow(child, in_main)


def break_faults(document) -> list[str]:
    faults = []
    seen_whole: dict[str, int] = {}
    pages = document.pages
    for number, page in enumerate(pages, 1):
        flow = list(_flow(page._page_box))
        if not flow:
            continue
        classes = lambda b: (b.element.get("class") or "").split() if b.element is not None else []
        last_leaf = [b for b in flow if b.element_tag in ("h2", "h3", "p", "li", "dt", "dd", "div")][-1]
        if number < len(pages) and last_leaf.element_tag in KEEP_WITH_NEXT:
            faults.append(f"page {number} ends with <{last_leaf.element_tag}> {''.join(last_leaf.element.itertext()).strip()!r}")
        for box in flow:
            if any(c in classes(box) for c in KEEP_WHOLE):
                key = box.element.get("id")
                if key in seen_whole and seen_whole[key] != number:
                    faults.append(f"{key} is split over pages {seen_whole[key]} and {number}")
                seen_whole.setdefault(key, number)
    return faults


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("clinic", ["example-clinic", "harbour-health"])
def test_no_orphaned_heading_or_split_box(inputs, clinic, lang):
    selected = [c for c in inputs.clinics if c.slug == clinic]
    for job in plan(inputs.content, selected, langs=[lang]):
        document = layout(render_html(job), job.clinic.folder)
        # At most 6 pages: the safety content a medical director requires (disclosure checklist, main points,
        # visit timeline, clock times, the help box on every handout, then named medicines, screening questions,
        # stroke signs and the sign-off) made Spanish pre-consultation 6 pages and the longest English 5.
        assert len(document.pages) <= (6 if job.lang == "es" else 5), job.key
        assert break_faults(document) == [], job.key


def test_the_detector_finds_an_orphaned_heading_and_a_split_callout():
    """A page built to fail: a heading pushed to the page bottom with no keep-with-next, and a callout
    allowed to break. If the detector missed these, the test above could never fail."""
    html = """<html><head><style>@page { size: A4; margin: 0 } p, h2 { margin: 0; line-height: 10mm }</style></head>
    <body><main>
      <div style="height: 282mm"></div>
      <h2 style="break-after: auto">Alone at the bottom</h2>
      <p>Next page.</p>
      <div style="height: 270mm"></div>
      <aside id="c1" class="callout" style="break-inside: auto"><p>one</p><p>two</p><p>three</p><p>four</p></aside>
    </main></body></html>"""
    faults = break_faults(layout(html, settings.templates_dir()))
    assert any("ends with <h2>" in f for f in faults), faults
    assert any("c1 is split" in f for f in faults), faults
