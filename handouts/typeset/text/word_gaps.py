"""Word gaps that pypdf finds in right-to-left lines.

pypdf extracts text in drawing order and puts a space only where the pen jumps forward (to the right)
by at least a space, or where a space character is drawn. A right-to-left page breaks both:
- boxes side by side on one line are drawn right to left (the clinic's name, then its website to
  the left of it), so the jump between them goes back, and "Clinic" and "https" came out as one word;
- in a line of Arabic with a number or a Latin name inside, the space between the Arabic words and
  the number ends a run of Arabic glyphs; pypdf turns each font's run of Arabic into reading order on
  its own, which moves that space to the other end of the run, and "الأعراض" was glued to "911".

Poppler (pdftotext) reorders an Arabic line itself and gives a left-to-right run the spaces to its
left, so the space after "911" in "بالرقم 911 الآن" went before the number and "911الآن" came out
as one word; and it takes ":" or "." next to a number into the number's run, so "العمل: (555)" lost
the space between "العمل" and the run. `after_left_to_right(streams, texts)` names the spaces drawn
between a left-to-right run and right-to-left letters (punctuation between or not) in a right-to-left
line: they stand for " " and a RIGHT-TO-LEFT MARK (the mark Unicode puts after such a run; invisible,
skipped by screen readers), which ends the run for Poppler.

`with_gaps(items, text)` changes nothing that is drawn: before a jump back on the same line it moves
the text matrix forward first (no glyph is drawn there), and it draws the space that ends an Arabic
run followed by a left-to-right one as a run of its own (the same font set again just before it), so
pypdf keeps it between the two. Streams without right-to-left text are left as they are.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable

from handouts.typeset.text import stream

RLM = "\u200f"
_FAR = 10000  # points: past the end of any line, so the jump forward is always at least a space


def right_to_left(letters: dict[str, list[str]]) -> bool:
    """Whether any glyph stands for a right-to-left letter: only then can a page need gaps (a quick test that
    spares left-to-right documents the walk over every text item)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for texts in letters.values() for text in texts
               for char in text)


def with_gaps(content: stream.Content, text: Callable[[str, int], str]) -> dict[int, list]:
    """Replacements for the items of a content stream (stream.Content.rewrite), with the jumps and runs pypdf
    needs to see word gaps. text(font name, code): the text a code of that font stands for ("" if unknown)."""
    ops = content.ops
    texts = ["".join(text(op.state.font, code) for code in op.codes) for op in ops]
    if not any(_direction(t) == "R" for t in texts):
        return {}
    out: dict[int, list] = {}
    line: tuple[float, float] | None = None
    set_font = b""
    for i, op in enumerate(ops):
        if op.operator == "Tf":
            set_font = _bytes(content.items[op.item])
        if op.operator in stream.LINE:
            e, f = op.after.line[4], op.after.line[5]
            if line and e < line[0] and abs(f - line[1]) < 0.8 * max(op.state.size, 1.0):
                out[op.item] = [*_jump(content, op, line[0] + _FAR), content.items[op.item]]
            line = (e, f)
        if _ends_rtl_run(ops, texts, i, text):
            out[op.item] = _split(content, op, set_font)
    return out


def _bytes(item) -> bytes:
    return item if isinstance(item, bytes) else str(item).encode()


def _jump(content: stream.Content, op: stream.Op, e: float) -> list[bytes]:
    """A text matrix far right on the new line (nothing drawn there); before a move relative to the line
    matrix, the line matrix it moves from is set again."""
    if op.operator == "Tm":
        a, b, c, d, _, f = _bytes(content.items[op.item]).split()[:6]
        return [b" ".join([a, b, c, d, b"%.4f" % e, f, b"Tm"])]
    new = op.after.line
    return [b"%f %f %f %f %.4f %f Tm" % (*new[:4], e, new[5]), b"%f %f %f %f %f %f Tm" % op.state.line]


def _split(content: stream.Content, op: stream.Op, set_font: bytes) -> list[bytes]:
    """The TJ in two, its last string a run of its own with the font set again before it."""
    raw = _bytes(content.items[op.item])
    strings = [p for p in op.parts if isinstance(p, tuple)]
    if op.operator != "TJ" or b"(" in raw:
        raise stream.UnsupportedOperator(f"{op.operator}: word gaps split TJ operators with hex strings only")
    last = list(stream.HEX.finditer(raw))[len(strings) - 1 - _trailing_empty(strings)]
    return [raw[:last.start()] + b"] TJ", set_font, b"[" + raw[last.start():]]


def _trailing_empty(strings: list[tuple]) -> int:
    count = 0
    while count < len(strings) and not strings[-1 - count]:
        count += 1
    return count


def _ends_rtl_run(ops: list[stream.Op], texts: list[str], i: int, text) -> bool:
    """A right-to-left run whose last string is one glyph, a space, followed by another font's left-to-right
    run."""
    if not texts[i] or _direction(texts[i]) != "R" or i + 2 >= len(ops):
        return False
    strings = [p for p in ops[i].parts if p]
    if not strings or not isinstance(strings[-1], tuple) or len(strings[-1]) != 1:
        return False
    if text(ops[i].state.font, strings[-1][0]) not in (" ", " " + RLM):
        return False
    return ops[i + 1].operator == "Tf" and _direction(texts[i + 2]) == "L"


def _direction(text: str) -> str:
    """"R" or "L" after the first strong character of the text (digits count as left to right), else ""."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind in ("L", "EN"):
            return "L"
    return ""


def after_left_to_right(contents: list[stream.Content], texts: dict[str, list[str]]) -> dict[str, dict[int, str]]:
    """font name -> {index of a glyph in the font's drawing order: its new text} for the spaces that end a
    left-to-right run in a right-to-left page (Poppler takes a page's direction from the letters of most
    of its text). texts: each font's glyph texts, in drawing order."""
    seen = dict.fromkeys(texts, 0)
    out: dict[str, dict[int, str]] = {}
    for content in contents:
        lines = _lines(content, texts, seen)
        directions = [_direction(text) for line in lines for _, _, text in line]
        if directions.count("R") > directions.count("L"):
            for line in lines:
                _mark_line(line, out)
    return out


def _lines(content: stream.Content, texts: dict[str, list[str]], seen: dict[str, int]) -> list[list[tuple]]:
    """The glyphs of a stream, line by line (setting the line matrix starts a line): font, index, text."""
    lines: list[list[tuple[str, int, str]]] = [[]]
    for op in content.ops:
        if op.operator in stream.LINE:
            lines.append([])
        font = op.state.font
        for _ in op.codes:
            index = seen.get(font, -1)
            lines[-1].append((font, index, texts[font][index] if index >= 0 else ""))
            if index >= 0:
                seen[font] += 1
    return lines


def _mark_line(line: list[tuple[str, int, str]], out: dict) -> None:
    """A space between a left-to-right run and right-to-left letters, with or without punctuation between
    (Poppler takes ":" and "." next to a number into the number's run), stands for " " and the mark."""
    directions = [_direction(text) for _, _, text in line]
    for j, (font, index, text) in enumerate(line):
        if text != " " or index < 0:
            continue
        before = next((d for d in reversed(directions[:j]) if d), "")
        after = next((d for d in directions[j + 1:] if d), "")
        if {before, after} == {"L", "R"}:
            out.setdefault(font, {})[index] = " " + RLM
