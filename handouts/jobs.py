"""A Job is one PDF to make: clinic x handout x language x variant. Planning turns selectors into jobs."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .clinics import LoadedClinic
from .content import LoadedContent
from .errors import NotFound
from .models.patient import Patient

VARIANTS = ("office",)


@dataclass(frozen=True)
class Job:
    clinic: LoadedClinic
    content: LoadedContent
    handout: str
    lang: str = "en"
    variant: str = "office"
    # Private (issue 7): in memory only. Not part of the key, output path, equality or repr, so it can
    # never reach a cache key, the manifest or a log line.
    patient: "Patient | None" = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.clinic.slug}/{self.handout}/{self.lang}/{self.variant}"

    @property
    def output_path(self) -> PurePosixPath:
        """Where the PDF goes, relative to the output folder."""
        return PurePosixPath(self.clinic.slug, f"{self.handout}-{self.lang}-{self.variant}.pdf")


def plan(content: LoadedContent, clinics: list[LoadedClinic], handouts: list[str] | None = None,
         langs: list[str] | None = None, variants: list[str] | None = None) -> list[Job]:
    """Every requested combination, in a stable order (clinic, handout, language, variant)."""
    known = list(content.model.handouts)
    for name in handouts or []:
        if name not in known:
            raise NotFound(f"no handout called {name!r} (known handouts: {', '.join(known)})")
    for variant in variants or []:
        if variant not in VARIANTS:
            raise NotFound(f"no variant called {variant!r} (known variants: {', '.join(VARIANTS)})")
    jobs = []
    for clinic in clinics:
        for handout in handouts or known:
            for lang in langs or clinic.model.languages:
                if lang not in clinic.model.languages:
                    continue
                for variant in variants or ["office"]:
                    jobs.append(Job(clinic, content, handout, lang, variant))
    return jobs
