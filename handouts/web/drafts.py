"""Which of a clinic's languages would print as a DRAFT (an unreviewed or out-of-date translation, or a
handout whose review has lapsed), so the page can say so before anyone prints one for a patient."""
from __future__ import annotations

from functools import lru_cache

from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent
from handouts.plan import review
from handouts.plan.jobs import Job


class Drafts:
    def __init__(self, content: LoadedContent, clinics: dict[str, LoadedClinic]):
        self.content = content
        self.clinics = clinics

    def is_draft(self, clinic: str, handouts: list[str] | tuple[str, ...], lang: str) -> bool:
        """True when any of HANDOUTS in LANG for CLINIC carries a DRAFT mark today."""
        return any(self._reasons(clinic, handout, lang, review.today().isoformat()) for handout in handouts)

    def draft_languages(self, clinic: str, handouts: list[str] | tuple[str, ...]) -> set[str]:
        known = self.clinics.get(clinic)
        if known is None:
            return set()
        return {lang for lang in known.model.languages if self.is_draft(clinic, handouts, lang)}

    @lru_cache(maxsize=512)  # noqa: B019 -- one Drafts lives as long as the app; the day is part of the key
    def _reasons(self, clinic: str, handout: str, lang: str, day: str) -> tuple[str, ...]:
        known = self.clinics.get(clinic)
        if known is None or handout not in self.content.model.handouts or lang not in known.model.languages:
            return ()
        return tuple(review.draft_reasons(Job(known, self.content, handout, lang)))
