"""`handouts preflight`: check PDFs for press."""
from __future__ import annotations

import click

from handouts.cli.options import format_option
from handouts.errors import HandoutsError

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--tac", type=click.FloatRange(min=100, max=400), default=300, show_default=True, metavar="PERCENT",
              help="Total ink limit: the most C+M+Y+K any colour, gradient or image pixel may use.")
@format_option
def preflight(files, tac, output_format) -> None:
    """Check PDFs for press: PDF/X claim against PDF version, Info and XMP;
    output intent; trim, bleed and art boxes; embedded fonts; image
    resolution; RGB anywhere a RIP looks (forms, patterns, shadings, soft
    masks, annotations, Type 3 fonts); total ink. One line per problem,
    FILE: page N: what: how to fix. Exit code 1 on any error."""
    from handouts.publish import preflight as checks

    reports = [checks.check(path, tac=tac) for path in files]
    if output_format == "json":
        from handouts.cli.report import emit
        from handouts.models import report as model

        problems = [model.ReportProblem(file=str(r.path), line=None, column=None,
                                        field=f"page {f.page}" if f.page else "", message=f"{f.what}: {f.fix}",
                                        severity="warning" if f.warning else "error")
                    for r in reports for f in r.findings]
        emit(model.report("preflight", problems, files=[
            model.PreflightFile(file=str(r.path), ok=r.ok, standard=r.standard, output_intent=r.intent,
                                boxes=r.trim_bleed) for r in reports]))
        return
    for report in reports:
        click.echo("\n".join(report.lines()))
    failed = sum(not report.ok for report in reports)
    if failed:
        raise HandoutsError(f"preflight: {failed} of {len(files)} file(s) failed")
