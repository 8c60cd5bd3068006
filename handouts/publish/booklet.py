"""Saddle-stitch booklets: a packet imposed 2-up on the print shop's sheet, in folding order.

Done with pikepdf form XObjects rather than an imposition library: pdfimpose (the maintained one on
PyPI) is AGPL and works through PyMuPDF, and its output would still need the PDF/X-4 output intent,
XMP and boxes put back. Here each packet page becomes a form XObject bounded by its BleedBox, placed
twice per sheet side: its bleed reaches the sheet's BleedBox on the outer edges and is clipped at the
spine. In the slug: crop marks (trim corners, drawn by press/crop_marks.py as on every press file), the
sheet's number and side, dashed fold marks (spine) and a colour bar (press/sheet_marks.py), so the sheet
stays PDF/X-4 with an exact TrimBox and BleedBox.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pikepdf

from handouts.errors import HandoutsError
from handouts.fonts import slug
from handouts.plan.variants import PRESS_BLEED_MM
from handouts.press import crop_marks, pdfx, sheet_marks

MM = 72 / 25.4
INCH = 72.0
# Sheet names a shop may use; any "W x H mm" or "W x H in" works too. Always laid landscape.
SHEETS = {"a3": (420 * MM, 297 * MM), "sra3": (450 * MM, 320 * MM), "a2": (594 * MM, 420 * MM),
          "tabloid": (17 * INCH, 11 * INCH), "ledger": (17 * INCH, 11 * INCH), "12x18": (18 * INCH, 12 * INCH)}
INCH_SHEETS = {"tabloid", "ledger", "12x18"}
DEFAULT_SHEET = {"a4": "SRA3", "letter": "12x18"}  # a spread with bleed and marks fits on these
TRIM_PT = {"a4": (595.276, 841.89), "letter": (612.0, 792.0)}  # one page of the packet, by clinic paper
MARK_GAP = 3.0      # pt between the bleed edge and a mark: marks never print into the bleed
MARK_LENGTH = 12.0  # pt (about 4 mm): with the gap, a Letter spread still fits SRA3
MARK_WIDTH = 0.25   # pt, the usual hairline for crop marks
MAX_SHEET_MM = 1500  # larger than any press sheet (B0 is 1000 x 1414 mm); PDF pages stop at 5080 mm
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*(mm|in)\s*$", re.I)


class SheetError(HandoutsError):
    """A sheet size that is unknown or too small for the spread with its bleed and marks."""


@dataclass(frozen=True)
class Sheet:
    name: str
    width: float   # pt, the long side
    height: float
    inches: bool = False  # described in inches on the job sheet

    def describe(self) -> str:
        if self.inches:
            return f"{self.name} ({self.width / INCH:g} x {self.height / INCH:g} in)"
        return f"{self.name} ({self.width / MM:.0f} x {self.height / MM:.0f} mm)"


def sheet(name: str) -> Sheet:
    key = name.strip().lower().replace(" ", "")
    match = None
    if key in SHEETS:
        width, height = SHEETS[key]
    elif match := SIZE.match(key):
        unit = MM if match[3].lower() == "mm" else INCH
        width, height = float(match[1]) * unit, float(match[2]) * unit
    else:
        raise SheetError(f"unknown sheet size {name!r} (use {', '.join(SHEETS)}, or e.g. 320x450mm, 12x18in)")
    if max(width, height) > MAX_SHEET_MM * MM:
        raise SheetError(f"sheet size {name.strip()!r} is larger than any press sheet (at most {MAX_SHEET_MM} mm "
                         f"a side)")
    inches = key in INCH_SHEETS or bool(match and match[3].lower() == "in")
    return Sheet(name.strip(), max(width, height), min(width, height), inches)


def sheet_for(paper: str, name: str | None = None) -> Sheet:
    """The sheet a packet on `paper` is imposed on: the one named, or the default; SheetError if it is
    unknown or cannot hold the spread with its bleed and marks (checked before any render)."""
    chosen = sheet(name or DEFAULT_SHEET[paper])
    width, height = TRIM_PT[paper]
    _check_fits(chosen, width, height, PRESS_BLEED_MM[paper] * MM)
    return chosen


def _check_fits(chosen: Sheet, width: float, height: float, bleed: float) -> None:
    room = bleed + MARK_GAP + MARK_LENGTH
    if chosen.width < 2 * width + 2 * room - 0.01 or chosen.height < height + 2 * room - 0.01:
        raise SheetError(f"sheet {chosen.describe()} is too small for a {2 * width / MM:.0f} x {height / MM:.0f} mm "
                         f"spread with {bleed / MM:.1f} mm bleed and crop marks (needs at least "
                         f"{(2 * width + 2 * room) / MM:.0f} x {(height + 2 * room) / MM:.0f} mm)")


def saddle_order(pages: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) of each sheet side, outer sheet first, front then back;
    numbers above `pages` are the blank pages that pad it to a multiple of 4."""
    total = -(-pages // 4) * 4
    sides = []
    for s in range(total // 4):
        sides.append((total - 2 * s, 1 + 2 * s))       # front: last and first
        sides.append((2 + 2 * s, total - 1 - 2 * s))   # back
    return sides


def impose(packet: bytes, chosen: Sheet, title: str, name: str = "", draft: bool = False) -> bytes:
    """The packet's pages 2-up on `chosen`, in saddle-stitch order, as a PDF/X-4 file. name: the file name the
    slug prints with each sheet's number and side; draft: the slug says so."""
    with pikepdf.open(io.BytesIO(packet)) as src:
        trim = [float(v) for v in src.pages[0].obj.TrimBox]
        bleed = trim[0] - float(src.pages[0].obj.get("/BleedBox", src.pages[0].obj.TrimBox)[0])
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        _check_fits(chosen, width, height, bleed)
        out = pikepdf.new()
        forms = [None if _blank(page) else _placeable(out, page) for page in src.pages]
        x0, y0 = (chosen.width - 2 * width) / 2, (chosen.height - height) / 2
        font = slug.embed(out)
        registration = out.make_indirect(crop_marks.registration_space())
        sides = saddle_order(len(src.pages))
        for index, (left, right) in enumerate(sides):
            content, xobjects = [], pikepdf.Dictionary()
            for slot, number in enumerate((left, right)):
                form = forms[number - 1] if number <= len(forms) else None
                if form is None:
                    continue  # a blank page: nothing to draw
                xobjects[f"/P{number}"] = form
                content.append(_place(f"/P{number}", slot, x0 + slot * width, y0, width, height, bleed, trim))
            side = ("front", "back")[index % 2]
            label = f"{name}  -  sheet {index // 2 + 1} of {len(sides) // 2}, {side} (pages {left} | {right})"
            content.append(_marks(x0, y0, width, height, bleed, crop_marks.draft_label(label) if draft else label))
            page = pikepdf.Dictionary(
                Type=pikepdf.Name.Page, MediaBox=[0, 0, round(chosen.width, 3), round(chosen.height, 3)],
                TrimBox=_box(x0, y0, x0 + 2 * width, y0 + height),
                BleedBox=_box(x0 - bleed, y0 - bleed, x0 + 2 * width + bleed, y0 + height + bleed),
                Resources=pikepdf.Dictionary(XObject=xobjects, Font=pikepdf.Dictionary({crop_marks.FONT: font}),
                                             ColorSpace=pikepdf.Dictionary({crop_marks.SPACE: registration})),
                Contents=out.make_stream("\n".join(content).encode()))
            out.pages.append(pikepdf.Page(page))
        pdfx.carry(src, out, b"booklet\0" + packet, title)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, fix_metadata_version=False, linearize=False)
        return buffer.getvalue()


def _placeable(out: pikepdf.Pdf, page: pikepdf.Page) -> pikepdf.Object:
    """The page as a form XObject of `out` whose BBox is the page's BleedBox: qpdf makes it the TrimBox,
    which would clip away the bleed the sheet leaves room for."""
    form = out.copy_foreign(page.as_form_xobject())
    form.BBox = pikepdf.Array([float(v) for v in page.obj.get("/BleedBox", page.obj.TrimBox)])
    return form


def _place(name: str, slot: int, slot_x: float, y0: float, width: float, height: float, bleed: float,
           trim: list[float]) -> str:
    """Draw one page at its slot, its bleed kept on the sheet's outer edges (top, bottom and fore-edge) and
    clipped at the spine, where the two pages meet at the fold."""
    clip_x = slot_x - bleed if slot == 0 else slot_x
    return (f"q {clip_x:.3f} {y0 - bleed:.3f} {width + bleed:.3f} {height + 2 * bleed:.3f} re W n "
            f"1 0 0 1 {slot_x - trim[0]:.3f} {y0 - trim[1]:.3f} cm {name} Do Q")


def job_sheet_lines(records: list[dict], sheets: dict) -> list[str]:
    """How to print, fold, stitch and trim the booklets."""
    booklets = [r for r in records if r["handout"].startswith("booklet:")]
    if not booklets:
        return []
    lines = ["", "Booklets (saddle stitch): each packet imposed 2-up, in folding order, outer sheet first:"]
    for r in booklets:
        lines.append(f"  {r['file']}: {r['pages'] // 2} sheets of {sheets[r['trim']].describe()}, "
                     f"trimmed page {r['trim'].upper()}")
    lines += [
        "  Print double-sided, turning each sheet on its short edge (side to side), both sides upright.",
        "  Fold each sheet in half along the dashed fold marks, its first page outside; nest the sheets in file",
        "  order (sheet 1 outermost); staple twice through the fold; trim top, bottom and fore-edge at the",
        "  crop marks. Half-sheets left empty are the packet's blank pages and its padding to a multiple of 4.",
    ]
    return lines


def _blank(page) -> bool:
    """A page whose content draws nothing (the packet's intentional blank pages)."""
    contents = page.obj.get("/Contents")
    if contents is None:
        return True
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return all(not bytes(s.read_bytes()).strip() for s in streams)


def _box(*values: float) -> list[float]:
    return [round(v, 3) for v in values]


def _marks(x0: float, y0: float, width: float, height: float, bleed: float, label: str) -> str:
    """Crop marks at the four corners of the spread's trim with the sheet's label in the slug below, dashed fold
    marks at the spine and a colour bar above, all outside the bleed, marks in the registration colour."""
    spread = [x0, y0, x0 + 2 * width, y0 + height]
    near, far = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    crop = crop_marks.draw(spread, bleed, label, gap=MARK_GAP, length=MARK_LENGTH).decode("ascii")
    fold = sheet_marks.fold_marks(x0 + width, y0, y0 + height, near, far, crop_marks.SPACE, crop_marks.LINE)
    bar = sheet_marks.colour_bar(x0 + far, y0 + height + near, MARK_LENGTH)
    return f"q {crop} Q {fold} {bar}"
