"""Warning signs as printed: content.yaml's reviewed list in the job's language, with the clinic's change.

A clinic's `policy.call_clinic_if` (or `call_emergency_if`) adds lines to the content's list (a plain list,
or `{add: [...]}`) or replaces it (`{replace: [...]}`); without the field the content's list prints as it is.
"""
from __future__ import annotations

from handouts.load import translations as translation
from handouts.models.clinic import SignsChange, localize
from handouts.resolve.document import Phrase
from handouts.resolve.phrases import phrase

LISTS = ("call_clinic_if", "call_emergency_if")


def items(job, name: str) -> list[Phrase]:
    """The lines of warning-sign list `name` for the job."""
    clinic = job.clinic.model
    change = getattr(clinic.policy, name)
    if isinstance(change, SignsChange) and change.replace is not None:
        return [Phrase.of_clinic(line) for line in localize(change.replace, job.lang)]  # clinic data: literal
    own = getattr(job.content.model.warning_signs, name)
    lines = [phrase(line, clinic, job.lang) for line in _content_items(job, own)] if own else []
    added = change.add if isinstance(change, SignsChange) else (change or [])
    return lines + [Phrase.of_clinic(line) for line in localize(added, job.lang)]


def _content_items(job, sign_list) -> list[str]:
    return translation.block_fields(job, sign_list).get("items", [])
