"""Checks that need the whole, loaded input (content and clinics together).

A check is a function `(inputs) -> list[Problem]`; a warning is one too, whose problems do not stop a build
(translation status, drafts); a report is `(inputs) -> list[str]`, lines of information that `handouts check`
prints (reading levels). `api.load_inputs` runs every check,
so `handouts check` and `handouts build` always apply the same rules. To add a check, write it in a module of
its own here and add it to CHECKS (or REPORTS) below, in the order its findings should be listed.
"""
from __future__ import annotations

from collections.abc import Callable

from handouts.checks import (
    characters,
    contrast,
    fasting,
    file_names,
    logo,
    readability,
    references,
    review_dates,
    translations,
)
from handouts.errors import Problem
from handouts.load.inputs import Inputs

Check = Callable[[Inputs], list[Problem]]
Report = Callable[[Inputs], list[str]]
Warn = Callable[[Inputs], list[Problem]]

CHECKS: tuple[Check, ...] = (
    references.quoted_values_are_filled,
    references.brand_font_is_installed,
    translations.clinic_languages_have_translations,
    translations.clinic_text_in_every_language,
    contrast.brand_colours_have_contrast,
    characters.clinic_text_prints_as_typed,
    logo.logos_draw_cleanly,
    readability.reading_level_within_limits,
    file_names.press_names_fit,
)
# Warnings do not stop a build (its PDFs say DRAFT instead); `--strict` makes every one of them fail.
WARNINGS: tuple[Warn, ...] = (
    translations.translation_status,
    review_dates.draft_handouts,
    review_dates.unapproved_clinics,
    fasting.fasting_below_guidance,
)
REPORTS: tuple[Report, ...] = (
    readability.reading_level_table,
)


# Checks that say whether every handout can be put together (its clinic values and translations), and the
# checks that put every handout together to judge it: those run only when the first found nothing.
WHOLE: frozenset[Check] = frozenset({references.quoted_values_are_filled,
                                     translations.clinic_languages_have_translations,
                                     translations.clinic_text_in_every_language})
RESOLVES: frozenset[Check] = frozenset({readability.reading_level_within_limits})


def run_all(inputs: Inputs) -> list[Problem]:
    found: list[Problem] = []
    broken = False
    for check in CHECKS:
        if broken and check in RESOLVES:
            continue
        problems = check(inputs)
        broken |= bool(problems) and check in WHOLE
        found += problems
    return found


def warnings(inputs: Inputs) -> list[Problem]:
    return [problem for warn in WARNINGS for problem in warn(inputs)]


def reports(inputs: Inputs, found: list[Problem] | None = None) -> list[str]:
    """Every line `handouts check` prints: the warnings (`found`, if already collected), then the information."""
    found = warnings(inputs) if found is None else found
    return [*map(str, found), *(line for report in REPORTS for line in report(inputs))]
