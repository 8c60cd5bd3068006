"""A laid-out document -> PDF bytes, deterministic and finished.

- Dates come from the content. fontTools reads SOURCE_DATE_EPOCH for the timestamp of the font subsets it
  writes: it is set to the content's release date, never restored (every render of the same content sets the
  same value, so renders in threads cannot race on it).
- WeasyPrint's `finisher` (run before the file identifier is computed from the bytes) remaps glyph codes so
  text extracts as written, fixes the structure tree, and derives the PDF/X XMP DocumentID from the HTML.
- Press variants then go through press/finish.py: CMYK all the way down, marks outside the bleed.
"""
from __future__ import annotations

import calendar
import hashlib
import io
import os
import re
import uuid

import pydyf

from handouts.errors import RenderFailed
from handouts.plan import variants
from handouts.plan.jobs import Job
from handouts.press import cmyk, finish, icc
from handouts.typeset import structure
from handouts.typeset.hooks import noting_origins, svg_colours_for
from handouts.typeset.text import codes


def _document_id_finisher(job: Job, html: str):
    """A finisher that makes the PDF/X XMP DocumentID a uuid derived from the HTML and the variant, so equal
    inputs give equal bytes and a changed document gets a new id."""
    digest = hashlib.sha256(f"{job.variant}\0{html}".encode()).digest()
    stable = f"xmp.did:{uuid.UUID(bytes=digest[:16], version=4)}".encode()

    def finish(document, pdf) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            return
        stream = pdf.objects[int(reference.split()[0])]
        stream.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, chunk) for chunk in stream.stream]

    return finish


def _with_output_intent(job: Job, finisher):
    """In press files, after `finisher`: the output intent names the profile's output condition (read from
    the profile, or the job's override) and holds the profile file's own bytes, where WeasyPrint writes
    Pillow's re-serialisation and only the description."""
    if not variants.get(job.variant).cmyk:
        return finisher
    profile = icc.read(job.cmyk_profile)
    fields = profile.intent(job.output_condition)

    def finish(document, pdf) -> None:
        finisher(document, pdf)
        for intent in pdf.catalog.get("OutputIntents", []):
            for key, value in fields.items():
                intent[key] = pydyf.String(value)
            pdf.objects[int(intent["DestOutputProfile"].split()[0])].stream = [profile.data]

    return finish


def _finisher(job: Job, html: str, origins: structure.Origins):
    """Text that extracts as written, the structure tree fixed, then the stable document id."""
    document_id = _document_id_finisher(job, html)

    def finish(document, pdf) -> None:
        codes.remap(document, pdf)
        structure.fix(pdf, origins)
        document_id(document, pdf)

    return finish


def write_document(document, job: Job, html: str, name: str | None = None) -> bytes:
    """The PDF of a laid-out document. html: the text its document id derives from; name: the file name
    press variants print in their slug (default: the job's output file name)."""
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(job.content.model.released.timetuple()))
    out = io.BytesIO()
    with noting_origins() as origins, svg_colours_for(job):
        document.write_pdf(out, finisher=_with_output_intent(job, _finisher(job, html, origins)),
                           **variants.get(job.variant).pdf_options)
    if variants.get(job.variant).cmyk:
        return finish_press(out.getvalue(), job, name or job.output_path.name)
    return out.getvalue()


def finish_press(data: bytes, job: Job, name: str) -> bytes:
    """CMYK all the way down, marks outside the bleed, PDF/X details (press/finish.py)."""
    spec = variants.get(job.variant)
    bleed_pt = spec.bleed_for(job.clinic.model.paper) * 72 / 25.4
    try:
        return finish.finish(data, profile=str(job.cmyk_profile), bleed_pt=bleed_pt, name=name,
                            marks=job.marks if bleed_pt else "none")
    except cmyk.ConversionError as exc:
        logo = f"{job.clinic.folder.name}/{job.clinic.model.brand.logo}"
        raise RenderFailed(f"{logo}: {exc}: the {job.variant} PDF needs colours it can turn into CMYK; "
                           "use flat colours or linear/radial gradients in the logo") from None
