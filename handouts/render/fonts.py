"""Fonts come from fontpkg-* packages: @font-face rules for the brand font and the fallback chain.

A variable font is declared as static instances, one per weight the theme uses, made once with fontTools and
kept in the user cache folder: WeasyPrint 70 would otherwise instance it again in every document (a quarter of
the render time of a Source Sans 3 handout) and shape text with the default instance unless
`font-variation-settings` is set by hand.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
import unicodedata
from functools import cache
from pathlib import Path

import fontpkg
import fontTools
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from handouts import settings

# Tried in order after the brand font, for characters it lacks. Noto Sans covers Latin (with
# Vietnamese), Cyrillic and Greek; Noto Sans Arabic covers Arabic, Persian and Urdu letters.
# No CJK font is packaged as fontpkg-* yet: add e.g. "Noto Sans SC" here once one is.
FALLBACK_FAMILIES = ("Noto Sans", "Noto Sans Arabic")
WEIGHTS = (400, 700)  # the weights the theme uses


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
    return sorted(packages | {static_folder().resolve()})


def static_folder() -> Path:
    return settings.cache_dir() / "fonts"


def static_instance(path: Path, weight: int) -> Path:
    """A static .ttf of the variable font `path` at `weight` (other axes at their defaults). Made once per
    font file, weight and fontTools version (all in its name), shared by every process and every build."""
    return _instance(Path(path).resolve(), int(weight), static_folder())


def missing_instances(names) -> list[tuple[Path, int]]:
    """The static instances the families `names` need that are not made yet (to make them in parallel)."""
    return sorted({(font.path.resolve(), weight) for name in names for font in family(name).files if font.variable
                   for weight in WEIGHTS if font.covers(weight)
                   and not _target(font.path.resolve(), weight, static_folder()).is_file()})


def _target(path: Path, weight: int, where: Path) -> Path:
    key = hashlib.sha256(f"{_file_hash(path)}\0{weight}\0{fontTools.version}".encode()).hexdigest()[:20]
    return where / f"{path.stem.split('[')[0]}-{weight}-{key}.ttf"


@cache
def _instance(path: Path, weight: int, where: Path) -> Path:
    target = _target(path, weight, where)
    if target.is_file():
        return target
    where.mkdir(parents=True, exist_ok=True)
    with open(where / ".lock", "w") as lock:  # parallel processes: one makes it, the others wait for it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            # recalcTimestamp=False: the font's own head.modified, no clock: the same file on every machine
            with TTFont(path, recalcTimestamp=False) as font:
                axes = {axis.axisTag: axis for axis in font["fvar"].axes}
                limits = {tag: axis.defaultValue for tag, axis in axes.items()}
                limits["wght"] = min(max(weight, axes["wght"].minValue), axes["wght"].maxValue)
                fd, tmp = tempfile.mkstemp(dir=where, suffix=".part")
                try:
                    with os.fdopen(fd, "wb") as out:
                        instancer.instantiateVariableFont(font, limits, static=True).save(out)
                    os.replace(tmp, target)
                finally:
                    Path(tmp).unlink(missing_ok=True)
    return target


@cache
def _file_hash(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def face_rules(name: str) -> list[dict]:
    """One dict per @font-face rule: family, src path, weight (or range), style."""
    return [dict(rule) for rule in _face_rules(name)]  # copies: the cached rules stay as they are


@cache  # installed fonts do not change while a process runs; resolving paths is not free
def _face_rules(name: str) -> tuple[dict, ...]:
    rules = []
    for font in family(name).files:
        if font.variable:  # one static instance per weight the theme uses
            for weight in (w for w in WEIGHTS if font.covers(w)):
                path = static_instance(font.path, weight)
                rules.append({"family": name, "path": path.as_uri(), "weight": weight, "style": font.style})
        else:
            rules.append({"family": name, "path": font.path.resolve().as_uri(), "weight": font.weight or 400,
                          "style": font.style})
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
