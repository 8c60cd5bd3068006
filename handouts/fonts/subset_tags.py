"""Font subset names that stand for one program everywhere: in every press file, and in the files that join
renders (packets, booklets).

WeasyPrint names a subset after the whole font file ("NHUIFW+Atkinson-Hyperlegible"), not after the
glyphs it keeps, so handouts rendered apart carry different subsets under one name. In one file, or across
the files of one delivery, a RIP or preflight that caches fonts by name could draw one handout's glyph ids
with another's program. Here every embedded program gets a six-letter tag derived from its own bytes (the
same program gets the same tag in any file), and identical programs are stored once.
"""
from __future__ import annotations

import hashlib
import re
import string

import pikepdf

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SUBSET_TAG = re.compile(r"^/?[A-Z]{6}\+")
MAX_FORM_DEPTH = 8


def tag_for(program: bytes, salt: int = 0) -> str:
    """Six capital letters from the program's sha256 (the PDF specification's form of a subset tag)."""
    number = int.from_bytes(hashlib.sha256(program + (b"\0%d" % salt if salt else b"")).digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, index = divmod(number, 26)
        letters.append(string.ascii_uppercase[index])
    return "".join(letters)


def retag_subsets(pdf: pikepdf.Pdf) -> int:
    """Rename every embedded subset after its program and share identical programs, in place; returns the
    number of distinct programs in the file."""
    kept: dict[bytes, pikepdf.Object] = {}  # program digest -> the one stream kept
    tags: dict[bytes, str] = {}             # program digest -> its tag
    owners: dict[str, bytes] = {}           # tag -> program digest (a collision gets a salted tag)
    for font in fonts_of(pdf):
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.get("/FontDescriptor")
        key = next((k for k in FONT_FILES if descriptor is not None and k in descriptor), None)
        if key is None:
            continue  # Type 3 or not embedded: no program to name
        data = bytes(descriptor[key].read_bytes())
        digest = hashlib.sha256(data).digest()
        stream = kept.setdefault(digest, descriptor[key])
        if descriptor[key].objgen != stream.objgen:
            descriptor[key] = stream
        if digest not in tags:
            salt, tag = 0, tag_for(data)
            while owners.get(tag, digest) != digest:
                salt += 1
                tag = tag_for(data, salt)
            tags[digest], owners[tag] = tag, digest
        for owner, field in ((font, "/BaseFont"), (descendant, "/BaseFont"), (descriptor, "/FontName")):
            name = str(owner.get(field, ""))
            if SUBSET_TAG.match(name):
                owner[field] = pikepdf.Name("/" + tags[digest] + "+" + SUBSET_TAG.sub("", name))
    return len(kept)


def fonts_of(pdf: pikepdf.Pdf):
    """Every font dictionary used by a page or by a form XObject in it, each once."""
    seen: set = set()

    def walk(resources, depth: int):
        if resources is None or depth > MAX_FORM_DEPTH:
            return
        for _, font in resources.get("/Font", {}).items():
            if font.objgen == (0, 0) or font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for _, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from walk(xobject.get("/Resources"), depth + 1)

    for page in pdf.pages:
        yield from walk(page.obj.get("/Resources"), 0)
