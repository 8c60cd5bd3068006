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

import re
import unicodedata
from collections.abc import Callable

_TM = re.compile(rb"^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+) Tm$")
_TF = re.compile(rb"^/(\S+) (\S+) Tf$")
_LAST = re.compile(rb"<([0-9a-fA-F]{4})>((?:[^<>]|<>)*)\] TJ$")
_HEX = re.compile(rb"<([0-9a-fA-F]*)>")
RLM = "\u200f"
_FAR = 10000  # points: past the end of any line, so the jump forward is always at least a space


def right_to_left(letters: dict[str, list[str]]) -> bool:
    """Whether any glyph stands for a right-to-left letter: only then can a page need gaps (a quick test that
    spares left-to-right documents the walk over every text item)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for texts in letters.values() for text in texts
               for char in text)


def with_gaps(items: list, text: Callable[[str, int], str]) -> list:
    """The items of a content stream, with the jumps and runs pypdf needs to see word gaps.
    text(font name, code): the text a code of that font stands for ("" if unknown)."""
    font, size, set_font = "", 0.0, b""
    texts = [_text(item, font, text) for item, font in _fonts(items)]
    if not any(_direction(t) == "R" for t in texts):
        return items
    out: list = []
    line: tuple[float, float] | None = None
    for i, item in enumerate(items):
        if not isinstance(item, bytes):
            out.append(item)
            continue
        tm, tf = _TM.match(item), _TF.match(item)
        if tf:
            font, size, set_font = tf.group(1).decode(), float(tf.group(2)), item
        if tm:
            e, f = float(tm.group(5)), float(tm.group(6))
            if line and e < line[0] and abs(f - line[1]) < 0.8 * max(size, 1.0):
                out.append(b" ".join([*tm.groups()[:4], b"%.4f" % (line[0] + _FAR), tm.group(6), b"Tm"]))
            line = (e, f)
        if _ends_rtl_run(items, texts, i, font, text):
            last = _LAST.search(item)
            assert last is not None
            out += [item[:last.start()] + b"] TJ", set_font, b"[" + item[last.start():]]
            continue
        out.append(item)
    return out


def _fonts(items: list):
    font = ""
    for item in items:
        tf = _TF.match(item) if isinstance(item, bytes) else None
        font = tf.group(1).decode() if tf else font
        yield item, font


def _text(item, font: str, text) -> str:
    if not (isinstance(item, bytes) and item.endswith(b"] TJ")):
        return ""
    return "".join(text(font, int(h[k:k + 4], 16)) for h in _HEX.findall(item) for k in range(0, len(h), 4))


def _ends_rtl_run(items: list, texts: list[str], i: int, font: str, text) -> bool:
    """A right-to-left run whose last glyph is a space, followed by another font's left-to-right run."""
    if not texts[i] or _direction(texts[i]) != "R" or i + 2 >= len(items):
        return False
    last = _LAST.search(items[i])
    if last is None or text(font, int(last.group(1), 16)) not in (" ", " " + RLM):
        return False
    follows = items[i + 1]
    return isinstance(follows, bytes) and bool(_TF.match(follows)) and _direction(texts[i + 2]) == "L"


def _direction(text: str) -> str:
    """"R" or "L" after the first strong character of the text (digits count as left to right), else ""."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind in ("L", "EN"):
            return "L"
    return ""


def after_left_to_right(streams: list[list], texts: dict[str, list[str]]) -> dict[str, dict[int, str]]:
    """font name -> {index of a glyph in the font's drawing order: its new text} for the spaces that end a
    left-to-right run in a right-to-left page (Poppler takes a page's direction from the letters of most
    of its text). texts: each font's glyph texts, in drawing order."""
    seen = dict.fromkeys(texts, 0)
    out: dict[str, dict[int, str]] = {}
    for items in streams:
        lines = _lines(items, texts, seen)
        directions = [_direction(text) for line in lines for _, _, text in line]
        if directions.count("R") > directions.count("L"):
            for line in lines:
                _mark_line(line, out)
    return out


def _lines(items: list, texts: dict[str, list[str]], seen: dict[str, int]) -> list[list[tuple[str, int, str]]]:
    """The glyphs of a stream, line by line (a text matrix starts a line): font, index, text."""
    lines: list[list[tuple[str, int, str]]] = [[]]
    font = ""
    for item in items:
        if not isinstance(item, bytes):
            continue
        tf = _TF.match(item)
        if tf:
            font = tf.group(1).decode()
        elif item.endswith(b"] TJ"):
            for _ in (h[k:k + 4] for h in _HEX.findall(item) for k in range(0, len(h), 4)):
                index = seen.get(font, -1)
                lines[-1].append((font, index, texts[font][index] if index >= 0 else ""))
                if index >= 0:
                    seen[font] += 1
        elif item.endswith(b" Tm"):
            lines.append([])
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
