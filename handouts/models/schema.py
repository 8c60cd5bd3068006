"""JSON Schemas for content.yaml and clinic.yaml (and the JSON reports), generated from the pydantic models.

Editors read them through the `# yaml-language-server: $schema=...` line at the top of each
file, so authors get completion and see mistakes underlined while typing.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from handouts import files, settings
from handouts.models.clinic import Clinic
from handouts.models.content import Content
from handouts.models.report import Report

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "content.schema.json": (Content, "handouts content.yaml"),
    "clinic.schema.json": (Clinic, "handouts clinic.yaml"),
    "report.schema.json": (Report, "handouts check/preflight --format json"),
}


def default_dir() -> Path:
    return settings.root() / "schemas"


def render(model: type[BaseModel], title: str) -> str:
    """The schema as stable JSON text (same models, same bytes)."""
    schema = model.model_json_schema(mode="validation")
    schema["title"] = title
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generate() -> dict[str, str]:
    return {name: render(model, title) for name, (model, title) in SCHEMAS.items()}


def write(folder: Path | None = None) -> list[Path]:
    """Write every schema into `folder` (atomically, so an editor never reads half a file)."""
    folder = Path(folder) if folder else default_dir()
    written = []
    for name, text in generate().items():
        files.write_text(folder / name, text)
        written.append(folder / name)
    return written


def stale(folder: Path | None = None) -> list[Path]:
    """The schema files in `folder` that are missing or differ from what the models generate."""
    folder = Path(folder) if folder else default_dir()
    return [folder / name for name, text in generate().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
