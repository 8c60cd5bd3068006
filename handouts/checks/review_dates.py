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
