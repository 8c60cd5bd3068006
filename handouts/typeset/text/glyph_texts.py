"""The text each glyph a font drew stands for, from WeasyPrint's log of clusters (typeset/text/codes.py).

WeasyPrint gives a cluster's text to one of its glyphs and "" to the others; a reader needs the text on
the glyph that is the letter, and nothing (an invisible ZERO WIDTH JOINER, which PDF/UA accepts where
an empty ToUnicode entry is refused) on its dots and marks.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Collection

JOINER = "\u200d"


def right_to_left_marks(drawn: list, widths: dict) -> set[int]:
    """Indices of the typed marks drawn just before a right-to-left letter (pdf_marks spans them)."""
    return {i for i, (glyph, text) in enumerate(drawn[:-1])  # the width first: it rules out most glyphs at once
            if not widths.get(glyph) and _mark(glyph, text, widths) and _rtl(drawn[i + 1][1] or "")}


def on_letters(drawn: list, widths: dict, spanned: Collection[int] = ()) -> list[str]:
    """Per glyph, the text it stands for.

    WeasyPrint gives a cluster's text to its last glyph (left to right) or its first (right to left,
    glyphs in visual order) and "" to the others. A combining mark typed as its own character
    (Arabic ً or ّ) is a cluster of its own, drawn over its letter: it joins the letter's cluster, unless
    its index is in `spanned` (pdf_marks carries it in the text; it keeps its own text)."""
    texts = [text for _, text in drawn]
    clusters = []
    n, i = len(texts), 0
    while i < n:
        if i in spanned:  # keeps its own text
            i += 1
            continue
        if _mark(drawn[i][0], texts[i], widths):
            after = i + 1 < n and _rtl(texts[i + 1])  # right to left: its letter follows in visual order
            j = i + 1 if after else i - 1
            if 0 <= j < n and texts[j]:
                lo, hi = min(i, j), max(i, j)
                clusters.append((lo, hi + 1, texts[j] + texts[i]))
            i += 1
            continue
        j = i
        while j < n and not texts[j]:
            j += 1
        if j == i:
            i += 1
            continue
        if i and texts[i - 1] and _rtl(texts[i - 1]):
            clusters.append((i - 1, j, texts[i - 1]))
        elif j < n and not _rtl(texts[j]):
            clusters.append((i, j + 1, texts[j]))
        else:
            clusters.append((i, j, JOINER))
        i = j
    clusters = _merged(clusters)
    for start, end, text in clusters:
        base = next((k for k in range(start, end) if widths.get(drawn[k][0])), start)
        for k in range(start, end):
            texts[k] = text if k == base else JOINER
    return texts


def _merged(clusters: list) -> list:
    """Overlapping clusters (a letter with a dot and a typed mark) become one."""
    out: list = []
    for start, end, text in sorted(clusters):
        if out and start < out[-1][1]:
            s, e, t = out[-1]
            out[-1] = (s, max(e, end), t if text in t else text if t in text else t + text)
        else:
            out.append((start, end, text))
    return out


def _mark(glyph: int, text: str, widths: dict) -> bool:
    return bool(text) and not widths.get(glyph) and all(unicodedata.combining(c) for c in text)


def _rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
