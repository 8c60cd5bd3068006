"""Everything the renderer asks of a language code, answered by Babel's locale data in one place."""
from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError


@cache  # Babel parses locale data on every Locale.parse
def babel_locale(lang: str) -> Locale:
    """The Babel locale of a language code (en, es, zh-Hans, pt-BR); English for a code Babel does not know."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def direction(lang: str) -> str:
    """"rtl" for right-to-left scripts (Arabic, Hebrew, Persian, Urdu), else "ltr"."""
    return "rtl" if babel_locale(lang).character_order == "right-to-left" else "ltr"


def language_name(lang: str) -> str:
    """The language's own name for itself ("Español", "العربية"); the code itself if Babel does not know it."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return lang
    return (locale.get_display_name(locale) or lang).capitalize()
