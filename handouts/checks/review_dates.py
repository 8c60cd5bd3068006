"""Handouts that are unreviewed or past their next review date: a warning in `handouts check` (not a failure:
they still build, with DRAFT on every page, and `bundle` refuses them unless told otherwise)."""
from __future__ import annotations

from handouts.errors import Problem
from handouts.plan import review


def draft_handouts(inputs) -> list[Problem]:
    content = inputs.content
    lines = []
    for slug, handout in content.model.handouts.items():
        loc = ("handouts", slug, "review", "next_review") if handout.review and handout.review.reviewed_on \
            else ("handouts", slug)
        for reason in review.review_reasons(handout):
            problem = content.doc.problem(loc, f"DRAFT: {reason}; every page will be marked DRAFT", key=True)
            lines.append(problem.as_warning())
    return lines


def unapproved_clinics(inputs) -> list[Problem]:
    """A clinic whose medical director has not approved the current content with its current values. The
    line gives the values hash to approve, so a director signs exactly what `check` saw."""
    lines = []
    for clinic in inputs.clinics:
        reasons = review.approval_reasons(clinic.model, inputs.content.model)
        if not reasons:
            continue
        loc = ("approval",) if clinic.model.approval else ()
        message = (f"DRAFT: {'; '.join(reasons)} (content version {inputs.content.model.version}, values hash "
                   f"{review.values_hash(clinic.model)}); every page will be marked DRAFT and bundle refuses it")
        lines.append(clinic.doc.problem(loc, message, key=True).as_warning())
    return lines
