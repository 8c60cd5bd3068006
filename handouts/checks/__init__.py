"""Checks that need the whole, loaded input (content and clinics together).

Each check is a function `(inputs) -> list[Problem]`, registered in CHECKS. `api.load_inputs`
runs them all, so `handouts check` and `handouts build` always apply the same rules.
Issues add their own modules here (readability, contrast, translations) and register them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..api import Inputs
    from ..errors import Problem

Check = Callable[["Inputs"], "list[Problem]"]
Report = Callable[["Inputs"], "list[str]"]
CHECKS: list[Check] = []
REPORTS: list[Report] = []


def register(check: Check) -> Check:
    CHECKS.append(check)
    return check


def register_report(report: Report) -> Report:
    """A report prints lines of information (e.g. reading-level scores) in `handouts check`."""
    REPORTS.append(report)
    return report


def reports(inputs: "Inputs") -> list[str]:
    _load_modules()
    return [line for report in REPORTS for line in report(inputs)]


def _load_modules() -> None:
    from . import references, translations  # noqa: F401  (each module registers its checks on import)
    from . import contrast, readability, review_dates  # noqa: F401


def run_all(inputs: "Inputs") -> "list[Problem]":
    _load_modules()
    problems: list = []
    for check in CHECKS:
        problems += check(inputs)
    return problems
