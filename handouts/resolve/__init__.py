"""Resolve: a planned Job becomes the handout it prints (document.Handout), with every string in the job's
language, every clinic value filled in, every fallback chosen and every date written for the job's locale.

The one stage between plan and render that reads translations and clinic references: render/ formats what
this returns and imports nothing from load/ (an import contract says so).
"""
from __future__ import annotations

from babel.dates import format_date

from handouts.load import translations as translation
from handouts.plan import names, review, variants
from handouts.resolve import emergency, sign_off
from handouts.resolve.blocks import blocks
from handouts.resolve.document import Handout
from handouts.resolve.locale import babel_locale, direction
from handouts.resolve.timeline import alt_text
from handouts.resolve.visit import visit_box


def resolve(job) -> Handout:
    content, clinic, ui = job.content.model, job.clinic.model, translation.ui(job)
    # The handout as printed: title and subtitle in the job's language (the rest is language-free).
    handout = content.handouts[job.handout].model_copy(update=translation.handout_text(job))
    return Handout(
        key=job.key, name=job.handout, lang=job.lang, dir=direction(job.lang),
        variant=variants.get(job.variant), variant_name=job.variant, cmyk_profile=job.cmyk_profile,
        clinic=clinic, logo_path=job.clinic.logo_path,
        logo_alt=clinic.brand.logo_alt or translation.word(ui, "logo_alt").replace("{clinic}", clinic.name),
        ui=ui, title=handout.title, subtitle=handout.subtitle, doc_id=names.doc_id(job.handout, job.lang),
        version=review.version(job), review_date=review_date(job), released=content.released.isoformat(),
        draft_reasons=tuple(review.draft_reasons(job)), blocks=tuple(blocks(job)),
        emergency=emergency.callout(job), visit=visit_box(job), handout_model=handout,
        timeline_alt=alt_text(job), sign_off=tuple(sign_off.lines(job)),
    )


def review_date(job) -> str:
    """The handout's review date, written the way readers of the job's language write dates."""
    review_record = job.content.model.handouts[job.handout].review
    if not review_record or not review_record.reviewed_on:
        return "-"
    return format_date(review_record.reviewed_on, format="medium", locale=babel_locale(job.locale))
