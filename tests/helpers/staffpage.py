"""Helpers for the staff page's browser tests: axe-core, where focus is, what the first viewport shows."""
from __future__ import annotations

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = [(1280, 800), (390, 844)]


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now: 'rule: target' lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{v['id']}: {node['target']}" for v in results["violations"] for node in v["nodes"]]


def focus_is_inside(page, selector: str, wait_ms: int = 5000) -> bool:
    """Whether focus is inside SELECTOR, or comes there within wait_ms: Chromium applies `autofocus` at its next
    rendering step, which on a loaded machine can come after the element is found (a test once failed so)."""
    try:
        page.wait_for_function("s => { const box = document.querySelector(s); "
                               "return !!box && box.contains(document.activeElement); }", arg=selector,
                               timeout=wait_ms)
    except PlaywrightTimeoutError:
        return False
    return True


def in_first_viewport(page, selector: str) -> bool:
    """The element is wholly visible without scrolling (measured from the top of the page)."""
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        const top = r.top + window.scrollY; return r.width > 0 && top >= 0 && top + r.height <= innerHeight; }""",
                         selector)


def in_view(page, selector: str) -> bool:
    """The element is wholly visible in the viewport as it is scrolled now."""
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight; }""", selector)
