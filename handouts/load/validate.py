"""Turn pydantic's validation errors into plain-language problems with file, line and column.

All problems of a file come out together: those found while reading the YAML (kept in
`doc.problems`) and every error of the model, so a user fixes a file in one round.
"""
from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from handouts.errors import InvalidInput, Problem
from handouts.load.messages import friendly, unknown_field
from handouts.load.reader import Document, Path_, dotted

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M]) -> M:
    """Validate a loaded document against a model; raise InvalidInput listing every problem."""
    result, problems = collect(doc, model)
    if result is None:  # collect gives a model only when there is no problem at all
        raise InvalidInput(problems)
    return result


def collect(doc: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """The validated model (None if there is any problem, the reader's included) and every problem: the
    reader's and the model's."""
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        problems.append(doc.problem((), f"the file must be a set of 'key: value' lines, not {kind}"))
        return None, problems
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        flagged = {(p.line, p.col, p.field) for p in doc.problems}  # already explained by the reader
        for err in exc.errors(include_url=False):
            problem = to_problem(doc, model, err)
            place = (problem.line, problem.col, problem.field)
            if place not in flagged:
                problems.append(problem)
                # a value a union refuses gets one error per member ("too long" as text, "not a group" as
                # a per-language group): the first member's is the one that fits what was written
                flagged.add(place)
        return None, problems
    return (None if problems else result), problems


def data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop the parts of pydantic's location that are not in the data (union tags, function names)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part == loc[-1] and part != "[key]":
            out.append(part)  # a missing key (the last part); union tags in the middle are skipped
            continue
        else:
            continue
        out.append(part)
    return tuple(out)


def to_problem(doc: Document, model: type[BaseModel], err: Mapping[str, Any]) -> Problem:
    pyd_loc = tuple(err["loc"])
    loc = data_path(doc.data, pyd_loc)
    kind = err["type"]
    if pyd_loc and pyd_loc[-1] == "[key]":  # a mapping key itself is wrong (e.g. a handout name)
        return doc.problem(loc, friendly(kind, err, err.get("input"), None, dotted(loc)), key=True)
    if kind == "extra_forbidden":
        return doc.problem(loc, unknown_field(str(loc[-1]), allowed_fields(model, pyd_loc)), key=True)
    if kind == "missing":
        return _missing(doc, loc)
    if kind == "union_tag_invalid" and isinstance(doc.data, dict):
        loc = (*loc, "type")  # point at the bad block type, not at the start of the block
    return doc.problem(loc, friendly(kind, err, err.get("input"), doc.raw_scalars.get(loc), dotted(loc)))


def _missing(doc: Document, loc: Path_) -> Problem:
    """A missing field is reported at the line of the group it belongs in (`contact:`)."""
    parent = loc[:-1]
    line, col = doc.key_positions.get(parent) or doc.where(parent)
    return Problem(doc.name, line, col, dotted(loc), "this field is required but missing")


def allowed_fields(model: type[BaseModel], pyd_loc: tuple[Any, ...]) -> list[str]:
    """The field names the model allows at pydantic location `pyd_loc` (whose last part is the bad key)."""
    node: Any = model
    for part in pyd_loc[:-1]:
        node = _unwrap(node)
        if isinstance(node, type) and issubclass(node, BaseModel):
            if part not in node.model_fields:
                return []
            node = node.model_fields[part].annotation
        elif typing.get_origin(node) is list:
            node = typing.get_args(node)[0]
        elif typing.get_origin(node) is dict:
            node = typing.get_args(node)[1]
        elif _is_union(node):  # a discriminated union: pydantic puts the tag (block type) in the location
            node = next((m for m in typing.get_args(node) if _tag_of(m) == part), None)  # None: no fields
    node = _unwrap(node)
    return list(node.model_fields) if isinstance(node, type) and issubclass(node, BaseModel) else []


def _is_union(node: Any) -> bool:
    return typing.get_origin(node) in (typing.Union, types.UnionType)


def _unwrap(node: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        if typing.get_origin(node) is typing.Annotated:
            node = typing.get_args(node)[0]
        elif _is_union(node) and type(None) in typing.get_args(node) and len(typing.get_args(node)) == 2:
            node = next(a for a in typing.get_args(node) if a is not type(None))
        else:
            return node


def _tag_of(member: Any) -> Any:
    member = _unwrap(member)
    field = getattr(member, "model_fields", {}).get("type")
    args = typing.get_args(field.annotation) if field else ()
    return args[0] if args else None
