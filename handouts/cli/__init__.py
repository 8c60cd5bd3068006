"""The `handouts` command: one module per command, each a thin layer over handouts.api."""
from __future__ import annotations

import errno
import os
import signal
import sys
import traceback

import click

from handouts import settings
from handouts.cli.audit import audit
from handouts.cli.build import build
from handouts.cli.bundle import bundle
from handouts.cli.check import check
from handouts.cli.init import init
from handouts.cli.new_clinic import new_clinic
from handouts.cli.options import add_verbosity
from handouts.cli.personal import personalize
from handouts.cli.preflight import preflight
from handouts.cli.schema import schema
from handouts.cli.serve import serve
from handouts.cli.translations import translations
from handouts.cli.users import users
from handouts.errors import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR, HandoutsError, display_path

# Writing failed for a reason of the machine, not of the program: a full disk, a read-only or foreign folder.
USER_OS_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR,
                  errno.EISDIR, errno.EEXIST, errno.ENAMETOOLONG}


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
add_verbosity(cli)  # after every command is added: each gets -q and -v


_stopped_by: list[int] = []


def _terminate(signum, frame) -> None:
    """SIGTERM and Ctrl-C (SIGINT) are a KeyboardInterrupt: the same clean stop (workers ended, temp files
    removed), noted so the exit says which."""
    _stopped_by.append(signum)
    raise KeyboardInterrupt()


_STOP_NAMES: dict[int, str] = {signal.SIGTERM: "SIGTERM", signal.SIGINT: "Ctrl-C"}


def main() -> None:
    """Console entry point: user errors print one line each; anything else is a bug, said plainly."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except HandoutsError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:  # click turns KeyboardInterrupt into Abort
        if _stopped_by:
            click.echo(f"Stopped ({_STOP_NAMES[_stopped_by[0]]}); nothing half-written was left.", err=True)
            # Everything is cleaned up by now; a normal exit would join the worker pool's manager thread, which
            # can wait forever for a result from a worker the same signal already ended.
            engine = sys.modules.get("handouts.typeset.engine")
            if engine is not None:  # this process's own font folder, which a normal exit would remove
                engine.release_font_config()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(128 + _stopped_by[0])
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:  # the machine's refusal (full disk, read-only folder): one line naming the path
        if exc.errno not in USER_OS_ERRORS:
            _internal(exc)
        where = f"{display_path(exc.filename)}: " if exc.filename else ""
        click.echo(f"{where}{exc.strerror}", err=True)
        sys.exit(EXIT_USER_ERROR)
    except Exception as exc:
        _internal(exc)


def _internal(exc: Exception) -> None:
    """An internal error: short message, no traceback unless asked for."""
    if settings.debug():
        traceback.print_exc()
    click.echo(f"internal error: {exc.__class__.__name__}: {exc} (set HANDOUTS_DEBUG=1 for details; "
               f"please report it)", err=True)
    sys.exit(EXIT_INTERNAL_ERROR)
