"""The identification of a press file, edited through pikepdf's XMP interface only (never as text): the
XMP DocumentID derived from what the file was made from, the title, and our Producer, kept the same in
the XMP metadata and the Info dictionary (PDF/X wants the two to agree)."""
from __future__ import annotations

import hashlib
import uuid
from importlib import metadata

import pikepdf

import handouts


def producer() -> str:
    """Who made the file: a shop that meets a problem asks us, not WeasyPrint's authors."""
    return f"handouts {handouts.__version__} (WeasyPrint {metadata.version('weasyprint')})"


def document_id(seed: bytes) -> str:
    """A uuid from `seed`: equal inputs give equal bytes, a changed document gets a new id."""
    return f"xmp.did:{uuid.UUID(bytes=hashlib.sha256(seed).digest()[:16], version=4)}"


def identify(pdf: pikepdf.Pdf, seed: bytes, title: str | None = None) -> None:
    """Set DocumentID (from `seed`), Producer and, when given, the title, in XMP and Info alike."""
    made_by = producer()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["xmpMM:DocumentID"] = document_id(seed)
        meta["pdf:Producer"] = made_by
        if title is not None:
            meta["dc:title"] = title
    pdf.docinfo["/Producer"] = pikepdf.String(made_by)
    if title is not None:
        pdf.docinfo["/Title"] = pikepdf.String(title)


def carry(src: pikepdf.Pdf, out: pikepdf.Pdf, seed: bytes, title: str) -> None:
    """A file made from `src`'s pages (a packet, a booklet): its output intent, XMP and dates, a new id and title."""
    out.Root.OutputIntents = out.copy_foreign(src.make_indirect(src.Root.OutputIntents))
    out.Root.Metadata = out.make_stream(bytes(src.Root.Metadata.read_bytes()),
                                        Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    for key in ("/Creator", "/Author", "/CreationDate", "/ModDate", "/Trapped"):
        if key in src.docinfo:
            out.docinfo[key] = src.docinfo[key]
    identify(out, seed, title)


def title_of(pdf: pikepdf.Pdf) -> str:
    return str(pdf.docinfo.get("/Title", ""))
