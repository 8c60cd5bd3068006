"""Patient packets: the press PDFs of one clinic and language joined into one file, each handout starting on a
right-hand page.

The packet keeps PDF/X-4: output intent, XMP identification, boxes and dates are carried over (press/pdfx.py);
its XMP DocumentID is derived from its parts, its title is made of the parts' titles (so it is in the
delivery's language). Its font subsets are renamed after their programs (fonts/subset_tags.py), identical
ICC profiles are stored once. The marks and slug of the parts are replaced by the packet's own (its name,
its page numbers); blank pages have no content stream.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf

from handouts.fonts.subset_tags import retag_subsets
from handouts.press import crop_marks, finish, pdfx

TITLE_SEPARATOR = " | "  # the parts' titles are "<handout title> | <clinic name>"


def build_packet(paths: list[Path], name: str, bleed_pt: float, marks: str = "crop", draft: bool = False) -> bytes:
    """draft: the slug of every page says the packet is a proof only."""
    sources = [pikepdf.open(p) for p in paths]
    try:
        packet = pikepdf.new()
        for src in sources:
            packet.pages.extend(src.pages)
            if len(src.pages) % 2:  # the next handout starts on a right-hand (odd) page
                _add_blank(packet, src.pages[-1])
        seed = hashlib.sha256(b"".join(Path(p).read_bytes() for p in paths)).digest()
        pdfx.carry(sources[0], packet, seed, title([pdfx.title_of(src) for src in sources]))
        retag_subsets(packet)  # each handout's subsets came under the same names
        finish.share_profiles(packet)
        finish.tidy(packet)
        crop_marks.apply(packet, crop_marks.draft_label(name) if draft else name, bleed_pt, marks)
        return finish.save(packet)
    finally:
        for src in sources:
            src.close()


def title(parts: list[str]) -> str:
    """"<clinic>: <title 1> · <title 2> ..." from the parts' own titles, which are in the packet's language."""
    split = [part.split(TITLE_SEPARATOR, 1) for part in parts if part]
    if not split:
        return "Patient packet"
    clinic = split[0][1] if len(split[0]) == 2 else ""
    titles = " · ".join(pieces[0] for pieces in split)
    return f"{clinic}: {titles}" if clinic else titles


def _add_blank(pdf, like) -> None:
    """A blank page with the same media, trim and bleed boxes as `like`. No content stream at all: an empty
    one gets compressed to a zero-length Flate stream, which Ghostscript and MuPDF report as damaged."""
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=pikepdf.Dictionary())
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if box in like.obj:
            page[box] = pikepdf.Array([float(v) for v in like.obj[box]])
    pdf.pages.append(pikepdf.Page(page))
