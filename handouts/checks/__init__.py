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
CHECKS: list[Check] = []


def register(check: Check) -> Check:
    CHECKS.append(check)
    return check


def run_all(inputs: "Inputs") -> "list[Problem]":
    from . import references  # noqa: F401  (registers itself)

    problems: list = []
    for check in CHECKS:
        problems += check(inputs)
    return problems
