"""The web page's fonts: the same font chain as the PDF, cut down to the letters the page prints and put
inside the page as WOFF2 data: URIs, so the page is one file that asks no other host for anything.

The system's Noto Sans CJK fonts (found by fontconfig for the PDF) are cut down the same way: a Chinese
or Korean page carries a few hundred glyphs instead of a 20 MB collection.
"""
from __future__ import annotations

import base64
import io
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from fontTools import subset
from fontTools.ttLib import TTFont

from handouts.fonts import faces

# Always in every subset: ASCII and Latin-1. Most pages of one language then cut each font to the same set
# and share one cut (the cache below), and a patient's name typed into a personalized copy still finds its
# letters (the cut is made from the page without the patient's values: they are never a cache key).
BASE_LETTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA0, 0x100))


def face_rules(font_stack: list[str], text: str) -> list[dict]:
    """@font-face rules (family, src data: URI, weight, style) for the fonts of the stack that print a
    letter of `text` (the first font always), each holding only the glyphs of `text` and BASE_LETTERS."""
    letters = "".join(sorted((set(text) | set(BASE_LETTERS)) - {"\n", "\r", "\t"}))
    # What the page prints decides which fonts it needs; joiners and direction marks are not drawn.
    remaining = {ord(c) for c in text if not c.isspace() and unicodedata.category(c) != "Cf"}
    rules = []
    for position, name in enumerate(font_stack):
        covers = faces.codepoints(name) & remaining
        if not covers and position:
            continue  # a fallback the page does not need
        remaining -= covers
        for source in _sources(name):
            data = _subset(source["path"], source["index"], letters)
            rules.append({"family": name, "src": f"data:font/woff2;base64,{data}",
                          "weight": source["weight"], "style": source["style"]})
    return rules


def _sources(name: str) -> list[dict]:
    """The font files of one family: the fontpkg files the PDF uses, or the system CJK faces."""
    if name in faces.CJK_FAMILIES.values():
        return [found for weight in faces.WEIGHTS if (found := _system_face(name, weight))]
    return [{"path": unquote(urlparse(rule["path"]).path), "index": 0, "weight": rule["weight"],
             "style": rule["style"]} for rule in faces.face_rules(name)]


@lru_cache(maxsize=32)
def _system_face(family: str, weight: int) -> dict | None:
    style = "bold" if weight >= 700 else "regular"
    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", f"{family}:{style}"],
                           capture_output=True, text=True, check=False).stdout.split("\n")
    if len(found) < 3 or family not in found[0].split(","):
        return None
    return {"path": found[1], "index": int(found[2] or 0), "weight": weight, "style": "normal"}


@lru_cache(maxsize=64)  # the handouts of one clinic x language share most letters; a font is cut once per set
def _subset(path: str, index: int, letters: str) -> str:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic joining forms, ligatures, Vietnamese mark positioning
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(Path(path), fontNumber=index, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=letters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
