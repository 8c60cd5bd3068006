"""The checks behind `handouts preflight`, one module per subject; each returns Findings.

standard.py: PDF/X claim, PDF version, Info vs XMP, output intent; boxes.py: page boxes;
colours.py: every colour a RIP meets (RGB anywhere, total ink); scan.py: fonts and image resolution.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One problem: `page` None for the file as a whole; `fix` says what to change."""

    what: str
    fix: str
    page: int | None = None
    warning: bool = False

    def line(self, path) -> str:
        where = f"page {self.page}" if self.page else "document"
        return f"{path}: {where}: {'warning: ' if self.warning else ''}{self.what}: {self.fix}"
