"""Page boxes: TrimBox inside BleedBox inside MediaBox, ArtBox absent or inside the TrimBox, a bleed."""
from __future__ import annotations

import pikepdf

from handouts.publish.prepress import Finding

MIN_BLEED_PT = 8.5  # 3 mm
SLACK = 0.01  # pt: rounding in the writer


def check(pdf: pikepdf.Pdf) -> tuple[str | None, list[Finding]]:
    """(a one-line summary of trim and bleed, findings)."""
    found: list[Finding] = []
    bleeds: list[float] = []
    size = (0.0, 0.0)
    for number, page in enumerate(pdf.pages, 1):
        boxes = {k: _box(page.obj.get(f"/{k}")) for k in ("TrimBox", "BleedBox", "ArtBox")}
        boxes["MediaBox"] = _box(page.mediabox)  # may be inherited from the page tree
        media, trim, bleed, art = boxes["MediaBox"], boxes["TrimBox"], boxes["BleedBox"], boxes["ArtBox"]
        if trim is None:
            found.append(Finding("no TrimBox", "the press cannot tell where to cut; make the page with a "
                                 "TrimBox (`handouts build --variant print`)", number))
            continue
        if bleed is None:
            found.append(Finding("no BleedBox", "give the page a BleedBox 3 mm outside the TrimBox "
                                 "(`handouts build --variant print` does)", number))
            continue
        if not _inside(trim, bleed):
            found.append(Finding("the TrimBox is not inside the BleedBox", "the bleed must surround the trim", number))
        if media is not None and not _inside(bleed, media):
            found.append(Finding("the BleedBox is not inside the MediaBox", "grow the MediaBox to hold the bleed",
                                 number))
        if art is not None and not _inside(art, trim):
            found.append(Finding("the ArtBox reaches outside the TrimBox",
                                 "remove the ArtBox or make it fit inside the TrimBox", number))
        bleeds.append(min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]))
        size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
    if not bleeds:
        return None, found
    low = round(min(bleeds), 2)
    if low < MIN_BLEED_PT - SLACK:
        found.append(Finding(f"the bleed is {low} pt", f"presses want at least 3 mm ({MIN_BLEED_PT} pt) on every side",
                             warning=True))
    return f"trim {size[0]} x {size[1]} pt, bleed {low} pt ({low / 72 * 25.4:.1f} mm)", found


def _box(value) -> list[float] | None:
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - SLACK and inner[1] >= outer[1] - SLACK
            and inner[2] <= outer[2] + SLACK and inner[3] <= outer[3] + SLACK)
