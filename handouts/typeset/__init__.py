"""Typeset: HTML -> PDF bytes. The one package that touches WeasyPrint (engine.py drives it).

WeasyPrint takes about 0.8 s to import and changes Pillow's global settings as it does (it lets Pillow load
truncated images, which would let a damaged logo through the clinic file checks), so nothing is imported here:
`from handouts.typeset import render_pdf` loads engine.py on first use, and guard.py stays free of WeasyPrint.
"""
from __future__ import annotations

import importlib
from typing import Any

ENGINE = frozenset({"FolderFetcher", "ForbiddenResource", "check_layout", "draw_logo", "font_config",
                    "forget_font_config", "release_font_config", "render_counted", "render_document", "render_jobs",
                    "render_merged", "render_pdf", "render_personal", "shared_sheet", "weasy_html"})


def __getattr__(name: str) -> Any:
    if name not in ENGINE:
        raise AttributeError(f"module 'handouts.typeset' has no attribute {name!r}")
    return getattr(importlib.import_module("handouts.typeset.engine"), name)
