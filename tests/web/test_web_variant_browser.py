"""The web variant in Debian's chromium: axe-core (WCAG 2.2 A and AA) finds nothing on a phone or a desktop,
no page scrolls sideways at 320 px or at 200 % zoom, and a page asks no host for anything."""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

from tests.helpers.project import script_inputs

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def web_pages(tmp_path_factory) -> dict[str, Path]:
    """Every web page of the sample clinics and the script fixtures, by output path."""
    from handouts import api

    pages = {}
    for inputs, name in ((api.load_inputs(), "web-sample"), (script_inputs(), "web-scripts")):
        result = api.build(inputs, tmp_path_factory.mktemp(name), variants=["web"], jobs=2)
        assert not result.failed
        pages.update({e.path: result.out_dir / e.path for e in result.entries})
    return pages


def open_page(browser, path: Path, viewport: dict, scale: float = 1):
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri())
    page.evaluate("document.fonts.ready")
    return context, page, [url for url in requested if not url.startswith(("data:", path.as_uri()))]


def axe_violations(page) -> list[str]:
    page.add_script_tag(content=AXE)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{v['id']}: {n['target']}" for v in results["violations"] for n in v["nodes"]]


def scrolls_sideways(page) -> bool:
    width, visible = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return width > visible


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390x844", "1280x800"])
def test_axe_finds_no_violation_and_nothing_is_fetched(browser, web_pages, viewport):
    for name, path in web_pages.items():
        context, page, fetched = open_page(browser, path, viewport)
        try:
            assert fetched == [], name
            # The fonts inside the page are the ones it uses (a bad data: URI falls back to the system's).
            assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length") >= 1, name
            assert page.evaluate("[...document.fonts].every(f => f.status !== 'error')"), name
            assert axe_violations(page) == [], name
            assert not scrolls_sideways(page), name
        finally:
            context.close()


@pytest.mark.parametrize(("viewport", "scale"), [({"width": 320, "height": 640}, 1), ({"width": 640, "height": 400}, 2)],
                         ids=["320px", "200%-zoom"])
def test_no_horizontal_scroll_at_320_px_or_200_percent(browser, web_pages, viewport, scale):
    for name, path in web_pages.items():
        context, page, _ = open_page(browser, path, viewport, scale)
        try:
            assert not scrolls_sideways(page), name
            # Every text box fits inside the page: nothing is cut at the right (or left) edge.
            overflowing = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
                const r = e.getBoundingClientRect(); return r.width && (r.right > innerWidth + 1 || r.left < -1);
            }).map(e => e.tagName + '.' + e.className)""")
            assert overflowing == [], (name, overflowing[:5])
        finally:
            context.close()
