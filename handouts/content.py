"""Load content.yaml and check what the models alone cannot: unique ids and clinic references."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import refs
from .errors import InvalidInput, Problem
from .load import Document, load_yaml
from .models.content import Content
from .validate import validate


@dataclass(frozen=True)
class LoadedContent:
    doc: Document
    model: Content
    translations: dict = field(default_factory=dict)  # lang -> translation.LoadedTranslation


def load(path: Path) -> LoadedContent:
    from . import translation

    problems: list[Problem] = []
    translations = {}
    try:
        translations = translation.load_all(path)
    except InvalidInput as exc:
        problems += exc.problems
    doc = load_yaml(path)
    model = validate(doc, Content)
    problems += check_blocks(doc, model)
    if problems:
        raise InvalidInput(problems)
    return LoadedContent(doc=doc, model=model, translations=translations)


def check_blocks(doc: Document, content: Content) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    for slug, handout in content.handouts.items():
        for index, block in enumerate(handout.blocks):
            loc = ("handouts", slug, "blocks", index)
            if block.id in seen:
                line = doc.where(seen[block.id])[0]
                problems.append(doc.problem((*loc, "id"), f"id {block.id!r} is already used on line {line}; ids must be unique"))
            seen.setdefault(block.id, (*loc, "id"))
            for field_loc, text in _texts(block, loc):
                problems += [doc.problem(field_loc, message) for message in refs.problems_in_text(text)]
            for name, want in (("items_from", "list"), ("when", "bool")):
                ref = getattr(block, name, None)
                message = ref and refs.problem_in_ref(ref, want)
                if message:
                    problems.append(doc.problem((*loc, name), message))
    return problems


def _texts(block, loc: tuple):
    """Every piece of text in a block, with its location in the file."""
    for name in ("text", "title", "label"):
        text = getattr(block, name, None)
        if isinstance(text, str):
            yield (*loc, name), text
    for i, item in enumerate(getattr(block, "items", None) or []):
        if isinstance(item, str):
            yield (*loc, "items", i), item
        else:
            yield (*loc, "items", i, "q"), item.q
            yield (*loc, "items", i, "a"), item.a
