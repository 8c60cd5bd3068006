"""The content streams WeasyPrint writes, read once for every text-layer pass (codes.py, drawn_marks.py,
word_gaps.py) and written back in place.

A pydyf stream is a list of items, mostly one operator each (b"/F1 12 Tf", b"[<0012>-20<0013>] TJ"),
sometimes an operand alone (the tag and property list before BDC). `Content` tokenizes the whole list
with one call to pikepdf's parser (a keyword of ours between items tells which item an operator came
from), walks the text state, and keeps, per operator, the state it runs in. A pass reads `ops` and hands
back new items for some of them; untouched items keep their bytes, so the file changes only where a
pass changed something.

Every text operator of PDF 2.0 (9.3-9.4) is followed. Anything the walk cannot follow raises
UnsupportedOperator: a text operator out of place, an operator a text object may not hold, a string whose
length is not a whole number of the font's codes. A pass never meets a stream it does not understand.
"""
from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pikepdf
import pydyf

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_ITEM_END = "handouts:item"  # a keyword no PDF operator spells: marks where a pydyf item ends
SHOWS = frozenset({"TJ", "Tj", "'", '"'})
LINE = frozenset({"Td", "TD", "Tm", "T*", "'", '"'})  # operators that set the text line matrix
_STATE = frozenset({"Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts"})
# Operators a text object may hold besides the text operators (PDF 2.0, figure 9): general graphics state,
# colour, marked content, and the compatibility operators.
_IN_TEXT = frozenset({"w", "J", "j", "M", "d", "ri", "i", "gs", "CS", "cs", "SC", "SCN", "sc", "scn", "G", "g",
                      "RG", "rg", "K", "k", "MP", "DP", "BMC", "BDC", "EMC", "BX", "EX", "ET"})
# The operators whose operands the walk and the passes read; others keep none (converting every operand
# of every path and colour operator would cost more than the tokenizing).
_TEXT_OPERATORS = _STATE | LINE | SHOWS
HEX = re.compile(rb"<([0-9a-fA-F]*)>")
# The elements of a TJ array as pikepdf unparses it, when it holds hex strings and numbers only (WeasyPrint
# writes nothing else): reading the array's bytes once costs a tenth of converting each element out of
# pikepdf, and a show's array is most of a stream.
_TJ_ELEMENT = re.compile(rb"<([0-9a-fA-F]*)>|([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))|(\S)")


class UnsupportedOperator(ValueError):
    """A content stream the text walk cannot follow: our bug or a WeasyPrint we do not know, never the user's."""


class TextState(NamedTuple):
    """The text state an operator runs in (PDF 2.0, 9.3). `line`: the text line matrix; `line_count`: how
    many times it was set (a new count is a new line start, where the pen is back at the line's origin)."""

    font: str = ""
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0  # Tz / 100
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    line: tuple[float, ...] = IDENTITY
    line_count: int = 0
    in_text: bool = False


@dataclass
class Op:
    """One operator of a stream. `item`: the index of the pydyf item it ends; `operands` as pikepdf parsed
    them (text operators only; numbers as floats, names as str, strings as bytes); `state`: the text state it runs in (for a
    show, after the line move of ' and "); `after`: the state it leaves; `parts` (shows only): each string's
    codes as a tuple, each TJ move as a float."""

    item: int
    operator: str
    operands: tuple
    state: TextState
    after: TextState
    parts: tuple = ()

    @property
    def codes(self) -> list[int]:
        return [code for part in self.parts if isinstance(part, tuple) for code in part]


class Content:
    """One pydyf content stream, tokenized once. code_bytes(font name): 1 or 2 (bytes per character code)."""

    def __init__(self, stream: pydyf.Stream, code_bytes: Callable[[str], int]):
        self.stream = stream
        self.code_bytes = code_bytes
        self.ops = _walk(_parse(stream.stream), TextState(), code_bytes)

    @property
    def items(self) -> list:
        return self.stream.stream

    def recode(self, op: Op, codes: Iterable[int]) -> None:
        """The show `op` draws its glyphs with `codes` (as many as it has) instead; nothing else changes."""
        fresh = iter(codes)
        op.parts = tuple(tuple(next(fresh) for _ in part) if isinstance(part, tuple) else part for part in op.parts)
        width = self.code_bytes(op.state.font)
        raw, strings = _bytes(self.items[op.item]), iter(p for p in op.parts if isinstance(p, tuple))
        if b"(" in raw:  # a literal string: ours are never byte-compared, pikepdf writes the operator
            self.items[op.item] = pikepdf.unparse_content_stream([_instruction(op, self.code_bytes)])
        else:
            self.items[op.item] = HEX.sub(lambda _: b"<%s>" % _hex(next(strings), width), raw)

    def rewrite(self, replacements: dict[int, list]) -> None:
        """Items by index -> the items that stand in their place. The new items are tokenized (all in one
        call), walked from the state before them, and a run of replaced items must leave the text state as
        the old items did."""
        if not replacements:
            return
        flat = [item for index in sorted(replacements) for item in replacements[index]]
        parsed, first = _parse(flat), 0
        by_index: dict[int, list] = {}
        for index in sorted(replacements):
            by_index[index] = [(i - first, op, operands) for i, op, operands in parsed
                               if first <= i < first + len(replacements[index])]
            first += len(replacements[index])
        new_items: list = []
        new_ops: list[Op] = []
        old_after: TextState | None = None  # the state the replaced run left, to compare with the new one
        for index, item, olds in _by_item(self.items, self.ops):
            if index not in replacements:
                _check(old_after, new_ops)
                old_after = None
                for op in olds:
                    op.item = len(new_items)
                new_ops += olds
                new_items.append(item)
                continue
            old_after = olds[-1].after if olds else old_after
            walked = _walk(by_index[index], new_ops[-1].after if new_ops else TextState(), self.code_bytes)
            for op in walked:
                op.item += len(new_items)
            new_ops += walked
            new_items += replacements[index]
        _check(old_after, new_ops)
        self.stream.stream, self.ops = new_items, new_ops


def _by_item(items: list, ops: list[Op]):
    """(index, item, the ops it ends) for every item."""
    k = 0
    for index, item in enumerate(items):
        start = k
        while k < len(ops) and ops[k].item == index:
            k += 1
        yield index, item, ops[start:k]


def _check(old_after: TextState | None, new_ops: list[Op]) -> None:
    if old_after is not None and new_ops and _settled(new_ops[-1].after) != _settled(old_after):
        raise UnsupportedOperator(f"a rewrite ending with {new_ops[-1].operator} changed the text state after it")


def _hex(codes: tuple, width: int) -> bytes:
    """Codes as lower-case hex digits, `width` bytes each (as WeasyPrint writes them)."""
    return (bytes(codes) if width == 1 else struct.pack(f">{len(codes)}H", *codes)).hex().encode()


def read(streams: Iterable[pydyf.Stream], code_bytes: Callable[[str], int]) -> list[Content]:
    """The content streams among `streams` that show text, each tokenized once."""
    return [Content(stream, code_bytes) for stream in streams if _shows_text(stream.stream)]


def _shows_text(items: list) -> bool:
    """A cheap look at the items' last bytes: font programs and images are streams too, and never parsed."""
    return any(isinstance(item, bytes) and item.endswith((b"TJ", b"Tj")) for item in items)


def _bytes(item: Any) -> bytes:
    """An item as pydyf writes it."""
    if isinstance(item, bytes):
        return item
    if isinstance(item, float):
        return str(int(item)).encode() if item.is_integer() else f"{item:f}".rstrip("0").encode()
    if isinstance(item, pydyf.Object):
        return item.data
    return str(item).encode("ascii")


def _parse(items: list) -> list[tuple[int, str, tuple]]:
    """(item index, operator, operands) of every operator in `items`, in one call to pikepdf's tokenizer.
    An item holding operands only (a tag before BDC) gives them to the next operator."""
    data = b"".join(_bytes(item) + b"\n" + _ITEM_END.encode() + b"\n" for item in items)
    try:
        with pikepdf.new() as scratch:
            instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, data))
            out, pending, index = [], [], 0
            for instruction in instructions:
                operator = str(instruction.operator)
                if operator == _ITEM_END:
                    pending += list(instruction.operands)
                    index += 1
                    continue
                if operator == "TJ" and not pending:
                    out.append((index, operator, _show_array(instruction.operands)))
                elif operator in _TEXT_OPERATORS:
                    out.append((index, operator, (*_python(pending), *_python(instruction.operands))))
                else:
                    out.append((index, operator, ()))
                pending = []
    except (pikepdf.PdfError, TypeError) as exc:
        raise UnsupportedOperator(f"unreadable content stream: {exc}") from None
    return out


def _show_array(operands: Any) -> tuple:
    """A TJ's operands: one list of bytes (hex strings) and floats, read from the array's bytes; an array
    with anything else (a literal string, a name) element by element."""
    if len(operands) == 1 and isinstance(operands[0], pikepdf.Array):
        elements: list = []
        raw = operands[0].unparse()
        for hexed, number, other in _TJ_ELEMENT.findall(raw[1:-1]):
            if other:
                return tuple(_python(operands))
            elements.append(float(number) if number else bytes.fromhex(hexed.decode()))
        return (elements,)
    return tuple(_python(operands))


def _python(operands: Any) -> list:
    """Numbers as floats, names as str, strings as bytes, arrays as lists; others as pikepdf gave them."""
    out: list = []
    for operand in operands:
        if isinstance(operand, (int, float)) or type(operand).__name__ == "Decimal":
            out.append(float(operand))
        elif isinstance(operand, pikepdf.String):
            out.append(bytes(operand))
        elif isinstance(operand, pikepdf.Name):
            out.append(str(operand)[1:])
        elif isinstance(operand, pikepdf.Array):
            out.append(_python(operand))
        else:
            out.append(operand)
    return out


def _settled(state: TextState) -> TextState:
    """What a rewrite must keep: the state, whichever number its lines have."""
    return state._replace(line_count=0)


def _walk(parsed: list[tuple[int, str, tuple]], state: TextState, code_bytes: Callable[[str], int]) -> list[Op]:
    ops, saved = [], []
    for index, operator, operands in parsed:
        if operator == "q":
            saved.append(state)
        elif operator == "Q" and saved:
            state = saved.pop()._replace(line=state.line, line_count=state.line_count, in_text=state.in_text)
        after = _step(state, operator, operands)
        if operator in SHOWS:
            shown = after if operator in ("'", '"') else state
            ops.append(Op(index, operator, operands, shown, after, _parts(operator, operands, shown, code_bytes)))
        else:
            ops.append(Op(index, operator, operands, state, after))
        state = after
    return ops


_ARITY = {"Tc": 1, "Tw": 1, "Tz": 1, "TL": 1, "Tr": 1, "Ts": 1, "Tf": 2, "Td": 2, "TD": 2, "Tm": 6, "T*": 0,
          "Tj": 1, "'": 1, '"': 3, "TJ": 1}


def _step(state: TextState, operator: str, operands: tuple) -> TextState:
    """The text state after one operator; raises where the walk cannot follow."""
    if _ARITY.get(operator, len(operands)) != len(operands):
        raise UnsupportedOperator(f"{operator} with {len(operands)} operands")
    if operator == "BT":
        if state.in_text:
            raise UnsupportedOperator("BT inside a text object")
        return state._replace(in_text=True, line=IDENTITY, line_count=state.line_count + 1)
    if operator in _STATE:
        return _text_state(state, operator, operands)
    if operator in LINE or operator in SHOWS:
        if not state.in_text:
            raise UnsupportedOperator(f"{operator} outside a text object")
        return _line(state, operator, operands) if operator in LINE else state
    if operator == "ET":
        return state._replace(in_text=False)
    if state.in_text and operator not in _IN_TEXT:
        raise UnsupportedOperator(f"{operator} inside a text object")
    if operator in ("d0", "d1"):
        raise UnsupportedOperator(f"{operator}: a Type 3 glyph's stream has no text to walk")
    return state


def _text_state(state: TextState, operator: str, operands: tuple) -> TextState:
    if operator == "Tf":
        return state._replace(font=operands[0], size=operands[1])
    value = operands[0]
    if operator == "Tr":
        return state._replace(render=int(value))
    if operator == "Tz":
        return state._replace(scale=value / 100)
    field = {"Tc": "char_spacing", "Tw": "word_spacing", "TL": "leading", "Ts": "rise"}[operator]
    return state._replace(**{field: value})  # type: ignore[arg-type]  # a float field, by the table


def _line(state: TextState, operator: str, operands: tuple) -> TextState:
    """Tm sets the line matrix; Td, TD, T*, ' and " move it (PDF 2.0, table 106)."""
    if operator == "Tm":
        return state._replace(line=tuple(operands), line_count=state.line_count + 1)
    if operator == "TD":
        state = state._replace(leading=-operands[1])
    tx, ty = (operands[0], operands[1]) if operator in ("Td", "TD") else (0.0, -state.leading)
    if operator == '"':
        state = state._replace(word_spacing=operands[0], char_spacing=operands[1])
    a, b, c, d, e, f = state.line
    return state._replace(line=(a, b, c, d, tx * a + ty * c + e, tx * b + ty * d + f), line_count=state.line_count + 1)


def _parts(operator: str, operands: tuple, state: TextState, code_bytes: Callable[[str], int]) -> tuple:
    width = code_bytes(state.font)
    elements = operands[0] if operator == "TJ" else [operands[-1]]
    out: list = []
    for element in elements:
        if isinstance(element, float):
            if operator != "TJ":
                raise UnsupportedOperator(f"{operator} shows a number")
            out.append(element)
        elif isinstance(element, bytes) and len(element) % width == 0:
            out.append(tuple(element) if width == 1 else struct.unpack(f">{len(element) // 2}H", element))
        else:
            raise UnsupportedOperator(f"{operator} shows {element!r}, not whole {width}-byte codes of /{state.font}")
    return tuple(out)


def _instruction(op: Op, code_bytes: Callable[[str], int]) -> pikepdf.ContentStreamInstruction:
    width = code_bytes(op.state.font)

    def string(codes: tuple) -> pikepdf.String:
        return pikepdf.String(b"".join(code.to_bytes(width, "big") for code in codes))

    shown = [string(p) if isinstance(p, tuple) else p for p in op.parts]
    operands = [pikepdf.Array(shown)] if op.operator == "TJ" else [*op.operands[:-1], shown[0]]
    return pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(op.operator))
