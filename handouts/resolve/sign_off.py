"""The sign-off lines that end every handout: the content's reviewer of record and the clinic's approval.

They are printed only when they hold: an approval for an older content version or for changed clinic values
is not printed as an approval (the handout is a DRAFT then, and its DRAFT reasons say why).
"""
from __future__ import annotations

from babel.dates import format_date

from handouts.load import translations as translation
from handouts.plan import review
from handouts.resolve.locale import babel_locale


def lines(job) -> list[str]:
    """Plain text lines (the template escapes them), in the job's language, dates in the clinic's locale."""
    ui = translation.ui(job)
    out = []
    record = job.content.model.handouts[job.handout].review
    if record and record.reviewed_by and record.credentials:
        out.append(translation.word(ui, "content_reviewed_by").replace("{name}", record.reviewed_by)
                   .replace("{credentials}", record.credentials))
    clinic = job.clinic.model
    approval = clinic.approval
    if approval is None or review.approval_reasons(clinic, job.content.model):
        return out
    date = format_date(approval.approved_on, format="long", locale=babel_locale(job.locale))
    out.append(translation.word(ui, "approved_by").replace("{clinic}", clinic.name).replace("{name}", approval.name)
               .replace("{credentials}", approval.credentials).replace("{date}", date))
    if approval.sample:
        out.append(translation.word(ui, "approval_sample"))
    return out
