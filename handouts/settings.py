"""Settings: the one place that reads the environment.

The project is the folder that holds content.yaml, clinics/ and translations/ (this repository is one).
HANDOUTS_ROOT points at another project (tests and the benchmark use copies). HANDOUTS_TODAY fixes "today"
(YYYY-MM-DD) so review dates and reprints are deterministic; HANDOUTS_CACHE_DIR moves the user cache;
HANDOUTS_DEBUG prints tracebacks of internal errors.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "render" / "templates"  # the default templates and theme (package data)


def root() -> Path:
    """HANDOUTS_ROOT; else the working folder when it holds content.yaml (a content team's own repository, where
    an installed `handouts` runs, e.g. from pre-commit); else this repository."""
    env = os.environ.get("HANDOUTS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd()
    return here.resolve() if (here / "content.yaml").is_file() else PACKAGE_DIR.parent


def templates_dir() -> Path:
    return TEMPLATES_DIR


def content_file() -> Path:
    return root() / "content.yaml"


def clinics_dir() -> Path:
    return root() / "clinics"


def output_dir() -> Path:
    return root() / "output"


def today() -> dt.date:
    """Today, or HANDOUTS_TODAY when set. A malformed value is a user error (ValueError names it)."""
    value = os.environ.get("HANDOUTS_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"HANDOUTS_TODAY={value!r} is not a date (use YYYY-MM-DD)") from None


def cache_dir() -> Path:
    """The user cache folder: HANDOUTS_CACHE_DIR, else $XDG_CACHE_HOME/handouts, else ~/.cache/handouts."""
    env = os.environ.get("HANDOUTS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "handouts"


def debug() -> bool:
    return bool(os.environ.get("HANDOUTS_DEBUG"))
