"""Why a document is a draft. Every reason printed here puts a DRAFT mark on every page.

Content review dates (content.yaml) and translation review status add their reasons here.
"Today" comes from HANDOUTS_TODAY (YYYY-MM-DD) when set, so tests and reprints of an old date are deterministic.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from handouts import settings
from handouts.errors import HandoutsError
from handouts.load import translations as translation
from handouts.load.translations import JobView
from handouts.models.clinic import Clinic
from handouts.models.content import Content, Handout
from handouts.models.translation import UiStrings


def today() -> dt.date:
    try:
        return settings.today()
    except ValueError as exc:
        raise HandoutsError(str(exc)) from None


def review_reasons(handout: Handout, on: dt.date | None = None, ui: UiStrings = translation.ENGLISH_UI) -> list[str]:
    """Reasons from the handout's review record in content.yaml, in the words of `ui` (a language's UiStrings)."""
    review = handout.review
    if review is None or review.reviewed_on is None:
        return [translation.word(ui, "review_missing")]
    if review.next_review is None:
        return [translation.word(ui, "review_no_next")]
    if review.next_review < (on or today()):
        return [translation.word(ui, "review_expired").replace("{date}", review.next_review.isoformat())]
    return []


def draft_reasons(job: JobView, on: dt.date | None = None) -> list[str]:
    """Every reason, in the job's language (they are printed on the PDF)."""
    handout = job.content.model.handouts[job.handout]
    clinic = getattr(job, "clinic", None)  # a planned Job always has one; a bare content view has none
    approval = approval_reasons(clinic.model, job.content.model, translation.ui(job)) if clinic else []
    return [*review_reasons(handout, on, translation.ui(job)), *approval, *translation_reasons(job)]


def values_hash(clinic: Clinic) -> str:
    """8 hex digits of sha256 over every clinic value but the approval itself: what a director signs."""
    values = clinic.model_dump(mode="json", exclude={"approval"})
    data = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:8]


def approval_reasons(clinic: Clinic, content: Content, ui: UiStrings = translation.ENGLISH_UI) -> list[str]:
    """Why the clinic's medical director has not approved what would print: no approval, an approval of an
    older content version, or of clinic values that changed since."""
    approval = clinic.approval
    if approval is None:
        return [translation.word(ui, "approval_missing")]
    reasons = []
    if approval.content_version != content.version:
        reasons.append(translation.word(ui, "approval_old_version").replace("{version}", approval.content_version))
    if approval.values_hash != values_hash(clinic):
        reasons.append(translation.word(ui, "approval_values_changed"))
    return reasons


def translation_reasons(job: JobView) -> list[str]:
    return translation.draft_reasons(job)


def version(job: JobView) -> str:
    """The handout's own version when it has a review record, else the content file's."""
    return handout_version(job.content.model, job.handout)


def handout_version(content: Content, handout: str) -> str:
    """The version of one handout of a content model (see version)."""
    review = content.handouts[handout].review
    return str(review.version if review else content.version)


def reviewed_on(job: JobView) -> str:
    review = job.content.model.handouts[job.handout].review
    return review.reviewed_on.isoformat() if review and review.reviewed_on else "not reviewed"
