"""`handouts new-clinic SLUG`: a commented clinic folder to start from."""
from __future__ import annotations

import click

from handouts.cli.options import progress

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command("new-clinic")
@click.argument("slug")
def new_clinic(slug) -> None:
    """Make clinics/SLUG/ with a commented clinic.yaml and a placeholder logo.

    The values are examples (sample: true); replace them, then run
    `handouts check --clinic SLUG`.
    """
    from handouts.publish.scaffold import new_clinic as scaffold

    folder = scaffold(slug)
    progress(f"Made {folder}: edit {folder / 'clinic.yaml'}, replace logo.svg, "
             f"then run `handouts check --clinic {slug}`.")
