"""Checks that need the whole, loaded input (content and clinics together).

A check is a function `(inputs) -> list[Problem]`; a report is `(inputs) -> list[str]`, lines of information
that `handouts check` prints (reading levels, translation status, drafts). `api.load_inputs` runs every check,
so `handouts check` and `handouts build` always apply the same rules. To add a check, write it in a module of
its own here and add it to CHECKS (or REPORTS) below, in the order its findings should be listed.
"""
from __future__ import annotations

from collections.abc import Callable

from handouts.checks import contrast, file_names, readability, references, review_dates, translations
from handouts.errors import Problem
from handouts.load.inputs import Inputs

Check = Callable[[Inputs], list[Problem]]
Report = Callable[[Inputs], list[str]]

CHECKS: tuple[Check, ...] = (
    references.quoted_values_are_filled,
    references.brand_font_is_installed,
    translations.clinic_languages_have_translations,
    translations.clinic_text_in_every_language,
    contrast.brand_colours_have_contrast,
    readability.reading_level_within_limits,
    file_names.press_names_fit,
)
REPORTS: tuple[Report, ...] = (
    translations.translation_status,
    readability.reading_level_table,
    review_dates.draft_handouts,
)


def run_all(inputs: Inputs) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(inputs)]


def reports(inputs: Inputs) -> list[str]:
    return [line for report in REPORTS for line in report(inputs)]
