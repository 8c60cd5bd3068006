"""Static instances of variable fonts, made once with fontTools and kept in the user cache.

WeasyPrint 70 turns a variable font into a static one itself, for every document (a quarter of the
render time of a Source Sans 3 handout), and shapes text with the font's default instance unless
`font-variation-settings` is set by hand, so the PDF's widths can disagree with the drawing. A static
file per weight avoids both. Letters the font draws as a base and a mark glyph get one glyph each
(whole_letters.py). It is made once per font file, weight, fontTools version and recipe (all are in its
name) and shared by every process; making one takes seconds, reusing it takes nothing.

    static_instance(path, weight) -> Path of a static .ttf at that weight (other axes at their default)
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from handouts import settings
from handouts.fonts import whole_letters


def folder() -> Path:
    """Where the instances live (the fetcher may read fonts from here)."""
    return settings.cache_dir() / "fonts"


def static_instance(path: Path, weight: int) -> Path:
    return _instance(Path(path).resolve(), int(weight), folder(), fontTools.version, whole_letters.RECIPE)


@cache
def _instance(path: Path, weight: int, where: Path, version: str, recipe: str) -> Path:
    key = hashlib.sha256(f"{_file_hash(path)}\0{weight}\0{version}\0{recipe}".encode()).hexdigest()[:20]
    target = where / f"{path.stem.split('[')[0]}-{weight}-{key}.ttf"
    if target.is_file():
        return target
    where.mkdir(parents=True, exist_ok=True)
    with open(where / ".lock", "w") as lock:  # parallel workers: one makes it, the others wait for it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            _make(path, weight, target)
    return target


def _make(path: Path, weight: int, target: Path) -> None:
    # recalcTimestamp=False: the instance keeps the font's own head.modified, so it is the same file
    # on every machine and every run (no clock in the cache, and byte-identical PDFs).
    with TTFont(path, recalcTimestamp=False) as font:
        axes = {axis.axisTag: axis for axis in font["fvar"].axes}
        limits = {tag: axis.defaultValue for tag, axis in axes.items()}
        if "wght" in axes:
            limits["wght"] = min(max(weight, axes["wght"].minValue), axes["wght"].maxValue)
        static = instancer.instantiateVariableFont(font, limits, static=True)
        whole_letters.compose(static)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                static.save(out)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


@cache
def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
