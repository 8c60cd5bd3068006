"""Text that extracts as it was written: one character code per (glyph, text) pair.

WeasyPrint 70 writes each glyph with its glyph id as character code and a ToUnicode entry for the
first text it drew that glyph with. Fonts that reuse one glyph for several letters break that:
Noto Sans Arabic draws ز as the glyph of ر plus a dot glyph that ف and ن use too, so "كيف" extracted
as "كيز"; Noto Sans draws "ọ" as o plus a dot below, so "gọi" extracted as "goịi".

The drawing stays as it is; only the codes change. While a document is drawn every glyph is logged
with the text of its own cluster (GlyphLog). Then `remap` (a write_pdf finisher):
- gives a cluster's text to its letter (the first glyph with an advance width) and its other glyphs
  (dots, marks) a ZERO WIDTH JOINER: invisible, a format character that pdf.js and screen readers
  skip, and never the empty ToUnicode entry PDF/UA rejects (typeset/text/glyph_texts.py);
- gives a glyph drawn for another text than its first a fresh code: the CIDToGIDMap points the code
  at the same glyph, with the same width, and the ToUnicode map gives it its own text;
- has typeset/text/drawn_marks.py draw typed right-to-left marks and letters' own dots as paths, their text
  carried in the word by an empty glyph (word_gaps.py then adds the word gaps of right-to-left lines).
Fonts whose codes cannot be remapped this way (CFF fonts such as Noto Sans CJK, which have no
CIDToGIDMap, bitmap fonts) keep WeasyPrint's mapping; CJK fonts map one character to one glyph.
"""
from __future__ import annotations

from collections.abc import Collection
from functools import cached_property

import pydyf

from handouts.typeset.text import drawn_marks, glyph_texts, stream, word_gaps

JOINER = glyph_texts.JOINER


class GlyphLog(dict):
    """Stands in for a Font's `to_unicode` while the document is drawn. WeasyPrint asks
    `glyph not in to_unicode` before it stores a glyph's text; answering "not in" every time makes
    it hand over every glyph it draws, in drawing order, with its cluster's text. The dict itself
    keeps WeasyPrint's first-seen mapping, which subsetting and widths rely on."""

    def __init__(self):
        super().__init__()
        self.drawn: list[tuple[int, str]] = []

    def __contains__(self, glyph) -> bool:
        return False

    def __setitem__(self, glyph, text) -> None:
        self.drawn.append((glyph, text))
        if not dict.__contains__(self, glyph):
            dict.__setitem__(self, glyph, text)


def remap(document, pdf) -> None:
    """Codes of their own for glyphs drawn for another text (document: WeasyPrint's, pdf: pydyf's). The
    content streams are read only when something in them is to change: most documents (one text per glyph,
    left to right, no marks) keep WeasyPrint's codes and are left as written."""
    fonts = {font.hash: font for font in document.fonts.values()
             if isinstance(font.to_unicode, GlyphLog) and not (font.bitmap or font.missing or font.type == "otf")}
    bitmap = {font.hash for font in document.fonts.values() if font.bitmap}
    letters, marks = {}, {}
    carriers = drawn_marks.Carriers(document)
    for name, font in fonts.items():
        typed = glyph_texts.right_to_left_marks(font.to_unicode.drawn, font.widths)
        marks[name] = typed if typed and carriers.slot(font) is not None else set()
        letters[name] = glyph_texts.on_letters(font.to_unicode.drawn, font.widths, marks[name])
    rtl = word_gaps.right_to_left(letters)
    def planned() -> dict[str, _Plan]:
        return {name: _Plan(fonts[name], texts, carriers.slot(fonts[name]) if marks[name] else None, marks[name])
                for name, texts in letters.items()}

    plans = planned()
    if not rtl and not any(plan.changes or plan.hidden for plan in plans.values()):
        return
    contents = stream.read((obj for obj in pdf.objects if isinstance(obj, pydyf.Stream)),
                           lambda name: 1 if name in bitmap else 2)
    _check_drawn(contents, fonts)
    if rtl:  # the spaces after left-to-right runs change the plans' texts
        for name, spaces in word_gaps.after_left_to_right(contents, letters).items():
            for index, text in spaces.items():
                letters[name][index] = text
        plans = planned()
    _recode(contents, plans, carriers, pdf)
    texts = {name: plan.texts() for name, plan in plans.items()}
    drawn = {name: plan.font_marks(carriers.font(plan.font)) for name, plan in plans.items()
             if plan.carriers or plan.hidden}
    widths = {font.hash: font.widths for font in document.fonts.values()}
    widths.update({name: plan.widths() for name, plan in plans.items()})
    for content in contents if drawn else ():
        content.rewrite(drawn_marks.with_marks(content, drawn, widths))
    for content in contents if rtl else ():
        content.rewrite(word_gaps.with_gaps(content, lambda font, code: texts.get(font, {}).get(code, "")))


def _check_drawn(contents: list[stream.Content], fonts: dict) -> None:
    """The glyphs the streams show, font by font, are the ones WeasyPrint logged, in the same order: the
    plans give codes by that order."""
    found: dict[str, list[int]] = {name: [] for name in fonts}
    for content in contents:
        for op in content.ops:
            if op.parts and op.state.font in found:
                found[op.state.font] += op.codes
    for name, font in fonts.items():
        if [glyph for glyph, _ in font.to_unicode.drawn] != found[name]:
            raise stream.UnsupportedOperator(f"font /{name}: the glyphs in the content streams are not the ones "
                                             "WeasyPrint logged while drawing")


def _recode(contents: list[stream.Content], plans: dict, carriers, pdf) -> None:
    """Each glyph of a planned font shown by its new code, and the fonts written with their new codes."""
    if not any(plan.changes for plan in plans.values()):
        return
    for content in contents:
        for op in content.ops:
            plan = plans.get(op.state.font) if op.parts else None
            if plan:
                content.recode(op, plan.next_codes(len(op.codes)))
    for plan in plans.values():
        if plan.changes:
            plan.write_font(pdf, carriers.program(plan.font) if plan.carriers else None)


class _Plan:
    """The code of every glyph a font drew, in drawing order (a fresh one where the glyph stood for another
    text than its first), and the text each code stands for. With `empty` (an empty glyph's id), the typed
    right-to-left marks drawn at the indices `marks` get carriers (pdf_marks): one more code per mark text,
    drawing the empty glyph, standing for that text."""

    def __init__(self, font, texts: list[str], empty: int | None = None, marks: Collection[int] = ()):
        self.font = font
        self.first: dict[int, str] = {}
        for (glyph, _), text in zip(font.to_unicode.drawn, texts):
            self.first.setdefault(glyph, text)
        taken = set(self.first)
        fresh = (c for c in range(1, 0x10000) if c not in taken)
        self.extra: dict[tuple[int, str], int] = {}
        self.codes = []
        for (glyph, _), text in zip(font.to_unicode.drawn, texts):
            if self.first[glyph] != text and (glyph, text) not in self.extra:
                self.extra[(glyph, text)] = next(fresh)
            self.codes.append(self.extra.get((glyph, text), glyph))
        self.empty = empty
        self.carriers = {text: next(fresh) for text in sorted({texts[i] for i in marks})} if empty is not None else {}
        self.marks = {self.codes[i]: (glyph, texts[i]) for i, (glyph, _) in enumerate(font.to_unicode.drawn)
                      if i in marks}
        self.changes = bool(self.extra) or bool(self.carriers) or texts != [t for _, t in font.to_unicode.drawn]
        self.seen = 0

    def texts(self) -> dict[int, str]:
        """code -> the text it stands for."""
        carriers = {code: text for text, code in self.carriers.items()}
        return {**self.first, **{code: text for (_, text), code in self.extra.items()}, **carriers}

    def glyphs(self) -> dict[int, int]:
        """code -> the glyph it draws."""
        out = {code: code for code in self.first}
        out.update({code: glyph for (glyph, _), code in self.extra.items()})
        out.update({code: self.empty for code in self.carriers.values() if self.empty is not None})
        return out

    def widths(self) -> dict[int, float]:
        """code -> its width in the PDF (thousandths of an em)."""
        out = {code: self.font.widths[glyph] for code, glyph in self.glyphs().items() if glyph in self.font.widths}
        out.update(dict.fromkeys(self.carriers.values(), drawn_marks.CARRIER_WIDTH))
        return out

    @cached_property
    def hidden(self) -> frozenset[int]:
        """Codes drawn that stand for nothing (JOINER: a letter's dot or mark, a glyph of its own) and take
        no width: pdf_marks draws them as paths, so no reader meets a character between a letter's parts."""
        joiners = [code for code, text in self.texts().items() if text == JOINER]
        if not joiners:
            return frozenset()
        widths, drawn = self.widths(), set(self.codes)
        return frozenset(code for code in joiners if code in drawn and not widths.get(code))

    def font_marks(self, program: drawn_marks.MarkFont) -> drawn_marks.FontMarks:
        """The typed right-to-left marks and the hidden glyphs this font draws: texts, outlines, carriers."""
        hidden, glyphs = self.hidden, self.glyphs()
        outlines = program.outlines({**{code: glyph for code, (glyph, _) in self.marks.items()},
                                     **{code: glyphs[code] for code in hidden}})
        return drawn_marks.FontMarks({code: text for code, (_, text) in self.marks.items()}, outlines, self.carriers,
                                   hidden)

    def next_codes(self, count: int) -> list[int]:
        """The codes of the next `count` glyphs the font drew."""
        self.seen += count
        return self.codes[self.seen - count:self.seen]

    def write_font(self, pdf, program: bytes | None = None) -> None:
        """Codes stay CIDs (Identity-H, read by every extractor); new CIDs point at their glyph
        through a CIDToGIDMap, take its width, and carry their own ToUnicode text. `program`: the
        font program to embed instead (with the carriers' slot widened)."""
        font = self.font
        dictionary = next(o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and o.get("Type") == "/Font"
                          and o.get("BaseFont") == font.name and "ToUnicode" in o)
        descendant = _object(pdf, dictionary["DescendantFonts"][0])
        if program is not None:
            file = _object(pdf, _object(pdf, descendant["FontDescriptor"])["FontFile2"])
            file.stream, file.extra["Length1"] = [program], len(program)
        _object(pdf, dictionary["ToUnicode"]).stream = _to_unicode_lines(self.texts())
        gids = self.glyphs()
        if len(gids) > len(self.first):
            table = bytearray(2 * (max(gids) + 1))
            for cid, gid in gids.items():
                table[2 * cid:2 * cid + 2] = gid.to_bytes(2, "big")
            cid_to_gid = pydyf.Stream([bytes(table)], compress=True)
            pdf.add_object(cid_to_gid)
            descendant["CIDToGIDMap"] = cid_to_gid.reference
            descendant["W"] = pydyf.Array(_w_array(self.widths()))


def _object(pdf, reference):
    return pdf.objects[int(bytes(reference).split()[0])]


def _w_array(widths: dict) -> list:
    out: list = []
    for cid in sorted(widths):
        if cid - 1 not in widths:
            out += [cid, pydyf.Array()]
        out[-1].append(widths[cid])
    return out


def _to_unicode_lines(mapping: dict) -> list[bytes]:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap", b"/CIDSystemInfo",
             b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def", b"1 begincodespacerange",
             b"<0000> <ffff>", b"endcodespacerange"]
    entries = [b"<%04x> <%s>" % (code, text.encode("utf-16-be").hex().encode())
               for code, text in sorted(mapping.items())]
    for k in range(0, len(entries), 100):
        lines += [b"%d beginbfchar" % len(entries[k:k + 100]), *entries[k:k + 100], b"endbfchar"]
    return [*lines, b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
