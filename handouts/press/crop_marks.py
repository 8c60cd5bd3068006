"""Crop marks and a slug outside the bleed, drawn into finished press PDFs.

WeasyPrint's own `marks: crop` draws inside the bleed (its page box is the bleed box), in black only.
A print shop wants them outside: each page's MediaBox grows by a slug around the BleedBox, while the
TrimBox and BleedBox stay exactly where they were. In the slug, at every corner, two hairlines continue
the trim edges, starting beyond the bleed (so no mark can print on the sheet after trimming), in the
registration colour (a Separation named All: every plate prints it, so the marks line up the plates).
Under the bottom edge the slug names the file and the page, for the operator who finds a stray sheet.

The marks live in two content streams of their own, tagged with MARK, so a packet made of marked
pages can strip them and draw its own (with the packet's name and page numbers).
"""
from __future__ import annotations

import pikepdf

from handouts.fonts import slug
from handouts.plan import variants

MM = 72 / 25.4
GAP = 1 * MM          # from the bleed edge to the start of a mark
LENGTH = 6 * MM       # of each mark
MARGIN = 2 * MM       # beyond the marks, to the media edge
LINE = 0.3            # pt, a hairline a press can hold
TEXT_SIZE = 6.0       # pt
MARK = b"%press-marks"
FONT, SPACE = "/PressSlugFont", "/PressAll"  # resource names
MODES = variants.MARK_MODES


def slug_width(bleed_pt: float) -> float:
    """How far the MediaBox reaches beyond the TrimBox on each side when marks are drawn."""
    return bleed_pt + GAP + LENGTH + MARGIN


def apply(pdf: pikepdf.Pdf, name: str, bleed_pt: float, mode: str = "crop") -> None:
    """Marks and slug on every page (mode "crop"), or the bare bleed (mode "none": MediaBox = BleedBox,
    what many online printers ask for). TrimBox and BleedBox are left as they are."""
    if mode not in MODES:
        raise ValueError(f"marks must be one of {', '.join(MODES)}, not {mode!r}")
    strip(pdf)
    font = slug.embed(pdf) if mode == "crop" else None
    space = pdf.make_indirect(registration_space()) if mode == "crop" else None
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, 1):
        trim = [float(v) for v in page.obj.TrimBox]
        bleed = [float(v) for v in page.obj.get("/BleedBox", page.obj.TrimBox)]
        if mode == "none":
            page.obj.MediaBox = pikepdf.Array(bleed)
            continue
        grow = slug_width(bleed_pt)
        page.obj.MediaBox = pikepdf.Array([trim[0] - grow, trim[1] - grow, trim[2] + grow, trim[3] + grow])
        resources = _child(page.obj, "/Resources")
        _child(resources, "/Font")[FONT] = font
        _child(resources, "/ColorSpace")[SPACE] = space
        # q ... Q around the page's own content: whatever state it leaves, the marks start clean.
        page.contents_add(pdf.make_stream(b"q " + MARK + b"\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"Q " + MARK + b"\n" + draw(trim, bleed_pt, f"{name}  -  page {number} of {total}")))


def draft_label(name: str) -> str:
    """The slug of a draft's pages: an operator who finds a stray sheet sees it is no final."""
    return f"DRAFT - PROOF ONLY, NOT FOR PRODUCTION - {name}"


def registration_space() -> pikepdf.Array:
    """[/Separation /All /DeviceCMYK f]: tint 1 prints 100 % on every plate."""
    tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)
    return pikepdf.Array([pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK, tint])


def draw(trim: list[float], bleed_pt: float, label: str, gap: float = GAP, length: float = LENGTH) -> bytes:
    """Crop marks at the four corners of `trim` and the slug line under it; a booklet sheet passes shorter
    marks (`gap`, `length`) so that a spread with its bleed still fits the sheets shops stock."""
    x0, y0, x1, y1 = trim
    near, far = bleed_pt + gap, bleed_pt + gap + length
    lines = []
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            lines.append((x + sx * near, y, x + sx * far, y))   # continues the horizontal trim edge
            lines.append((x, y + sy * near, x, y + sy * far))   # continues the vertical trim edge
    ops = [f"{SPACE} CS {SPACE} cs 1 SCN 1 scn {LINE} w 0 J [] 0 d"]
    ops += [f"{_n(a)} {_n(b)} m {_n(c)} {_n(d)} l S" for a, b, c, d in lines]
    text = slug.ascii_text(label)
    baseline = y0 - far + 0.5
    ops.append(f"BT {FONT} {_n(TEXT_SIZE)} Tf {_n(x0 + 4 * MM)} {_n(baseline)} Td ({_escape(text)}) Tj ET")
    return ("\n".join(ops) + "\n").encode("ascii")


def strip(pdf: pikepdf.Pdf) -> None:
    """Remove marks drawn by `apply` (the MediaBox goes back to the BleedBox)."""
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        if not isinstance(contents, pikepdf.Array):
            continue
        kept = [s for s in contents if not _is_mark(s)]
        if len(kept) == len(contents):
            continue
        page.obj.Contents = pikepdf.Array(kept)
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for group, key in (("/Font", FONT), ("/ColorSpace", SPACE)):
            if key in resources.get(group, pikepdf.Dictionary()):
                del resources[group][key]
        page.obj.MediaBox = pikepdf.Array([float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)])


def _child(parent, key: str):
    if key not in parent:
        parent[key] = pikepdf.Dictionary()
    return parent[key]


def _is_mark(stream) -> bool:
    data = stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    return data.split(b"\n", 1)[0].endswith(MARK)


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
