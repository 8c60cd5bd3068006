"""Load content.yaml and check what the models alone cannot: unique ids and clinic references."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.errors import InvalidInput, Problem
from handouts.load import refs
from handouts.load import translations as translation
from handouts.load.reader import Document, Path_, load_yaml
from handouts.load.translations import LoadedTranslation
from handouts.load.validate import collect
from handouts.models.content import Content


@dataclass(frozen=True)
class LoadedContent:
    doc: Document
    model: Content
    translations: dict[str, LoadedTranslation] = field(default_factory=dict)


def load(path: Path) -> LoadedContent:
    """Load and check content.yaml (and its translations); InvalidInput lists every problem at once."""
    problems: list[Problem] = []
    translations = {}
    try:
        translations = translation.load_all(path)
    except InvalidInput as exc:
        problems += exc.problems
    doc = load_yaml(path, keep_problems=True)
    model, found = collect(doc, Content)
    problems += found + check_blocks(doc)
    if problems or model is None:
        raise InvalidInput(problems)
    return LoadedContent(doc=doc, model=model, translations=translations)


def check_blocks(doc: Document) -> list[Problem]:
    """Duplicate ids and unknown clinic references. Works on the raw data, so these problems are
    reported together with the model's own (a block with a wrong field still has an id)."""
    problems: list[Problem] = []
    seen: dict[str, Path_] = {}
    for loc, block in _blocks(doc.data):
        block_id = block.get("id")
        if isinstance(block_id, str):
            if block_id in seen:
                line = doc.where(seen[block_id])[0]
                problems.append(doc.problem((*loc, "id"), f"id {block_id!r} is already used on line {line}; "
                                                          f"ids must be unique"))
            seen.setdefault(block_id, (*loc, "id"))
        for field_loc, text in _texts(block, loc):
            problems += [doc.problem(field_loc, message) for message in refs.problems_in_text(text)]
        for name, want in (("items_from", "list"), ("when", "bool")):
            ref = block.get(name)
            message = isinstance(ref, str) and refs.problem_in_ref(ref, want)
            if name == "when" and isinstance(ref, str) and refs.clinic_fields().get(ref) == "text":
                message = None  # a block that quotes an optional clinic text prints only when the clinic sets it
            if message:
                problems.append(doc.problem((*loc, name), message))
    return problems


def _blocks(data: Any) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(location, block) for every block that is a mapping, in file order."""
    handouts = data.get("handouts") if isinstance(data, dict) else None
    for slug, handout in (handouts.items() if isinstance(handouts, dict) else ()):
        blocks = handout.get("blocks") if isinstance(handout, dict) else None
        for index, block in enumerate(blocks if isinstance(blocks, list) else ()):
            if isinstance(block, dict):
                yield ("handouts", slug, "blocks", index), block


def texts(data: Any) -> Iterator[tuple[Path_, str]]:
    """(location, text) for every piece of text in every block of loaded content.yaml data."""
    for loc, block in _blocks(data):
        yield from _texts(block, loc)


def _texts(block: dict[str, Any], loc: Path_) -> Iterator[tuple[Path_, str]]:
    """Every piece of text in a block, with its location in the file."""
    for name in ("text", "title", "label"):
        if isinstance(block.get(name), str):
            yield (*loc, name), block[name]
    items = block.get("items")
    for i, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, str):
            yield (*loc, "items", i), item
        elif isinstance(item, dict):
            for key in ("q", "a"):
                if isinstance(item.get(key), str):
                    yield (*loc, "items", i, key), item[key]
