"""Where things are: the project root, its content file, clinics and templates."""
from __future__ import annotations

import os
from pathlib import Path

# The repository root holds content.yaml, clinics/ and templates/. HANDOUTS_ROOT overrides it
# (tests and the benchmark point it at copies).
PACKAGE_DIR = Path(__file__).resolve().parent


def root() -> Path:
    env = os.environ.get("HANDOUTS_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def templates_dir() -> Path:
    return PACKAGE_DIR.parent / "templates"


def content_file() -> Path:
    return root() / "content.yaml"


def clinics_dir() -> Path:
    return root() / "clinics"


def output_dir() -> Path:
    return root() / "output"
