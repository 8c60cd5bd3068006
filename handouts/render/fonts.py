"""Fonts come from fontpkg-* packages: @font-face rules for the brand font and the fallback chain."""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont

# Tried in order after the brand font, for characters it lacks. Noto Sans covers Latin (with
# Vietnamese), Cyrillic and Greek; Noto Sans Arabic covers Arabic, Persian and Urdu letters.
# No CJK font is packaged as fontpkg-* yet: add e.g. "Noto Sans SC" here once one is.
FALLBACK_FAMILIES = ("Noto Sans", "Noto Sans Arabic")


class FontMissing(LookupError):
    pass


@cache
def family(name: str) -> fontpkg.Family:
    try:
        return fontpkg.family(name)
    except fontpkg.FontpkgError:
        installed = ", ".join(sorted(f.name for f in fontpkg.families().values()))
        raise FontMissing(f"font {name!r} is not installed (installed: {installed}); "
                          f"install its fontpkg-* package or pick another") from None


def installed_names() -> list[str]:
    return sorted(f.name for f in fontpkg.families().values())


def font_roots() -> list[Path]:
    """Folders the URL fetcher may read fonts from."""
    return sorted({f.path.parent.resolve() for fam in fontpkg.families().values() for f in fam.files})


def face_rules(name: str) -> list[dict]:
    """One dict per @font-face rule: family, src path, weight (or range), style."""
    return [dict(rule) for rule in _face_rules(name)]  # copies: the cached rules stay as they are


@cache  # installed fonts do not change while a process runs; resolving paths is not free
def _face_rules(name: str) -> tuple[dict, ...]:
    rules = []
    for font in family(name).files:
        # WeasyPrint ignores weight ranges; a variable font is declared once per weight we use.
        weights = [w for w in (400, 700) if font.covers(w)] if font.variable else [font.weight or 400]
        for weight in weights:
            rules.append({"family": name, "path": font.path.resolve().as_uri(), "weight": weight, "style": font.style})
    return tuple(rules)


def stack(brand_font: str, text: str = "") -> list[str]:
    """The font-family list for a document whose words are `text`.

    The brand font comes first, unless it has only part of a script the text uses: a font change
    inside a word (Vietnamese "ư" from another font than the "t" next to it) looks broken, so then the
    first fallback that has every letter of that script leads and the brand font follows."""
    chain = [brand_font, *(f for f in FALLBACK_FAMILIES if f != brand_font)]
    letters = {c for c in text if c.isalpha()}
    missing = {c for c in letters if ord(c) not in _codepoints(brand_font)}
    partial = {_script(c) for c in missing} & {_script(c) for c in letters - missing}
    if partial:
        needed = {ord(c) for c in letters if _script(c) in partial}
        better = next((f for f in chain[1:] if needed <= _codepoints(f)), None)
        if better:
            chain = [better, *(f for f in chain if f != better)]
    return chain


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]  # LATIN, ARABIC, CYRILLIC, CJK, ...


@cache
def _codepoints(name: str) -> frozenset[int]:
    points: set[int] = set()
    for font in family(name).files:
        with TTFont(font.path, lazy=True) as tt:
            points.update(tt.getBestCmap())
    return frozenset(points)


def uncovered(text: str, brand_font: str) -> list[str]:
    """The characters of `text` that no font of the brand's chain can print (they would print as empty boxes)."""
    covered = _chain_codepoints(brand_font)
    out: list[str] = []
    for char in text:
        if ord(char) not in covered and not char.isspace() and char not in out:
            out.append(char)
    return out


@cache
def _chain_codepoints(brand_font: str) -> frozenset[int]:
    points: set[int] = set()
    for name in (brand_font, *FALLBACK_FAMILIES):
        points |= _codepoints(name)
    return frozenset(points)


def describe(chars: list[str]) -> str:
    """`U+1F600 (GRINNING FACE)` for each character, without printing the character itself."""
    return ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in chars[:3]) + \
        (" ..." if len(chars) > 3 else "")
