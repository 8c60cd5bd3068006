"""Options and progress output shared by several commands."""
from __future__ import annotations

import sys

import click

CONTENT_HELP = "The content file (default: content.yaml in the project)."
CLINIC_HELP = "A clinic's folder name under clinics/ (e.g. example-clinic) or a path to its clinic.yaml. Repeat for several; default: all clinics."


def progress(message: str) -> None:
    click.echo(message, err=True)


def batch_options(command):
    """--jobs, --force, --shard, --icc: shared by build and bundle."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the number of CPUs)."),
        click.option("--force", is_flag=True, help="Make every PDF again, even if its inputs did not change."),
        click.option("--shard", metavar="K/N", help="Build only the K-th of N parts (split a big batch over machines)."),
        click.option("--icc", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                     help="CMYK ICC profile for print PDFs (default: Ghostscript's default_cmyk.icc)."),
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

    if not sys.stderr.isatty():
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
