"""File names a press operator can read: `<clinic>_<document id>_v<version>.pdf`.

The document id is the one printed in every page's footer (KT-PC-EN: ketamine therapy, pre-consultation,
English), so a sheet on the press floor and its file name say the same thing. Names are never cut: a
clinic folder name that would make one longer than MAX_NAME is a `check` error (checks/file_names.py).
"""
from __future__ import annotations

import re

MAX_NAME = 48  # characters: what job tickets and RIP queues show without cutting
PACKET = "PACKET"
BOOKLET = "BOOKLET"


def doc_id(handout: str, lang: str) -> str:
    initials = "".join(part[0] for part in handout.split("-")).upper()
    return f"KT-{initials}-{lang.upper()}"


def _clean(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-")


def press_name(clinic: str, handout: str, lang: str, version: str) -> str:
    return f"{_clean(clinic)}_{doc_id(handout, lang)}_v{_clean(version)}.pdf"


def packet_name(clinic: str, lang: str, version: str) -> str:
    """All of a clinic's handouts in one language, one file (every handout on a right-hand page)."""
    return f"{_clean(clinic)}_KT-{PACKET}-{lang.upper()}_v{_clean(version)}.pdf"


def booklet_name(clinic: str, lang: str, version: str) -> str:
    """A packet imposed 2-up for saddle stitching."""
    return f"{_clean(clinic)}_KT-{BOOKLET}-{lang.upper()}_v{_clean(version)}.pdf"
