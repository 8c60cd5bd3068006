"""`handouts init DIR`: start a new project (content, translations, an example clinic, README)."""
from __future__ import annotations

import click


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
def init(folder) -> None:
    """Make a new project in FOLDER: the reviewed content.yaml, its translations, one example clinic,
    schemas for editors, a .gitignore and a README. Then `cd FOLDER && handouts build`."""
    from handouts.publish.new_project import init_project

    target = init_project(folder)
    click.echo(f"Made {target}: cd {target} && handouts check && handouts build", err=True)
