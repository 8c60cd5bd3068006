"""The `handouts` command: thin click commands over handouts.api. Library imports are lazy so
`--help` is instant."""
from __future__ import annotations

import sys

import click

from .errors import EXIT_INTERNAL_ERROR, HandoutsError

CONTENT_HELP = "The content file (default: content.yaml in the project)."
CLINIC_HELP = "A clinic's folder name under clinics/ (e.g. example-clinic) or a path to its clinic.yaml. Repeat for several; default: all clinics."


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
def cli() -> None:
    """Make your clinic's patient handouts as print-ready PDFs.

    \b
    Most common:
      handouts build                          every handout for every clinic, into output/
      handouts build --clinic example-clinic  one clinic only
    """


@cli.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
@click.option("--handout", "handouts", multiple=True, metavar="NAME",
              help="Only this handout (pre-consultation, day-of-infusion, aftercare). Repeat for several.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Output folder (default: output/).")
def build(content, clinics, handouts, out_dir) -> None:
    """Check the inputs, then make the PDFs and output/manifest.json.

    Nothing is written if any input has a problem; each problem is listed
    with its file, line and field.
    """
    from . import api

    inputs = api.load_inputs(content, list(clinics))
    result = api.build(inputs, out_dir, list(handouts) or None, progress=_progress)
    click.echo(f"Made {len(result.entries)} PDF(s) in {result.out_dir}; manifest: {result.manifest_path}", err=True)


@cli.command()
@click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)
@click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP)
def check(content, clinics) -> None:
    """Check content.yaml and the clinic files without making any PDF.

    Lists every problem as FILE:LINE:COL: field: message. Exit code 0 when
    everything is fine, 1 when not.
    """
    from . import api, checks

    inputs = api.load_inputs(content, list(clinics))
    for line in checks.reports(inputs):
        click.echo(line)
    click.echo(f"OK: {len(inputs.content.model.handouts)} handouts, {len(inputs.clinics)} clinic(s) checked.", err=True)


from .cli_personal import personalize, serve  # noqa: E402  (issue 7: patient handouts, staff web page)

cli.add_command(personalize)
cli.add_command(serve)


def main() -> None:
    """Console entry point: user errors print one line each; anything else is a bug, said plainly."""
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except HandoutsError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # an internal error: short message, no traceback unless asked for
        import os
        import traceback

        if os.environ.get("HANDOUTS_DEBUG"):
            traceback.print_exc()
        click.echo(f"internal error: {exc.__class__.__name__}: {exc} (set HANDOUTS_DEBUG=1 for details; "
                   f"please report it)", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
