"""A Job is one PDF to make: clinic x handout x language x variant. Planning turns selectors into jobs."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

from babel import Locale, UnknownLocaleError

from handouts.errors import NotFound
from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent
from handouts.models.patient import Patient
from handouts.plan.variants import DEFAULT_CMYK_PROFILE, DEFAULT_VARIANT, MARK_MODES, VARIANTS


@dataclass(frozen=True)
class Job:
    clinic: LoadedClinic
    content: LoadedContent
    handout: str
    lang: str = "en"
    variant: str = DEFAULT_VARIANT
    icc_profile: Path | None = None  # CMYK output profile of press variants; None = DEFAULT_CMYK_PROFILE
    marks: str = "crop"  # press variants: "crop" (marks and slug outside the bleed) or "none" (bleed only)
    output_condition: str | None = None  # registered condition of that profile (e.g. FOGRA39); None = its own
    # Private: in memory only. Not part of the key, output path, equality or repr, so it can
    # never reach a cache key, the manifest or a log line.
    patient: Patient | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        return f"{self.clinic.slug}/{self.handout}/{self.lang}/{self.variant}"

    @property
    def locale(self) -> str:
        """The language as written in the clinic's country (en-GB dates for a UK clinic), where Babel has that
        locale; else the language alone (Spanish at a UK clinic keeps Spanish dates)."""
        return regional_locale(self.lang, self.clinic.model.region.country)

    @property
    def cmyk_profile(self) -> Path:
        return Path(self.icc_profile or DEFAULT_CMYK_PROFILE).resolve()

    @property
    def output_path(self) -> PurePosixPath:
        """Where the PDF (or the web variant's page) goes, relative to the output folder."""
        extension = VARIANTS[self.variant].extension
        return PurePosixPath(self.clinic.slug, f"{self.handout}-{self.lang}-{self.variant}.{extension}")


@cache
def regional_locale(lang: str, country: str) -> str:
    """"en" + "GB" -> "en-GB" when Babel knows it; the language alone otherwise."""
    try:
        Locale.parse(f"{lang.replace('-', '_')}_{country}")
    except (UnknownLocaleError, ValueError):
        return lang
    return f"{lang}-{country}"


def plan(content: LoadedContent, clinics: list[LoadedClinic], handouts: list[str] | None = None,
         langs: list[str] | None = None, variants: list[str] | None = None,
         icc_profile: Path | None = None, shard: tuple[int, int] | None = None,
         output_condition: str | None = None, marks: str = "crop") -> list[Job]:
    """Every requested combination, in a stable order (clinic, handout, language, variant); with shard=(K, N),
    only the K-th of N parts. marks: printer's marks of press variants (MARK_MODES)."""
    known = list(content.model.handouts)
    for name in handouts or []:
        if name not in known:
            raise NotFound(f"no handout called {name!r} (known handouts: {', '.join(known)})")
    for variant in variants or []:
        if variant not in VARIANTS:
            raise NotFound(f"no variant called {variant!r} (known variants: {', '.join(VARIANTS)})")
    if marks not in MARK_MODES:
        raise NotFound(f"no marks setting called {marks!r} (known: {', '.join(MARK_MODES)})")
    printed = {lang for clinic in clinics for lang in clinic.model.languages}
    for lang in langs or []:
        if lang not in printed:
            raise NotFound(f"no selected clinic prints language {lang!r} (they print: {', '.join(sorted(printed))}; "
                           f"add it to `languages:` in clinic.yaml)")
    jobs = []
    for clinic in clinics:
        for handout in handouts or known:
            for lang in langs or clinic.model.languages:
                if lang not in clinic.model.languages:
                    continue
                for variant in variants or [DEFAULT_VARIANT]:
                    jobs.append(Job(clinic, content, handout, lang, variant, icc_profile, marks=marks,
                                    output_condition=output_condition))
    return select_shard(jobs, *shard) if shard else jobs


def parse_shard(text: str) -> tuple[int, int]:
    """"K/N" (1 <= K <= N) -> (K, N)."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        k = n = 0
    if not 1 <= k <= n:
        raise NotFound(f"--shard {text}: expected K/N with 1 <= K <= N, e.g. 2/4")
    return k, n


def select_shard(jobs: list[Job], k: int, n: int) -> list[Job]:
    """The K-th of N parts: a job belongs to the part its key hashes to (sha256, not Python's salted
    hash), so every machine computes the same split and each job is in exactly one part."""
    return [job for job in jobs if int(hashlib.sha256(job.key.encode()).hexdigest(), 16) % n == k - 1]
