"""Phrases to safe HTML: escape everything, keep clinic values in their own direction, mark **strong** words.

Clinic values are data, never markup or template code: they are escaped like any other text.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from markupsafe import Markup, escape

from handouts.resolve.document import STRONG, Phrase, Value

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def isolate(value) -> str:
    """A clinic value kept in its own direction inside right-to-left text. Without it the bidi
    algorithm prints "(555) 010-0142" as "0142-010 (555)" in an Arabic sentence."""
    value = keep_compounds(str(value))
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in value)
    return f"{FSI if rtl else LRI}{value}{PDI}"


def to_html(phrase: Phrase | str, rtl: bool = False, links: Mapping[str, str] | None = None) -> Markup:
    """A phrase as HTML. A literal phrase (clinic data) and a plain string (a word of the interface) are
    only escaped. links: clinic values that become links (a phone number -> its tel: URI), for the web page."""
    if isinstance(phrase, str):
        return escape(phrase)
    if phrase.literal:
        return escape(phrase.plain())
    html = "".join(_value_html(part, rtl, links) if isinstance(part, Value) else str(escape(part))
                   for part in phrase.parts)
    return Markup(keep_compounds(STRONG.sub(r"<strong>\1</strong>", html)))


def _value_html(value: Value, rtl: bool, links: Mapping[str, str] | None) -> str:
    html = str(escape(isolate(value) if rtl and value else value))
    target = (links or {}).get(str(value).strip())
    return f'<a href="{escape(target)}">{html}</a>' if target else html


_HARD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def keep_compounds(text: str) -> str:
    """No line break after the hyphen inside a word ("treatment-resistant", "harbour-health.example",
    "010-0142"): Poppler and many readers take a hyphen at a line end for a soft one and join the halves
    ("treatmentresistant"). A WORD JOINER after the hyphen forbids that break; it is not drawn."""
    return _HARD_HYPHEN.sub("-" + WORD_JOINER, text)


_HANGUL_PAIR = re.compile("(?<=[\uac00-\ud7a3])(?=[\uac00-\ud7a3])")
WORD_JOINER = "\u2060"


def keep_words(html: str) -> str:
    """Korean breaks lines between words (CSS word-break: keep-all, which WeasyPrint 70 lacks), not
    between any two syllables: a WORD JOINER between the syllables of a word, in every text of the page's
    body (not in an inline SVG, whose title is alt text). It is invisible and not drawn, so it never
    reaches the PDF's text."""
    body = html.find("<body")
    if body < 0:
        return html

    def text_only(match: re.Match) -> str:
        return match.group(1) or ">" + _HANGUL_PAIR.sub(WORD_JOINER, match.group(2)) + "<"

    return html[:body] + _TEXT_NODE.sub(text_only, html[body:])


_TEXT_NODE = re.compile(r"(<svg\b.*?</svg>)|>([^<]+)<", re.S)
