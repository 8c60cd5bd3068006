"""Settings: the one place that reads the environment.

The project is the folder that holds content.yaml, clinics/ and translations/ (this repository is one); a
project's own templates/ overrides default templates by file name. It is found like git finds its repository
(see root()); `handouts --project DIR` or HANDOUTS_PROJECT name it (HANDOUTS_ROOT, the older name, still
works: tests and the benchmark point it at copies). HANDOUTS_INSTANCE moves the staff server's private folder
(default: the project's instance/). HANDOUTS_TODAY fixes "today" (YYYY-MM-DD) so review dates and reprints are
deterministic; HANDOUTS_CACHE_DIR moves the user cache; HANDOUTS_DEBUG prints tracebacks of internal errors.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The default templates and theme: the top-level templates/ of a checkout, packaged as handouts/templates/ in a wheel.
TEMPLATES_DIR = next((d for d in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates") if d.is_dir()),
                     PACKAGE_DIR / "templates")


PROJECT_MARKER = "content.yaml"
_project: Path | None = None  # set by `handouts --project DIR`


def use_project(folder: str | Path | None) -> None:
    global _project
    _project = Path(folder).resolve() if folder else None


def root() -> Path:
    """The project folder: --project DIR, else HANDOUTS_PROJECT (HANDOUTS_ROOT is the older name), else the
    nearest folder from the current one upwards that holds content.yaml (as git finds .git), else the
    checkout this package runs from when it is one (a development install), else the current folder."""
    if _project is not None:
        return _project
    env = os.environ.get("HANDOUTS_PROJECT") or os.environ.get("HANDOUTS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_MARKER).is_file():
            return folder
    checkout = PACKAGE_DIR.parent
    return checkout if (checkout / PROJECT_MARKER).is_file() else here


def templates_dir() -> Path:
    """The default templates (package data)."""
    return TEMPLATES_DIR


def template_dirs() -> list[Path]:
    """Where templates are looked up, first match wins: the project's templates/ (overrides by file name),
    then the defaults."""
    own = root() / "templates"
    return [own, TEMPLATES_DIR] if own.is_dir() and own.resolve() != TEMPLATES_DIR else [TEMPLATES_DIR]


def instance_dir() -> Path:
    """The staff server's private folder (users, signing key, lockouts, audit log): HANDOUTS_INSTANCE, else
    the project's instance/ (as Flask calls it; `handouts init` keeps it out of git)."""
    env = os.environ.get("HANDOUTS_INSTANCE")
    return Path(env).resolve() if env else root() / "instance"


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
