"""Marks typed in right-to-left words (shadda, tanween) and letters' own dots, read in place by every extractor.

HarfBuzz draws a typed mark as a glyph of its own, in visual order just before its letter, moved
over the letter by a pen offset (and often raised with a text rise). Poppler (pdftotext) builds words
from where each glyph *starts* and from its baseline: the mark starts inside its letter, above the
line, so it began a word of its own and "تحسّن" came out as "ن" and "تحّسن". Giving the letter the
mark's text as well ("سّ") does not help: Poppler spreads a glyph's text left to right and then
reverses the right-to-left run, which puts the mark before its letter. An /ActualText span around the
mark serves Poppler but not pdf.js, which ends a text item at every marked-content operator and so
reads "فورًا" as "ا", "ً", "فور".

So the mark's ink and its text part ways. `with_marks` draws the mark's outline as a filled path, just
after the text object, exactly where the glyph was (same matrix, rise, colour); in the text, an empty
glyph of the same font (a "carrier", standing for the mark) starts on the baseline just right of the
letter before and left of the mark's own letter, where all three extractors keep it in the word:
Poppler breaks a word at a gap over 0.1 em, an overlap over 0.2 em, or a character starting within
0.1 em of the one before; pypdf takes a forward move of a space's width for a word gap; pdf.js ends
an item at a move back of over 0.2 em. Nothing drawn changes.

The same path drawing serves a letter's dot or mark that a font draws as a glyph of its own, with no
width and standing for nothing (Noto Sans draws Vietnamese ị as i and a dot): left in the text it was a
character outside the letter's box, where Poppler broke "dịch" in two; drawn as a path it is no character.

The carrier is a glyph slot the embedded subset left empty; `MarkFont.widened` gives it its width in the
font program too, as PDF/UA wants the widths of the PDF and of the font program to agree.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from handouts.typeset.text import stream

# In thousandths of an em (TJ units). The carrier starts BEFORE left of its letter's start and is
# CARRIER_WIDTH wide: Poppler's limits leave 0.1-0.2 em for BEFORE, and near 0.1 the carrier also stays
# clear of (does not start within 0.1 em of) a letter before it as narrow as 0.21 em (an alef, kerned);
# a carrier that starts a word must end within 0.1 em of its letter. pdf.js gives a mark no width.
BEFORE = 105.0
CARRIER_WIDTH = 50.0


@dataclass(frozen=True)
class FontMarks:
    """A font's typed right-to-left marks: code -> text, and code -> outline (PDF path operators in
    thousandths of an em); the carrier code of each mark's text; and the codes drawn as paths only
    (`hidden`: a letter's dot or mark drawn as a glyph of its own, with no width, standing for nothing)."""

    marks: dict[int, str]
    outlines: dict[int, bytes]
    carriers: dict[str, int]
    hidden: frozenset[int] = frozenset()


_NO_MARKS = FontMarks({}, {}, {})


class MarkFont:
    """The embedded (subset) font program of a font with typed marks."""

    def __init__(self, file_content: bytes, index: int):
        self.font = TTFont(io.BytesIO(file_content), fontNumber=index, recalcTimestamp=False)
        self.order = self.font.getGlyphOrder()
        self.scale = 1000 / self.font["head"].unitsPerEm

    def empty_slot(self, taken: set[int]) -> int | None:
        """A glyph id the subset left empty (no outline, no width) and no font of the document draws."""
        if "glyf" not in self.font:
            return None
        metrics, glyphs = self.font["hmtx"].metrics, self.font["glyf"]
        return next((gid for gid, name in enumerate(self.order) if gid and gid not in taken
                     and metrics[name][0] == 0 and glyphs[name].numberOfContours == 0), None)

    def widened(self, gid: int) -> bytes:
        """The font program with the slot CARRIER_WIDTH wide."""
        self.font["hmtx"].metrics[self.order[gid]] = (round(CARRIER_WIDTH / self.scale), 0)
        out = io.BytesIO()
        self.font.save(out)
        return out.getvalue()

    def outlines(self, glyphs: dict[int, int]) -> dict[int, bytes]:
        """code -> the outline of its glyph (glyphs: code -> glyph id) as PDF path operators."""
        glyph_set = self.font.getGlyphSet()
        out = {}
        for code, glyph in glyphs.items():
            pen = _PathPen(glyph_set, self.scale)
            glyph_set[self.order[glyph]].draw(pen)
            out[code] = b"\n".join(pen.operators)
        return out


class Carriers:
    """The carrier slot of each embedded font program with typed marks (pdf_marks), shared by the fonts
    that embed the same program, and that program with the slot widened."""

    def __init__(self, document):
        self.taken = {glyph for font in document.fonts.values() for glyph in font.widths}
        self.programs: dict[bytes, tuple[MarkFont, int | None]] = {}
        self.widened: dict[bytes, bytes] = {}

    def font(self, font) -> MarkFont:
        return self._entry(font)[0]

    def slot(self, font) -> int | None:
        return self._entry(font)[1]

    def program(self, font) -> bytes:
        key = font.file_content
        if key not in self.widened:
            program, slot = self._entry(font)
            assert slot is not None
            self.widened[key] = program.widened(slot)
        return self.widened[key]

    def _entry(self, font) -> tuple[MarkFont, int | None]:
        if font.file_content not in self.programs:
            program = MarkFont(font.file_content, font.index)
            self.programs[font.file_content] = (program, program.empty_slot(self.taken))
        return self.programs[font.file_content]


class _PathPen(BasePen):
    def __init__(self, glyph_set, scale: float):
        super().__init__(glyph_set)
        self.scale = scale
        self.operators: list[bytes] = []

    def _point(self, *points) -> bytes:
        return b" ".join(b"%.2f %.2f" % (x * self.scale, y * self.scale) for x, y in points)

    def _moveTo(self, point):  # noqa: N802 (fontTools' pen protocol)
        self.operators.append(self._point(point) + b" m")

    def _lineTo(self, point):  # noqa: N802 (fontTools' pen protocol)
        self.operators.append(self._point(point) + b" l")

    def _curveToOne(self, first, second, third):  # noqa: N802 (fontTools' pen protocol)
        self.operators.append(self._point(first, second, third) + b" c")

    def _closePath(self):  # noqa: N802 (fontTools' pen protocol)
        self.operators.append(b"h")


def with_marks(content: stream.Content, fonts: dict[str, FontMarks], widths: dict[str, dict[int, float]]) -> dict:
    """Replacements for the items of a content stream (stream.Content.rewrite): each typed right-to-left
    mark of `fonts` drawn as a path after its text object and carried in the text by its font's carrier
    glyph. widths: font name -> code -> width (thousandths of an em) of every font the stream draws with."""
    out: dict[int, list] = {}
    x, line = 0.0, -1
    paths: list[bytes] = []
    ops, i = content.ops, 0
    while i < len(ops):
        op, state = ops[i], ops[i].state
        if op.operator == "ET" and paths:
            out[op.item] = [content.items[op.item], *paths]
            paths = []
        marks = fonts.get(state.font, _NO_MARKS)
        raised = _raised(ops, i, marks)
        if not (op.operator in stream.SHOWS or raised):
            i += 1
            continue
        if state.line_count != line:
            x, line = 0.0, state.line_count
        if raised:  # "r Ts", "[... <mark>] TJ", "0 Ts", "[...] TJ": one TJ, the rise kept with the mark
            tokens = [*_tokens(ops[i + 1], op.operands[0]), *_tokens(ops[i + 3], ops[i + 3].state.rise)]
            items = [o.item for o in ops[i:i + 4]]
            i += 4
        else:
            tokens, items = _tokens(op, state.rise), [op.item]
            i += 1
        text, x, drawn = _carried(tokens, marks, x, state, widths.get(state.font, {}))
        if drawn:
            out.update({items[0]: [*_line_move(op if not raised else ops[i - 3]), text],
                        **{item: [] for item in items[1:]}})
        paths += [_path(state, at, lift, marks.outlines[code]) for code, at, lift in drawn]
    return out


def _line_move(op: stream.Op) -> list[bytes]:
    """What ' and " do before they show their string, as operators of their own (a TJ stands in for them)."""
    if op.operator == '"':
        return [b"%.4f Tw" % op.operands[0], b"%.4f Tc" % op.operands[1], b"T*"]
    return [b"T*"] if op.operator == "'" else []


def _raised(ops: list[stream.Op], i: int, marks: FontMarks) -> bool:
    """WeasyPrint draws a raised mark as a TJ of its own between "r Ts" and "0 Ts"."""
    if i + 3 >= len(ops) or [o.operator for o in ops[i:i + 4]] != ["Ts", "TJ", "Ts", "TJ"]:
        return False
    rise, tj, reset, after = ops[i:i + 4]
    if rise.operands[0] == 0 or reset.operands[0] != 0 or len({o.item for o in ops[i:i + 4]}) != 4:
        return False
    glyphs = tj.codes
    return len(glyphs) == 1 and (glyphs[0] in marks.marks or glyphs[0] in marks.hidden) and bool(after.codes)


def _carried(tokens: list, marks: FontMarks, x: float, state: stream.TextState,
             widths: dict) -> tuple[bytes, float, list]:
    """The TJ with each mark followed by its letter replaced by its carrier; the pen after it; and the
    marks to draw: (code, pen position, rise). The pen follows PDF 2.0, 9.4.4 (character and word
    spacing, horizontal scaling); WeasyPrint sets none of them, which leaves its sums as they were."""
    out: list = []
    drawn = []
    size, spacing, scale = state.size, state.char_spacing, state.scale
    before = 0.0  # TJ units moved since the last glyph
    k = 0
    while k < len(tokens):
        kind, value, rise = tokens[k]
        moves = 0
        while k + 1 + moves < len(tokens) and tokens[k + 1 + moves][0] == "n":
            moves += 1
        letter = k + 1 + moves < len(tokens)
        if kind == "g" and value in marks.marks and letter:
            back = sum(t[1] for t in tokens[k + 1:k + 1 + moves])
            drawn.append((int(value), x, rise))
            while out and out[-1][0] == "n":
                out.pop()
            out += [("n", before + back + BEFORE, 0.0), ("g", marks.carriers[marks.marks[value]], 0.0),
                    ("n", CARRIER_WIDTH - BEFORE, 0.0)]
            x -= back * size / 1000 * scale
            before = 0.0
            k += 1 + moves
            continue
        if kind == "g" and value in marks.hidden:
            drawn.append((int(value), x, rise))
            k += 1
            continue
        out.append(tokens[k])
        if kind == "n":
            x -= value * size / 1000 * scale
            before += value
        else:  # word spacing applies to single-byte code 32 only; these fonts have two-byte codes
            x += (widths.get(int(value), 0.0) * size / 1000 + spacing) * scale
            before = 0.0
        k += 1
    return _tj(_joined_moves(out)), x, drawn


def _joined_moves(tokens: list) -> list:
    """Moves that follow each other become one (where a hidden glyph was): pypdf reads a single large move
    forward as a word gap."""
    out: list = []
    for token in tokens:
        if out and token[0] == "n" and out[-1][0] == "n":
            out[-1] = ("n", out[-1][1] + token[1], 0.0)
        else:
            out.append(token)
    return out


def _path(state: stream.TextState, x: float, rise: float, outline: bytes) -> bytes:
    scale = state.size / 1000
    return b"\n".join([b"q", b"%.6f %.6f %.6f %.6f %.6f %.6f cm" % state.line,
                       b"%.6f 0 0 %.6f %.6f %.6f cm" % (scale * state.scale, scale, x, rise), outline, b"f", b"Q"])


def _tokens(op: stream.Op, rise: float) -> list[tuple[str, float, float]]:
    out: list = []
    for part in op.parts:
        if isinstance(part, tuple):
            out += [("g", code, rise) for code in part]
        else:
            out.append(("n", part, 0.0))
    return out


def _tj(tokens: list) -> bytes:
    parts = [b"<%04x>" % int(value) if kind == "g" else b"%.4f" % value for kind, value, _ in tokens]
    return b"[" + b" ".join(parts) + b"] TJ"
