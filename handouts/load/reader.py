"""Read YAML with the position of every value, and refuse YAML's silent surprises.

PyYAML follows YAML 1.1: `no` is False, `0123` is octal, a duplicate key silently wins.
We keep PyYAML's typing (so a model can say "`no` was read as false; quote it") but record
where every value came from, and turn duplicate keys, tabs and non-UTF-8 bytes into problems.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import InvalidInput, Problem, display_path
from handouts.files import ReadRefused, read_regular

Path_ = tuple[str | int, ...]  # a path into the data: ("policy", "bring", 2)

# Plain scalars that YAML 1.1 turns into something else than the text the author typed.
_YAML11_BOOL = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_OCTAL_LIKE = re.compile(r"^[-+]?0[0-9_]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
# Nesting deeper than PyYAML's recursive composer allows is refused as a problem, not a crash.


@dataclass
class Document:
    """A loaded YAML file: its data, and where each value and key stands in the file."""

    path: Path
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[Path_, str] = field(default_factory=dict)
    # Problems found while reading (duplicate keys, octal-looking numbers, ...): kept so that
    # validation can report them together with the model's own problems, in one pass.
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def where(self, loc: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            table = self.key_positions if key and loc in self.key_positions else self.positions
            if loc in table:
                return table[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def problem(self, loc: Path_, message: str, key: bool = False) -> Problem:
        line, col = self.where(loc, key=key)
        return Problem(self.name, line, col, dotted(loc), message)


def dotted(loc: Path_) -> str:
    """`("policy", "bring", 2)` -> `policy.bring[2]`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Bounds for any input file: a handout project's YAML is a few kilobytes, a few levels deep.
MAX_YAML_BYTES = 1024 * 1024
MAX_DEPTH = 30
# The tags PyYAML's safe loader gives plain YAML values; anything else was typed as an explicit tag.
_KNOWN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp",
                                                        "seq", "map", "merge")}


class _Refused(Exception):
    """A YAML construct these files have no use for, refused while composing (before anything is expanded)."""

    def __init__(self, message: str, mark: Any):
        super().__init__(message)
        self.message, self.line, self.col = message, mark.line + 1, mark.column + 1


class _Loader(yaml.SafeLoader):
    """Composes with a depth limit and without anchors or aliases: `*name` repeats a value by reference, which
    is how a few hundred bytes expand to gigabytes (or refer to themselves); no clinic or content file needs one,
    and text that starts with '&' or '*' is far more often meant as text."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None) is not None:  # `text: &more than this` would lose "&more" in silence
            kind, sign = ("aliases", "*") if isinstance(event, yaml.AliasEvent) else ("anchors", "&")
            raise _Refused(f"YAML {kind} ({sign}{event.anchor}) are not supported; write the value out, or put text "
                          f"that starts with '{sign}' in quotes", event.start_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml(path: str | Path, keep_problems: bool = False) -> Document:
    """Load one YAML file. Raises InvalidInput with every problem found in it.

    With keep_problems, problems that still leave usable data (duplicate keys, numbers that
    should be text) are returned in `doc.problems` instead, for `validate` to report them
    together with the model's problems. A file that cannot be read as YAML always raises."""
    path = Path(path)
    name = display_path(path)
    text = _read_text(path, name)
    unprintable = _unprintable(text)
    if unprintable:
        raise InvalidInput([Problem(name, line, col, "", message) for line, col, message in unprintable])
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise InvalidInput([Problem(name, 1, 1, "", "the file is empty")])
    tabs = _leading_tabs(text)
    if tabs:
        raise InvalidInput([Problem(name, line, col, "", "a tab is used for indenting; YAML needs spaces")
                            for line, col in tabs])
    # Every character PyYAML's reader refuses was refused above (_unprintable), so _Loader(text) does not raise;
    # and composing stops at MAX_DEPTH, so neither composing nor _convert can run out of stack.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        raise InvalidInput([Problem(name, exc.line, exc.col, "", exc.message)]) from None
    except yaml.MarkedYAMLError as exc:  # the scanner's, parser's and composer's errors all carry a mark
        # A badly ended alias or anchor is placed where it starts, not where PyYAML stopped.
        mark = exc.context_mark if _badly_ended_name(exc) else exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InvalidInput([Problem(name, line, col, "", f"this is not valid YAML: {_plain_yaml_error(exc)}")]) from None
    finally:
        loader.dispose()
    doc = Document(path=path, data=None)
    doc.data = _convert(node, (), doc, loader, doc.problems) if node is not None else None
    if doc.problems and not keep_problems:
        raise InvalidInput(doc.problems)
    return doc


def _read_text(path: Path, name: str) -> str:
    """The file's text: a regular file, at most MAX_YAML_BYTES, UTF-8 (a byte-order mark is dropped)."""
    try:
        raw = read_regular(path, MAX_YAML_BYTES)
    except FileNotFoundError:
        raise InvalidInput([Problem(name, 0, 0, "", "file not found")]) from None
    except ReadRefused as exc:
        raise InvalidInput([Problem(name, 0, 0, "", str(exc))]) from None
    except OSError as exc:
        raise InvalidInput([Problem(name, 0, 0, "", f"cannot read the file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput([Problem(name, line, col, "", f"the file is not UTF-8 text (bad byte 0x{raw[exc.start]:02x} "
                                    f"at byte offset {exc.start}); save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def _plain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's parser words ("expected <block end>") said for people who do not write parsers."""
    problem, context = str(exc.problem or exc.context or ""), str(exc.context)
    if "found character '\\t'" in problem:
        return "a tab is used; YAML needs spaces"
    if "mapping values are not allowed" in problem:
        return "a ': ' is out of place; put text that contains ': ' in quotes"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in context:
        return "a quote is not closed"
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return "a line is out of place; check its indentation and that every quote above it is closed"
    if _badly_ended_name(exc):
        return "text that starts with '*' or '&' is read as YAML; put the text in quotes"
    return problem


def _badly_ended_name(exc: yaml.MarkedYAMLError) -> bool:
    """`*Important* take it`: PyYAML read `*Important` as an alias name and stopped at the second `*`."""
    return str(exc.context) in ("while scanning an alias", "while scanning an anchor")


def _unprintable(text: str) -> list[tuple[int, int, str]]:
    """Characters YAML refuses (NUL and other control characters), with their line and column."""
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        for col, char in enumerate(line, 1):
            if char in "\t\r\x85" or not (char < " " or "\x7f" <= char <= "\x9f" or char in "\ufffe\uffff"):
                continue
            out.append((number, col, f"the control character U+{ord(char):04X} is not allowed; delete it"))
            break
        if len(out) >= 10:
            break
    return out


def _leading_tabs(text: str) -> list[tuple[int, int]]:
    """Line and column of every tab in the indentation (YAML refuses them with a puzzling message)."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            out.append((number, indent.index("\t") + 1))
    return out


def _convert(node: yaml.Node, loc: Path_, doc: Document, loader: _Loader, problems: list[Problem]) -> Any:
    doc.positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _KNOWN_TAGS:  # e.g. !!python/name:os.system: never constructed
        problems.append(doc.problem(loc, f"unknown YAML tag {_short_tag(node.tag)}; remove it (these files use "
                                         f"plain values)"))
        return None  # the file is refused; a model problem at the same place is left out as already said
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(doc.name, line, col, dotted(loc), "YAML merge keys (<<) are not supported; "
                                                                          "write the values out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KNOWN_TAGS:
                problems.append(Problem(doc.name, line, col, dotted(loc), "a key must be a plain name"))
                continue
            try:
                key = loader.construct_object(key_node, deep=True)
            except (ValueError, OverflowError, yaml.constructor.ConstructorError):
                key = key_node.value
            if not isinstance(key, str):
                key = str(key_node.value)
            child = (*loc, key)
            if key in out:
                first = doc.key_positions[child]
                problems.append(Problem(doc.name, line, col, dotted(child),
                                        f"duplicate key (first given on line {first[0]}); keep one"))
                continue
            doc.key_positions[child] = (line, col)
            out[key] = _convert(value_node, child, doc, loader, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*loc, i), doc, loader, problems) for i, item in enumerate(node.value)]
    return _scalar(node, loc, doc, loader, problems)


def _scalar(node: yaml.Node, loc: Path_, doc: Document, loader: _Loader, problems: list[Problem]) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        # e.g. 2026-02-30: it looks like a date, so YAML tries to make one and fails
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"{node.value} is not a real date; write an existing date as YYYY-MM-DD, or put text in quotes"
        else:  # a value under an explicit tag that does not fit it (`!!int six`)
            message = f"{node.value[:40]} is not a valid {_short_tag(node.tag)} value"
        problems.append(doc.problem(loc, message))
        return None  # the file is refused; a model problem at the same place is left out as already said
    if getattr(node, "style", None) is None:  # a plain (unquoted) scalar: remember what was typed
        doc.raw_scalars[loc] = node.value
        if isinstance(value, int) and not isinstance(value, bool) and _OCTAL_LIKE.match(node.value):
            problems.append(doc.problem(loc, f"{node.value} has a leading zero, which YAML reads as an octal "
                                        f"number ({value}); put it in quotes: \"{node.value}\""))
        elif isinstance(value, (int, float)) and _SEXAGESIMAL.match(node.value):
            problems.append(doc.problem(loc, f"{node.value} is read by YAML as the number {value}; "
                                        f"put it in quotes: \"{node.value}\""))
    return value


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def is_yaml11_bool(raw: str | None) -> bool:
    return raw is not None and bool(_YAML11_BOOL.match(raw))
