"""Saddle-stitch booklets: a packet imposed 2-up on the print shop's sheet, in folding order.

Done with pikepdf form XObjects rather than an imposition library: pdfimpose (the maintained one on
PyPI) is AGPL and works through PyMuPDF, and its output would still need the PDF/X-4 output intent,
XMP and boxes put back. Here each packet page becomes a form XObject, placed twice per sheet side
with its bleed clipped at the spine; crop marks (trim corners) and dashed fold marks (spine) are drawn
in the slug in the registration colour, so the sheet stays PDF/X-4 with an exact TrimBox and BleedBox.
"""
from __future__ import annotations

import hashlib
import io
import re
import uuid
from dataclasses import dataclass

import pikepdf

from handouts.errors import HandoutsError
from handouts.plan.variants import PRESS_BLEED_MM

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


def impose(packet: bytes, chosen: Sheet, title: str = "Patient packet (booklet)") -> bytes:
    """The packet's pages 2-up on `chosen`, in saddle-stitch order, as a PDF/X-4 file."""
    with pikepdf.open(io.BytesIO(packet)) as src:
        trim = [float(v) for v in src.pages[0].obj.TrimBox]
        bleed = trim[0] - float(src.pages[0].obj.get("/BleedBox", src.pages[0].obj.TrimBox)[0])
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        _check_fits(chosen, width, height, bleed)
        out = pikepdf.new()
        forms = [None if _blank(page) else out.copy_foreign(page.as_form_xobject()) for page in src.pages]
        x0, y0 = (chosen.width - 2 * width) / 2, (chosen.height - height) / 2
        registration = out.make_indirect(pikepdf.Array([
            pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
            pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)]))
        for left, right in saddle_order(len(src.pages)):
            content, xobjects = [], pikepdf.Dictionary()
            for slot, number in enumerate((left, right)):
                form = forms[number - 1] if number <= len(forms) else None
                if form is None:
                    continue  # a blank page: nothing to draw
                name = f"/P{number}"
                xobjects[name] = form
                slot_x = x0 + slot * width
                clip_x = slot_x - bleed if slot == 0 else slot_x   # no bleed across the spine
                clip_w = width + bleed
                content.append(f"q {clip_x:.3f} {y0 - bleed:.3f} {clip_w:.3f} {height + 2 * bleed:.3f} re W n "
                               f"1 0 0 1 {slot_x - trim[0]:.3f} {y0 - trim[1]:.3f} cm {name} Do Q")
            content.append(_marks(x0, y0, width, height, bleed))
            page = pikepdf.Dictionary(
                Type=pikepdf.Name.Page, MediaBox=[0, 0, round(chosen.width, 3), round(chosen.height, 3)],
                TrimBox=_box(x0, y0, x0 + 2 * width, y0 + height),
                BleedBox=_box(x0 - bleed, y0 - bleed, x0 + 2 * width + bleed, y0 + height + bleed),
                Resources=pikepdf.Dictionary(XObject=xobjects, ColorSpace=pikepdf.Dictionary(Reg=registration)),
                Contents=out.make_stream("\n".join(content).encode()))
            out.pages.append(pikepdf.Page(page))
        _carry_pdfx(src, out, packet, title)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, fix_metadata_version=False, linearize=False)
        return buffer.getvalue()


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


def _marks(x0: float, y0: float, width: float, height: float, bleed: float) -> str:
    """Crop marks at the four corners of the spread's trim, dashed fold marks at the spine, all
    outside the bleed, in the registration colour (every plate)."""
    near, far = bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH
    x1, y1, spine = x0 + 2 * width, y0 + height, x0 + width
    lines = []
    for x, direction in ((x0, -1), (x1, 1)):
        for y in (y0, y1):
            lines.append((x + direction * near, y, x + direction * far, y))   # horizontal, beside the corner
    for y, direction in ((y0, -1), (y1, 1)):
        for x in (x0, x1):
            lines.append((x, y + direction * near, x, y + direction * far))   # vertical, above/below
    crop = " ".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l" for a, b, c, d in lines)
    fold = " ".join(f"{spine:.3f} {y + sign * near:.3f} m {spine:.3f} {y + sign * far:.3f} l"
                    for y, sign in ((y0, -1), (y1, 1)))
    return (f"q /Reg CS 1 SCN {MARK_WIDTH} w 0 J {crop} S [3 2] 0 d {fold} S Q")


def _carry_pdfx(src, out, packet: bytes, title: str) -> None:
    """Output intent, XMP (new DocumentID from the packet's bytes, new title) and dates of the packet."""
    out.Root.OutputIntents = out.copy_foreign(src.make_indirect(src.Root.OutputIntents))
    digest = hashlib.sha256(b"booklet\0" + packet).digest()
    xmp = bytes(src.Root.Metadata.read_bytes())
    xmp = re.sub(rb"xmp\.did:[0-9a-f-]{36}", f"xmp.did:{uuid.UUID(bytes=digest[:16], version=4)}".encode(), xmp)
    xmp = re.sub(rb"(<dc:title>.*?<rdf:li[^>]*>).*?(</rdf:li>)", rb"\1" + title.encode() + rb"\2", xmp, flags=re.S)
    out.Root.Metadata = out.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    for key in ("/Producer", "/Creator", "/Author", "/CreationDate", "/ModDate", "/Trapped"):
        if key in src.docinfo:
            out.docinfo[key] = src.docinfo[key]
    out.docinfo["/Title"] = pikepdf.String(title)
