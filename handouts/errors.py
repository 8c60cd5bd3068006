"""User-facing errors. Anything a user can fix is a `HandoutsError`; everything else is a bug.

Every problem names a place (file, line, column) and a field, so that `handouts` can print it
as one line: ``FILE:LINE:COL: field.path: message``.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

import click

# Exit codes: 0 ok, 1 the user's input is wrong, 2 bad command line (click's own), 3 internal error.
EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 3


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    field: str
    message: str
    # "error" stops a build; "warning" does not (a DRAFT mark, a stale translation) unless --strict is given.
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"warning: {text}" if self.severity == "warning" else text

    def as_warning(self) -> Problem:
        return replace(self, severity="warning")


def display_path(path: str | Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class HandoutsError(click.ClickException):
    """Base of every error the user can fix; the CLI prints it without a traceback."""

    exit_code = EXIT_USER_ERROR

    def show(self, file=None) -> None:
        click.echo(self.format_message(), file=file or sys.stderr)


class InvalidInput(HandoutsError):
    """One or more problems in the input files, all reported at once, sorted by place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(HandoutsError):
    """A clinic, handout or file named on the command line does not exist."""


class RenderFailed(HandoutsError):
    """WeasyPrint could not render a job (reported per job by batch builds)."""
