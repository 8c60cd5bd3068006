"""`handouts check`: check every input without making a PDF."""
from __future__ import annotations

import click

from handouts.cli.options import CLINIC_HELP, CONTENT_HELP

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
@click.option("--pemat", is_flag=True, help="Also score each handout with PEMAT-P and print the reviewer checklist.")
def check(content, clinics, pemat) -> None:
    """Check content.yaml and the clinic files without making any PDF.

    Lists every problem as FILE:LINE:COL: field: message. Exit code 0 when
    everything is fine, 1 when not. --pemat adds the PEMAT-P scores of each
    handout and the checklist of the items a reviewer decides.
    """
    from handouts import api, checks
    from handouts.checks import pemat as pemat_report

    inputs = api.load_inputs(content, list(clinics))
    for line in checks.reports(inputs) + (pemat_report.report(inputs) if pemat else []):
        click.echo(line)
    click.echo(f"OK: {len(inputs.content.model.handouts)} handouts, {len(inputs.clinics)} clinic(s) checked.", err=True)
