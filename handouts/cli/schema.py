"""`handouts schema`: the JSON Schemas editors use for content.yaml and clinic.yaml."""
from __future__ import annotations

import click

from handouts.cli.options import progress
from handouts.errors import HandoutsError

# Commands import the library when they run: `handouts --help` and shell completion stay at 0.1 s
# instead of 1.1 s (WeasyPrint's import).


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder to write to (default: schemas/).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the files are out of date.")
def schema(out_dir, check_only) -> None:
    """Write schemas/content.schema.json and schemas/clinic.schema.json.

    Editors that read the `# yaml-language-server: $schema=...` line at the
    top of content.yaml and clinic.yaml use them to complete and underline.
    """
    from handouts.models import schema as schema_mod

    if check_only:
        stale = schema_mod.stale(out_dir)
        if stale:
            raise HandoutsError(f"out of date: {', '.join(map(str, stale))}; run `handouts schema`")
        progress("Schemas are up to date.")
        return
    for path in schema_mod.write(out_dir):
        progress(f"Wrote {path}")
