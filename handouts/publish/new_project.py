"""`handouts init DIR`: a new project folder that builds straight away.

It holds the reviewed content and its translations, one example clinic, the JSON Schemas editors use,
a .gitignore (output/ and the private instance/ folder) and a README for the clinic network's own
repository. The files come from the package (project_template/, package data), so an installed
`handouts` can start a project with no checkout of this repository.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.models import schema

TEMPLATE = Path(__file__).resolve().parent / "project_template"
RENAMES = {"gitignore": ".gitignore"}  # a .gitignore inside the package would be read by git as this repo's


def template_files() -> list[Path]:
    """Every file of the project template, relative to it. In a checkout its parts are links to this
    repository's own content.yaml, translations/ and example clinic (one copy to review); a wheel holds copies."""
    found = []
    for folder, _, names in os.walk(TEMPLATE, followlinks=True):
        found += [Path(folder, name).relative_to(TEMPLATE) for name in names if not name.endswith(".pyc")]
    return sorted(found)


def init_project(target: Path) -> Path:
    """Write a new project into TARGET (new, or an empty folder); nothing is left half-written."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise HandoutsError(f"{target} already exists and is not an empty folder; pick a new folder name")
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}."))
    try:
        for relative in template_files():
            destination = tmp / RENAMES.get(str(relative), str(relative))
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(TEMPLATE / relative, destination)  # the files themselves, never links
        schema.write(tmp / "schemas")
        os.chmod(tmp, 0o755)
        if target.exists():
            target.rmdir()
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
