"""Imposed sheets: every page placed on the sheet as a form XObject must carry its bleed to the sheet's
BleedBox on the outer edges. A form bounded by its page's TrimBox stops at the trim: after cutting, a band
that should run off the edge shows a sliver of paper."""
from __future__ import annotations

import pikepdf

from handouts.publish.prepress import Finding, scan

SLACK = 0.05  # pt
FIX = "place each page as a form bounded by its BleedBox (`handouts bundle --booklet` does)"


def check(pdf: pikepdf.Pdf) -> list[Finding]:
    found: list[Finding] = []
    for number, page in enumerate(pdf.pages, 1):
        if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
            continue  # boxes.py reports it
        trim = [float(v) for v in page.obj.TrimBox]
        bleed = [float(v) for v in page.obj.BleedBox]
        for name, box in _placed_forms(page):
            short = _short_edges(box, trim, bleed)
            if short:
                found.append(Finding(f"placed page {name} stops at the trim on the {', '.join(short)} edge "
                                     "instead of reaching the bleed", FIX, number))
    return found


def _short_edges(box: list[float], trim: list[float], bleed: list[float]) -> list[str]:
    """The sheet edges where the placed form ends at the TrimBox although the BleedBox lies beyond it."""
    edges = (("left", 0, -1), ("bottom", 1, -1), ("right", 2, 1), ("top", 3, 1))
    return [edge for edge, i, outward in edges
            if abs(box[i] - trim[i]) <= SLACK and (bleed[i] - trim[i]) * outward > SLACK]


def _placed_forms(page: pikepdf.Page) -> list[tuple[str, list[float]]]:
    """(name, bounds on the page) of each form XObject the page's own content draws."""
    return [(name, scan.transformed([float(v) for v in form.BBox], ctm))
            for name, form, ctm, depth in scan.placements(page)
            if depth == 0 and form.get("/Subtype") == "/Form" and "/BBox" in form]
