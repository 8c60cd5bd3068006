"""Fonts come from fontpkg-* packages: @font-face rules for the brand font and the fallback chain."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import fontpkg

# Tried in order after the brand font, for characters it lacks (Vietnamese, Arabic, ...).
FALLBACK_FAMILIES = ("Noto Sans", "Noto Sans Arabic")


class FontMissing(LookupError):
    pass


@lru_cache(maxsize=None)
def family(name: str) -> fontpkg.Family:
    try:
        return fontpkg.family(name)
    except fontpkg.FontpkgError:
        installed = ", ".join(sorted(f.name for f in fontpkg.families().values()))
        raise FontMissing(f"font {name!r} is not installed (installed: {installed}); "
                          f"install its fontpkg-* package or pick another") from None


def installed_names() -> list[str]:
    return sorted(f.name for f in fontpkg.families().values())


def font_roots() -> list[Path]:
    """Folders the URL fetcher may read fonts from."""
    return sorted({f.path.parent.resolve() for fam in fontpkg.families().values() for f in fam.files})


def face_rules(name: str) -> list[dict]:
    """One dict per @font-face rule: family, src path, weight (or range), style."""
    rules = []
    for font in family(name).files:
        # WeasyPrint ignores weight ranges; a variable font is declared once per weight we use.
        weights = [w for w in (400, 700) if font.covers(w)] if font.variable else [font.weight or 400]
        for weight in weights:
            rules.append({"family": name, "path": font.path.resolve().as_uri(), "weight": weight, "style": font.style})
    return rules


def stack(brand_font: str) -> list[str]:
    return [brand_font, *(f for f in FALLBACK_FAMILIES if f != brand_font)]
