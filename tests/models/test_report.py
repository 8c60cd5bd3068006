"""The JSON report's entries built directly from problems and preflight findings: placement, severity, order
and the ok flag a CI job reads."""
from __future__ import annotations

import pytest
from pydantic import ValidationError

from handouts.errors import Problem
from handouts.models.report import REPORT_VERSION, ReportProblem, from_pdf_finding, from_problem, report


def entry(file: str | None, line: int | None, severity: str = "error", column: int | None = None) -> ReportProblem:
    return ReportProblem(file=file, line=line, column=column if column or line is None else 1, field="",
                         message="m", severity=severity)


def test_a_problem_on_a_line_keeps_its_place_and_a_whole_file_problem_has_none():
    placed = from_problem(Problem("clinic.yaml", 1, 0, "name", "too long", "warning"))
    assert (placed.file, placed.line, placed.column, placed.field, placed.severity) == (
        "clinic.yaml", 1, 1, "name", "warning")
    assert from_problem(Problem("clinic.yaml", 7, 12, "", "bad")).column == 12
    whole = from_problem(Problem("", 0, 5, "", "no clinic called x"))
    assert (whole.file, whole.line, whole.column, whole.severity) == (None, None, None, "error")


def test_a_pdf_finding_names_its_page_as_the_field():
    found = from_pdf_finding("a.pdf", "page 3: font X is not embedded", "warning")
    assert (found.field, found.message, found.line, found.severity) == ("page 3", "font X is not embedded", None,
                                                                         "warning")
    whole = from_pdf_finding("a.pdf", "no output intent", "error")
    assert (whole.field, whole.message) == ("", "no output intent")


def test_problems_are_sorted_by_file_line_and_column_and_counted():
    problems = [entry("b", 2), entry("a", None), entry("b", 1, "warning", 9), entry("b", 1, "error", 3),
                entry(None, None)]
    made = report("check", problems)
    assert [(p.file, p.line, p.column) for p in made.problems] == [
        (None, None, None), ("a", None, None), ("b", 1, 3), ("b", 1, 9), ("b", 2, 1)]
    assert (made.version, made.errors, made.warnings, made.ok) == (REPORT_VERSION, 4, 1, False) == (1, 4, 1, False)


@pytest.mark.parametrize(("severities", "strict", "ok"), [
    ([], False, True), ([], True, True), (["warning"], False, True), (["warning"], True, False),
    (["error"], False, False), (["error"], True, False)])
def test_ok_is_what_the_exit_code_says(severities, strict, ok):
    made = report("preflight", [entry("f", 1, s) for s in severities], strict=strict)
    assert (made.ok, made.strict, made.errors + made.warnings) == (ok, strict, len(severities))


def test_lines_and_columns_start_at_one_and_counts_at_zero():
    with pytest.raises(ValidationError):
        entry("f", 0)
    with pytest.raises(ValidationError):
        ReportProblem(file="f", line=1, column=0, field="", message="m", severity="error")
    with pytest.raises(ValidationError):
        ReportProblem(file="f", line=1, column=1, field="", message="", severity="error")
    made = report("check", [])
    assert (made.errors, made.warnings) == (0, 0)
    with pytest.raises(ValidationError):
        made.model_validate({**made.model_dump(), "errors": -1})


def test_a_report_is_not_strict_unless_asked():
    """preflight's JSON passes no `strict`: its warnings alone leave the report ok."""
    made = report("preflight", [entry("a.pdf", None, "warning")])
    assert (made.strict, made.ok) == (False, True)
