"""The `handouts` command: one module per command, each a thin layer over handouts.api."""
from __future__ import annotations

import sys

import click

from handouts.cli.audit import audit
from handouts.cli.build import build
from handouts.cli.bundle import bundle
from handouts.cli.check import check
from handouts.cli.init import init
from handouts.cli.new_clinic import new_clinic
from handouts.cli.personal import personalize
from handouts.cli.preflight import preflight
from handouts.cli.schema import schema
from handouts.cli.serve import serve
from handouts.cli.translations import translations
from handouts.cli.users import users
from handouts.errors import EXIT_INTERNAL_ERROR, HandoutsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
@click.option("--project", type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="The project folder (default: this folder or the nearest one above with content.yaml).")
def cli(project) -> None:
    """Make your clinic's patient handouts as print-ready PDFs.

    \b
    Most common:
      handouts build                          every handout for every clinic, into output/
      handouts build --clinic example-clinic  one clinic only
      handouts init my-handouts               start a new project
    """
    if project:
        from handouts import settings

        settings.use_project(project)


for command in (check, build, bundle, preflight, personalize, serve, schema, new_clinic, translations, init, users,
                audit):
    cli.add_command(command)


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
        import traceback

        from handouts import settings

        if settings.debug():
            traceback.print_exc()
        click.echo(f"internal error: {exc.__class__.__name__}: {exc} (set HANDOUTS_DEBUG=1 for details; "
                   f"please report it)", err=True)
        sys.exit(EXIT_INTERNAL_ERROR)
