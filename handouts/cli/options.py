"""Options and progress output shared by several commands."""
from __future__ import annotations

import sys

import click

CONTENT_HELP = "The content file (default: content.yaml in the project)."
CLINIC_HELP = "A clinic's folder name under clinics/ (e.g. example-clinic) or a path to its clinic.yaml. Repeat for several; default: all clinics."


def progress(message: str) -> None:
    click.echo(message, err=True)


def batch_options(command):
    """--jobs, --force, --shard, --icc, --timeout: shared by build and bundle."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: the number of CPUs)."),
        click.option("--force", is_flag=True, help="Make every PDF again, even if its inputs did not change."),
        click.option("--shard", metavar="K/N", help="Build only the K-th of N parts (split a big batch over machines)."),
        click.option("--icc", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                     help="CMYK ICC profile for print PDFs (default: Ghostscript's default_cmyk.icc)."),
        click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True, metavar="SECONDS",
                     help="Time one PDF may take; past it that PDF fails and the others go on."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


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
