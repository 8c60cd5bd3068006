"""Pydantic's error types rewritten in words an office manager understands."""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from handouts.load.reader import is_yaml11_bool

_PATTERN_HINTS = {
    "#[0-9A-Fa-f]{6}": 'a colour like "#1F4E79", in quotes',
    "^https://": "a web address starting with https://",
    "[a-z0-9]+(-[a-z0-9]+)*": "lowercase letters, digits and dashes, like pre-consultation",
    "[a-z]{2,3}": "a language code such as en or es",
    "[a-z_]+(\\.[a-z_]+)*": "a clinic value such as policy.bring",
    "[0-9]": 'a phone number in quotes, like "(555) 010-0100" or "+44 1632 960418"',
    "@": "an email address like care@example.org",
}


def unknown_field(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown field {name!r}; did you mean {close[0]!r}?"
    if allowed:
        return f"unknown field {name!r}; allowed here: {', '.join(allowed)}"
    return f"unknown field {name!r}; check the spelling"


def friendly(kind: str, err: Mapping[str, Any], value: Any, raw: str | None, field: str = "") -> str:
    """Rewrite one pydantic error (type `kind`) as a short plain sentence."""
    ctx = err.get("ctx") or {}
    if kind == "string_type":
        return _not_text(value, raw, field)
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long ({len(value):,} characters; at most {ctx.get('max_length'):,})"
    if kind == "string_pattern_mismatch" and isinstance(value, str) and not value.strip():
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{_short(value)!r} is not in the expected form ({_pattern_hint(ctx.get('pattern', ''))})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, bool) and is_yaml11_bool(raw):
            return f"must be a whole number; YAML reads {raw} as {str(value).lower()}"
        return f"must be a whole number, not {_short(value)!r}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{value} is out of range ({', '.join(f'{_op(k)} {v}' for k, v in ctx.items())})"
    if kind == "bool_type":
        return f"must be true or false, not {_short(value)!r}"
    if kind == "list_type":
        return "must be a list (lines starting with '- ')"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if value is None:
            return "this is empty; write the fields that belong here"
        return "must be a group of fields (key: value lines), not a single value or a list"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length')})"
    if kind == "literal_error":
        if isinstance(value, bool) and is_yaml11_bool(raw):
            return f"YAML reads {raw} as {str(value).lower()}; use one of {ctx.get('expected')}"
        return f"{_short(value)!r} is not allowed; use one of {ctx.get('expected')}"
    if kind == "union_tag_invalid":
        return f"unknown block type {_short(ctx.get('tag'))!r}; use one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "every block needs a 'type' field"
    if kind.startswith("date"):
        return f"{_short(value)!r} is not a date; write it as YYYY-MM-DD"
    return str(err["msg"])


def _not_text(value: Any, raw: str | None, field: str) -> str:
    shown = raw or value
    if isinstance(value, bool) and is_yaml11_bool(raw):
        return f"YAML reads {raw} as {'true' if value else 'false'}, not as text; put it in quotes: \"{raw}\""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{shown} is read as a number; write it as text in quotes: \"{shown}\""
    if hasattr(value, "isoformat"):
        return f"{shown} is read as a date; put it in quotes if it is text: \"{shown}\""
    if value is None:
        if field.endswith("color"):  # `color: #1F4E79` unquoted: YAML reads the # as the start of a comment
            return 'this is empty; write the colour in quotes, like "#1F4E79" (without quotes, # starts a comment)'
        return "this is empty; write a value"
    if isinstance(value, list):
        return "must be one piece of text, not a list"
    if isinstance(value, dict):
        return "must be one piece of text, not a group of fields"
    return "must be text"


def _short(value: Any, limit: int = 60) -> Any:
    """Long values are cut in messages so that one problem stays one line."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "..."
    return value


def _op(key: str) -> str:
    return {"ge": "at least", "le": "at most", "gt": "more than", "lt": "less than"}.get(key, key)


def _pattern_hint(pattern: str) -> str:
    return next((hint for key, hint in _PATTERN_HINTS.items() if key in pattern), f"pattern {pattern}")
