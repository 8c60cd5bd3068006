"""What check, build, bundle and preflight share for pipelines: --strict, and the JSON report on stdout."""
from __future__ import annotations

import json

import click

from handouts.errors import HandoutsError, InvalidInput, Problem


class StrictFailed(HandoutsError):
    """--strict and at least one warning: the warnings were printed above."""

    def __init__(self, count: int, action: str):
        super().__init__(f"--strict: {count} warning(s) above count as errors; {action}")


def fail_on_warnings(warnings: list[Problem], action: str) -> None:
    """--strict: print every warning and stop (exit 1) before anything is written."""
    if warnings:
        for problem in warnings:
            click.echo(str(problem), err=True)
        raise StrictFailed(len(warnings), action)


def problems_of(error: HandoutsError) -> list[Problem]:
    """The placed problems of an input error; any other user error as one problem without a file."""
    if isinstance(error, InvalidInput):
        return error.problems
    return [Problem("", 0, 0, "", error.format_message())]


def emit(document) -> None:
    """Write a models.report.Report as JSON on stdout; exit 1 unless it is ok (nothing else goes to stdout)."""
    data = document.model_dump(mode="json", exclude_none=False)
    if data.get("files") is None:
        data.pop("files", None)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    if not document.ok:
        raise click.exceptions.Exit(1)
