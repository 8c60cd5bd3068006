"""A laid-out document -> PDF bytes, deterministic and finished.

- Dates come from the content. fontTools reads SOURCE_DATE_EPOCH for the timestamp of the font subsets it
  writes: it is set to the content's release date, never restored (every render of the same content sets the
  same value, so renders in threads cannot race on it).
- WeasyPrint's `finisher` (run before the file identifier is computed from the bytes) remaps glyph codes so
  text extracts as written and fixes the structure tree.
- Press variants then go through press/finish.py: CMYK all the way down, marks outside the bleed, the
  PDF/X XMP DocumentID derived from the HTML (press/pdfx.py).
"""
from __future__ import annotations

import calendar
import io
import os

import pydyf

from handouts.errors import RenderFailed
from handouts.plan import review, variants
from handouts.plan.jobs import Job
from handouts.press import cmyk, crop_marks, finish, icc
from handouts.typeset import structure
from handouts.typeset.hooks import noting_origins, svg_colours_for
from handouts.typeset.text import codes


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


def _finisher(origins: structure.Origins):
    """Text that extracts as written, the structure tree fixed."""

    def finish(document, pdf) -> None:
        codes.remap(document, pdf)
        structure.fix(pdf, origins)

    return finish


def write_document(document, job: Job, html: str, name: str | None = None) -> bytes:
    """The PDF of a laid-out document. html: the text its document id derives from; name: the file name
    press variants print in their slug (default: the job's output file name)."""
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(job.content.model.released.timetuple()))
    out = io.BytesIO()
    with noting_origins() as origins, svg_colours_for(job):
        document.write_pdf(out, finisher=_with_output_intent(job, _finisher(origins)),
                           **variants.get(job.variant).pdf_options)
    if variants.get(job.variant).cmyk:
        return finish_press(out.getvalue(), job, name or job.output_path.name, html)
    return out.getvalue()


def finish_press(data: bytes, job: Job, name: str, html: str = "") -> bytes:
    """CMYK all the way down, marks outside the bleed, PDF/X details (press/finish.py). The XMP DocumentID
    derives from the HTML and the variant; a draft says so in the slug of every page."""
    spec = variants.get(job.variant)
    bleed_pt = spec.bleed_for(job.clinic.model.paper) * 72 / 25.4
    label = crop_marks.draft_label(name) if review.draft_reasons(job) else name
    try:
        return finish.finish(data, profile=str(job.cmyk_profile), bleed_pt=bleed_pt, name=label,
                             marks=job.marks if bleed_pt else "none", seed=f"{job.variant}\0{html}".encode())
    except cmyk.ConversionError as exc:
        logo = f"{job.clinic.folder.name}/{job.clinic.model.brand.logo}"
        raise RenderFailed(f"{logo}: {exc}: the {job.variant} PDF needs colours it can turn into CMYK; "
                           "use flat colours or linear/radial gradients in the logo") from None
