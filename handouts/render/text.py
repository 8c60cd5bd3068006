"""Patient text to safe HTML: escape everything, then fill in clinic values and **strong** words.

Clinic values are data, never markup or template code: they are escaped like any other text.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .. import refs

_STRONG = re.compile(r"\*\*(.+?)\*\*")


def to_html(text: str, clinic, lang: str = "en") -> Markup:
    def fill(match: re.Match) -> str:
        return str(escape(_display(refs.value(clinic, match.group(1), lang))))

    html = refs.REF.sub(fill, str(escape(text)))
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return Markup(html)


def to_plain(text: str, clinic, lang: str = "en") -> str:
    """The words a patient reads, without markup (for readability scores and tests)."""
    filled = refs.REF.sub(lambda m: _display(refs.value(clinic, m.group(1), lang)), text)
    return _STRONG.sub(r"\1", filled)


def _display(value) -> str:
    if value is None:
        return ""
    return str(value)
