"""Shell completion of values: clinic folders, handout names and language codes, read from the project.

Completion runs on every Tab press, so it reads the YAML files directly (no validation, no WeasyPrint) and
never fails: a file that cannot be read completes nothing. See docs/command-line.md, "Shell completion".
"""
from __future__ import annotations

from pathlib import Path

import click
import yaml
from click.shell_completion import CompletionItem

from handouts import settings


def _yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _content_file(ctx: click.Context) -> Path:
    given = ctx.params.get("content")
    return Path(given) if given else settings.content_file()


def _matching(values, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(value) for value in sorted(set(values)) if value.startswith(incomplete)]


def clinics(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    folder = settings.clinics_dir()
    slugs = [p.parent.name for p in folder.glob("*/clinic.yaml")] if folder.is_dir() else []
    return _matching(slugs, incomplete)


def handouts(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    names = _yaml(_content_file(ctx)).get("handouts")
    return _matching([str(n) for n in names] if isinstance(names, dict) else [], incomplete)


def languages(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The content's own language, every translation file, and every language a clinic lists."""
    content = _content_file(ctx)
    codes = {str(_yaml(content).get("language", "en"))}
    codes |= {p.stem for p in (content.parent / "translations").glob("*.yaml")}
    folder = settings.clinics_dir()
    for path in folder.glob("*/clinic.yaml") if folder.is_dir() else []:
        listed = _yaml(path).get("languages")
        codes |= {str(code) for code in listed} if isinstance(listed, list) else set()
    return _matching(codes, incomplete)
