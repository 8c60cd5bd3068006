"""Turn pydantic's validation errors into plain-language problems with file, line and column."""
from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InvalidInput, Problem
from .load import Document, dotted, is_yaml11_bool

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M]) -> M:
    """Validate a loaded document against a model; raise InvalidInput listing every problem."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidInput([to_problem(doc, err) for err in exc.errors(include_url=False)]) from None


def data_path(data: Any, loc: tuple) -> tuple:
    """Drop the parts of pydantic's location that are not in the data (union tags, function names)."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node and not out[-1:] == [part]:
            # Missing key, or a union tag such as 'paragraph': keep a missing key only if it is the last part.
            if part == loc[-1]:
                out.append(part)
            continue
        else:
            continue
        out.append(part)
    return tuple(out)


def to_problem(doc: Document, err: dict) -> Problem:
    loc = data_path(doc.data, tuple(err["loc"]))
    kind = err["type"]
    value = err.get("input")
    raw = doc.raw_scalars.get(loc)
    if kind == "extra_forbidden":
        return doc.problem(loc, "unknown field; check the spelling (the schema lists every allowed field)", key=True)
    if kind == "missing":
        return _missing(doc, loc)
    return doc.problem(loc, friendly(kind, err, value, raw))


def _missing(doc: Document, loc: tuple) -> Problem:
    line, col = doc.where(loc[:-1])
    return Problem(doc.name, line, col, dotted(loc), "this field is required but missing")


def friendly(kind: str, err: dict, value: Any, raw: str | None) -> str:
    """Rewrite pydantic's message in words an office manager understands."""
    ctx = err.get("ctx") or {}
    if kind == "string_type":
        if isinstance(value, bool) and is_yaml11_bool(raw):
            return f"YAML reads {raw} as {'true' if value else 'false'}, not as text; put it in quotes: \"{raw}\""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{raw or value} is read as a number; write it as text in quotes: \"{raw or value}\""
        if hasattr(value, "isoformat"):
            return f"{raw or value} is read as a date; put it in quotes if it is text: \"{raw or value}\""
        if value is None:
            return "this is empty; write a value"
        return "must be text"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not in the expected form ({_pattern_hint(ctx.get('pattern', ''))})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {value!r}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {k: v for k, v in ctx.items()}
        return f"{value} is out of range ({', '.join(f'{_op(k)} {v}' for k, v in bound.items())})"
    if kind == "bool_type":
        return f"must be true or false, not {value!r}"
    if kind in ("list_type",):
        return "must be a list (lines starting with '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a group of fields (key: value lines), not a single value"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "literal_error":
        return f"{value!r} is not allowed; use one of {ctx.get('expected')}"
    if kind == "union_tag_invalid":
        return f"unknown block type {ctx.get('tag')!r}; use one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "every block needs a 'type' field"
    if kind.startswith("date"):
        return f"{value!r} is not a date; write it as YYYY-MM-DD"
    return err["msg"]


def _op(key: str) -> str:
    return {"ge": "at least", "le": "at most", "gt": "more than", "lt": "less than"}.get(key, key)


def _pattern_hint(pattern: str) -> str:
    hints = {
        "#[0-9A-Fa-f]{6}": 'a colour like "#1F4E79", in quotes',
        "^https://": "a web address starting with https://",
        "[a-z0-9]+(-[a-z0-9]+)*": "lowercase letters, digits and dashes, like pre-consultation",
        "[a-z]{2,3}": "a language code such as en or es",
        "[a-z_]+(\\.[a-z_]+)*": "a clinic value such as policy.bring",
    }
    return next((hint for key, hint in hints.items() if key in pattern), f"pattern {pattern}")
