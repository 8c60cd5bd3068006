"""`handouts check`: check every input without making a PDF."""
from __future__ import annotations

import click

from handouts.cli.options import format_option, inputs_options, progress, quiet, strict_option

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command()
@inputs_options
@click.option("--pemat", is_flag=True, help="Also score each handout with PEMAT-P and print the reviewer checklist.")
@strict_option
@format_option
def check(content, clinics, pemat, strict, output_format) -> None:
    """Check content.yaml and the clinic files without making any PDF.

    Lists every problem as FILE:LINE:COL: field: message. Exit code 0 when
    everything is fine, 1 when not (with --strict, also on any warning).
    --pemat adds the PEMAT-P scores of each handout and the checklist of the
    items a reviewer decides.
    """
    from handouts import api, checks
    from handouts.checks import pemat as pemat_report
    from handouts.cli import report
    from handouts.errors import HandoutsError
    from handouts.models import report as model

    try:
        inputs = api.load_inputs(content, list(clinics))
    except HandoutsError as exc:
        if output_format != "json":
            raise
        report.emit(model.report("check", [model.from_problem(p) for p in report.problems_of(exc)], strict))
        return
    warnings = checks.warnings(inputs)
    if output_format == "json":
        report.emit(model.report("check", [model.from_problem(p) for p in warnings], strict))
        return
    lines = list(map(str, warnings)) if quiet() else checks.reports(inputs, warnings)
    for line in lines + (pemat_report.report(inputs) if pemat else []):
        click.echo(line)
    if strict and warnings:
        raise report.StrictFailed(len(warnings), "fix them, or leave out --strict")
    progress(f"OK: {len(inputs.content.model.handouts)} handouts, {len(inputs.clinics)} clinic(s) checked.")
