"""The machine-readable report of `handouts check --format json` and `handouts preflight --format json`.

Scripts, CI jobs and editor integrations read it instead of parsing lines meant for people. Its JSON Schema
is schemas/report.schema.json (generated from these models by `handouts schema`, like the input schemas).
"""
from __future__ import annotations

import re
from typing import Final, Literal

from pydantic import Field

from handouts.errors import Problem
from handouts.models.base import Model

REPORT_VERSION: Final = 1
_PAGE = re.compile(r"^(page \d+): (.*)$", re.DOTALL)


class ReportProblem(Model):
    file: str | None = Field(description="The file, as given on the command line or relative to the working "
                                         "folder; null for a problem with the command itself (e.g. an unknown clinic).")
    line: int | None = Field(ge=1, description="1-based line in the file; null when the problem is about the whole "
                                               "file (or a PDF, which has no lines).")
    column: int | None = Field(ge=1, description="1-based column; null when line is null.")
    field: str = Field(description='Where in the file: a dotted path like "contact.website" or "policy.bring[2]"; '
                                   '"page 3" in a PDF; "" for the whole file.')
    message: str = Field(min_length=1, description="What is wrong and how to fix it, in plain words (one line).")
    severity: Literal["error", "warning"] = Field(description="error: the command fails; warning: it fails only "
                                                              "with --strict (e.g. a DRAFT mark).")


class PreflightFile(Model):
    file: str
    ok: bool = Field(description="false when the PDF has at least one error.")
    standard: str | None = Field(description='PDF/X version from the XMP metadata, e.g. "PDF/X-4"; null if none.')
    output_intent: str | None = Field(description="OutputConditionIdentifier of the output intent; null if none.")
    boxes: str | None = Field(description="Trim size and bleed, in points and millimetres.")


class Report(Model):
    version: Literal[1] = Field(description="Format version; a new version is made for changes that break readers.")
    command: Literal["check", "preflight"]
    ok: bool = Field(description="What the exit code says: true for exit 0.")
    strict: bool = Field(description="true when warnings were counted as errors (--strict).")
    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    problems: list[ReportProblem] = Field(description="Every problem, sorted by file, line and column.")
    files: list[PreflightFile] | None = Field(None, description="preflight only: what was found in each PDF.")


def from_problem(problem: Problem) -> ReportProblem:
    """A loader or check problem (line 0 = the whole file) as a report entry."""
    placed = problem.line > 0
    return ReportProblem(file=problem.file or None, line=problem.line if placed else None,
                         column=max(problem.col, 1) if placed else None, field=problem.field,
                         message=problem.message, severity="warning" if problem.severity == "warning" else "error")


Severity = Literal["error", "warning"]


def from_pdf_finding(path: str, message: str, severity: Severity) -> ReportProblem:
    """A preflight finding ("page 3: font X is not embedded") with its page as the field."""
    match = _PAGE.match(message)
    page, text = (match.group(1), match.group(2)) if match else ("", message)
    return ReportProblem(file=path, line=None, column=None, field=page, message=text, severity=severity)


def report(command: Literal["check", "preflight"], problems: list[ReportProblem], strict: bool = False,
           files: list[PreflightFile] | None = None) -> Report:
    problems = sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))  # stable: keeps order within
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return Report(version=REPORT_VERSION, command=command, ok=not errors and not (strict and warnings),
                  strict=strict, errors=errors, warnings=warnings, problems=problems, files=files)
