"""References from content to clinic values: `{contact.phone}` in text, `items_from`, `when`.

The set of valid references comes from the Clinic model itself, so a new clinic field is
quotable the moment it is declared.
"""
from __future__ import annotations

import difflib
import re
import types
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from handouts.models.clinic import Clinic, localize

REF = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")


@lru_cache(maxsize=1)
def clinic_fields() -> dict[str, str]:
    """Every reachable clinic field path, with its kind: 'text', 'number', 'bool' or 'list'."""
    out: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            kind = _kind(info.annotation)
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                walk(kind, path + ".")
            else:
                out[path] = kind

    walk(Clinic, "")
    return out


def _kind(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0])
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin is list:
        return "list"
    if origin is typing.Literal or annotation is str:
        return "text"
    if annotation is bool:
        return "bool"
    if annotation in (int, float):
        return "number"
    return annotation


def value(clinic: BaseModel, path: str, lang: str = "en") -> Any:
    """The clinic's value at `path`; text given per language is resolved for `lang`."""
    node: Any = clinic
    for part in path.split("."):
        node = getattr(node, part)
    return localize(node, lang)


def problems_in_text(text: str) -> list[str]:
    """Messages for every reference in `text` that names no quotable clinic value."""
    fields = clinic_fields()
    out = []
    for ref in REF.findall(text):
        kind = fields.get(ref)
        if kind is None:
            out.append(f"{{{ref}}} is not a clinic value; {_suggest(ref, ('text', 'number'))}")
        elif kind not in ("text", "number"):
            out.append(f"{{{ref}}} is a {kind}, which cannot be quoted in text")
    return out


def problem_in_ref(ref: str, want: str) -> str | None:
    kind = clinic_fields().get(ref)
    if kind == want:
        return None
    return f"{ref} is not a clinic {want}; {_suggest(ref, (want,))}"


def _suggest(ref: str, kinds: tuple[str, ...]) -> str:
    """'did you mean ...?' for a near miss, else the values of the same group, so the line stays short."""
    known = [k for k, v in clinic_fields().items() if v in kinds]
    close = [k for k in known if k.rpartition(".")[2] == ref.rpartition(".")[2]]  # {phone} -> contact.phone
    close = close or difflib.get_close_matches(ref, known)  # the best match first
    if close:
        return f"did you mean {close[0]}?"
    group = [k for k in known if k.partition(".")[0] == ref.partition(".")[0]]
    return f"use one of: {', '.join(group or known)}"
