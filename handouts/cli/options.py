"""Options and progress output shared by several commands."""
from __future__ import annotations

import logging
import math
import sys

import click

from handouts.cli import complete

CONTENT_HELP = "The content file (default: content.yaml in the project)."
CLINIC_HELP = "A clinic's folder name under clinics/ (e.g. example-clinic) or a path to its clinic.yaml. Repeat for several; default: all clinics."


def quiet() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get("handouts.quiet"))


def progress(message: str) -> None:
    """A line for the person watching (stderr); -q silences it. Problems and errors are never silenced."""
    if not quiet():
        click.echo(message, err=True)


def inputs_options(command):
    """--content and --clinic (repeatable): the inputs of check, build and bundle."""
    command = click.option("--clinic", "clinics", multiple=True, metavar="SLUG_OR_FILE", help=CLINIC_HELP,
                           shell_complete=complete.clinics)(command)
    return click.option("--content", type=click.Path(dir_okay=False), help=CONTENT_HELP)(command)


class FiniteRange(click.FloatRange):
    """A FloatRange that also refuses nan and infinity (nan compares false with both bounds, so it passes)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def batch_options(command):
    """--jobs, --force, --shard, --icc, --timeout: shared by build and bundle."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the number of CPUs)."),
        click.option("--force", is_flag=True, help="Make every PDF again, even if its inputs did not change."),
        click.option("--shard", type=Shard(), help="Build only the K-th of N parts (split a big batch over machines)."),
        click.option("--icc", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                     help="CMYK ICC profile for print PDFs (default: Ghostscript's default_cmyk.icc)."),
        click.option("--timeout", type=FiniteRange(min=1, max=24 * 3600), default=300, show_default=True, metavar="SECONDS",
                     help="Time one PDF may take; past it that PDF fails and the others go on."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def marks_option(command):
    """--marks: printer's marks of print PDFs (build --variant print, bundle)."""
    return click.option(
        "--marks", type=click.Choice(["crop", "none"]), default="crop", show_default=True,
        help="Print PDFs: crop marks and a slug with the file name, outside the bleed (crop), "
             "or bleed only, no marks (none: what many online printers ask for).")(command)


def default_jobs() -> int:
    from handouts.publish.batch import default_jobs as cpus

    return cpus()


def make_reporter():
    """A progress bar on a terminal; plain lines when stderr is a file or a pipe (CI logs)."""
    from handouts.publish.batch import Reporter

    if not sys.stderr.isatty() or quiet():
        return Reporter(progress)

    class Bar(Reporter):
        def start(self, total):
            super().start(total)
            self.bar = click.progressbar(length=total, label="Making PDFs", file=sys.stderr, show_pos=True)
            self.bar.__enter__()

        def advance(self, path, status):
            self.done += 1
            if status.startswith("FAILED"):
                click.echo(f"\n{path}: {status}", err=True)
            self.bar.update(1)

        def finish(self):
            self.bar.__exit__(None, None, None)

    return Bar()


# --- Pipeline conventions: --strict, --format, click types for usage errors (exit 2), value completion ---------

def strict_option(command):
    return click.option("--strict", is_flag=True,
                        help="Every warning (a DRAFT mark, a stale or unreviewed translation) fails: exit 1.")(command)


def format_option(command):
    return click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                        show_default=True, help="json: one report on stdout for scripts and editors "
                                                "(schemas/report.schema.json).")(command)


class Shard(click.ParamType):
    """K/N with 1 <= K <= N, as a (K, N) tuple; anything else is a usage error (exit 2)."""

    name = "K/N"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        try:
            k, n = (int(part) for part in str(value).split("/"))
        except ValueError:
            k = n = 0
        if not 1 <= k <= n:
            self.fail(f"{value!r} is not K/N with 1 <= K <= N, e.g. 2/4", param, ctx)
        return k, n


# --- -q / -v on every command: our progress lines and WeasyPrint's own log -------------------------------------

class _WeasyPrintLog(logging.Handler):
    """WeasyPrint's log records as stderr lines (through click, so that whoever captures stderr gets them)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"weasyprint: {record.levelname.lower()}: {record.getMessage()}", err=True)


_WEASYPRINT_LOG = _WeasyPrintLog()
# Default and -q: nothing of WeasyPrint's own (any warning or error it logs during a render already fails that PDF
# with one line of ours naming the clinic file, typeset/guard.py); -v: its warnings and rendering steps;
# -vv: debugging detail.
_LEVELS = (logging.CRITICAL + 1, logging.INFO, logging.DEBUG)


def _set_verbosity(ctx: click.Context, param: click.Parameter, value) -> None:
    ctx.meta[f"handouts.{param.name}"] = value
    quiet, verbose = ctx.meta.get("handouts.quiet", False), ctx.meta.get("handouts.verbose", 0)
    level = logging.CRITICAL + 1 if quiet else _LEVELS[min(verbose, 2)]
    logger = logging.getLogger("weasyprint")
    _WEASYPRINT_LOG.setLevel(level)
    if _WEASYPRINT_LOG not in logger.handlers:
        logger.addHandler(_WEASYPRINT_LOG)
    if verbose and not quiet:  # only ever lowered: callers in the same process keep their own level otherwise
        logger.setLevel(level)


def add_verbosity(group: click.Group) -> None:
    """Give every command of `group` (and of its subgroups) -q and -v, so each accepts them after its name."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            add_verbosity(command)
            continue
        command.params += [
            click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_verbosity,
                         help="Only problems and errors: no progress lines, no WeasyPrint log."),
            click.Option(["-v", "--verbose"], count=True, expose_value=False, callback=_set_verbosity,
                         help="WeasyPrint's warnings and rendering steps on stderr (-vv: debugging detail)."),
        ]
