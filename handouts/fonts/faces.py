"""Fonts: @font-face rules for the brand font and the fallback chain (fontpkg-* packages, variable fonts
as cached static instances), and the system's Noto CJK fonts (Debian fonts-noto-cjk) for Chinese,
Japanese and Korean, found by fontconfig under their family names."""
from __future__ import annotations

import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont

from handouts.fonts import static

# Tried in order after the brand font, for characters it lacks. Noto Sans covers Latin (with
# Vietnamese), Cyrillic and Greek; Noto Sans Arabic covers Arabic, Persian and Urdu letters.
FALLBACK_FAMILIES = ("Noto Sans", "Noto Sans Arabic")

# Han characters are drawn differently in each region, so the CJK font follows the language: one
# Noto Sans CJK family per written form (fontconfig names from fonts-noto-cjk), tried right after
# the brand font. Japanese kana and Korean hangul are in every one of them.
CJK_FAMILIES = {"zh-hans": "Noto Sans CJK SC", "zh-cn": "Noto Sans CJK SC", "zh-sg": "Noto Sans CJK SC",
                "zh": "Noto Sans CJK SC", "zh-hant": "Noto Sans CJK TC", "zh-tw": "Noto Sans CJK TC",
                "zh-hk": "Noto Sans CJK HK", "ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR"}
WEIGHTS = (400, 700)  # the weights the theme uses


def cjk_family(lang: str) -> str | None:
    """The Noto Sans CJK family for a language code (zh-Hans, zh-Hant, ja, ko), or None."""
    parts = lang.lower().split("-")
    return next((CJK_FAMILIES[key] for n in range(len(parts), 0, -1)
                 if (key := "-".join(parts[:n])) in CJK_FAMILIES), None)


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
    """Folders the URL fetcher may read fonts from (the packages, and the static instances)."""
    packages = {f.path.parent.resolve() for fam in fontpkg.families().values() for f in fam.files}
    return sorted(packages | {static.folder().resolve()})


def face_rules(name: str) -> list[dict]:
    """One dict per @font-face rule: family, src path, weight, style. None for the system's CJK
    fonts: WeasyPrint finds those through fontconfig by family name."""
    if name in CJK_FAMILIES.values():
        return []
    return [dict(rule) for rule in _face_rules(name)]  # copies: the cached rules stay as they are


@cache  # installed fonts do not change while a process runs; resolving paths is not free
def _face_rules(name: str) -> tuple[dict, ...]:
    rules = []
    for font in family(name).files:
        if font.variable:  # one static instance per weight the theme uses
            for weight in (w for w in WEIGHTS if font.covers(w)):
                path = static.static_instance(font.path, weight)
                rules.append({"family": name, "path": path.as_uri(), "weight": weight, "style": font.style})
        else:
            rules.append({"family": name, "path": font.path.resolve().as_uri(), "weight": font.weight or 400,
                          "style": font.style})
    return tuple(rules)


def stack(brand_font: str, text: str = "", lang: str = "") -> list[str]:
    """The font-family list for a document whose words are `text`.

    The brand font comes first, unless it has only part of a script the text uses: a font change
    inside a word (Vietnamese "ư" from another font than the "t" next to it) looks broken, so then the
    first fallback that has every letter of that script leads and the brand font follows."""
    cjk = cjk_family(lang)
    chain = [brand_font, *([cjk] if cjk else []), *(f for f in FALLBACK_FAMILIES if f != brand_font)]
    letters = {c for c in text if c.isalpha()}
    missing = {c for c in letters if ord(c) not in _codepoints(brand_font)}
    partial = {_script(c) for c in missing} & {_script(c) for c in letters - missing}
    if partial:
        needed = {ord(c) for c in letters if _script(c) in partial}
        better = next((f for f in chain[1:] if f != cjk and needed <= _codepoints(f)), None)
        if better:
            chain = [better, *(f for f in chain if f != better)]
    return chain


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]  # LATIN, ARABIC, CYRILLIC, CJK, ...


def codepoints(name: str) -> frozenset[int]:
    """The characters a family prints: a fontpkg family's files, or a system CJK family's font."""
    return _system_codepoints(name) if name in CJK_FAMILIES.values() else _codepoints(name)


@cache
def _codepoints(name: str) -> frozenset[int]:
    points: set[int] = set()
    for font in family(name).files:
        with TTFont(font.path, lazy=True) as tt:
            points.update(tt.getBestCmap())
    return frozenset(points)


def uncovered(text: str, brand_font: str, lang: str = "") -> list[str]:
    """The characters of `text` that no font of the brand's chain for `lang` can print (they would print as
    empty boxes); the chain of a Chinese, Japanese or Korean document includes its Noto Sans CJK family."""
    covered = _chain_codepoints(brand_font, cjk_family(lang) or "")
    out: list[str] = []
    for char in text:
        if ord(char) not in covered and not char.isspace() and char not in out:
            out.append(char)
    return out


@cache
def _chain_codepoints(brand_font: str, cjk: str = "") -> frozenset[int]:
    points: set[int] = set(_system_codepoints(cjk)) if cjk else set()
    for name in (brand_font, *FALLBACK_FAMILIES):
        points |= _codepoints(name)
    return frozenset(points)


@cache
def _system_codepoints(family_name: str) -> frozenset[int]:
    """The characters of a system font that fontconfig finds by family name (the Noto CJK fonts); none if
    fontconfig has no font of that family (fc-match would name a substitute)."""
    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", family_name], capture_output=True,
                           text=True, check=False).stdout.split("\n")
    if len(found) < 3 or family_name not in found[0].split(","):
        return frozenset()
    with TTFont(found[1], fontNumber=int(found[2] or 0), lazy=True) as tt:
        return frozenset(tt.getBestCmap())


def describe(chars: list[str]) -> str:
    """`U+1F600 (GRINNING FACE)` for each character, without printing the character itself."""
    return ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in chars[:3]) + \
        (" ..." if len(chars) > 3 else "")
