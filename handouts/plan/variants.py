"""Output variants: everything that differs between an office PDF and a press PDF, in one table.

jobs.py (names, planning), typeset/ (WeasyPrint options, colour profile), render/html.py and
templates/theme.css.j2 (bleed, marks, colours) all read this table. To add a variant, add one
`Variant(...)` to VARIANTS; the templates can test `variant_spec.<field>` for anything else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Installed by Debian's libgs-common (scripts/setup): the SWOP CMYK profile Ghostscript uses by default.
DEFAULT_CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")

# Bleed per paper size, in millimetres: 3 mm is the ISO/European norm, 0.125 in the North American one.
PRESS_BLEED_MM = {"a4": 3.0, "letter": 3.175}


@dataclass(frozen=True)
class Variant:
    name: str
    summary: str
    standard: str                                   # as printed in manifests and job sheets
    pdf_options: dict[str, Any] = field(default_factory=dict)  # WeasyPrint write_pdf options
    cmyk: bool = False                              # every colour written as device-cmyk() + an output intent
    bleed_mm: dict[str, float] = field(default_factory=dict)  # paper -> bleed; empty = no bleed, no crop marks
    marks: str | None = None                        # default printer's marks (MARK_MODES), drawn by press/crop_marks.py
    extension: str = "pdf"                          # "html": a web page (render/web.py), no PDF at all;
                                                    # "epub": that web page as an EPUB 3 (render/epub.py)

    @property
    def is_web(self) -> bool:
        """Made from the web page, without WeasyPrint."""
        return self.extension in ("html", "epub")

    def bleed_for(self, paper: str) -> float:
        return self.bleed_mm.get(paper, 0.0)


VARIANTS: dict[str, Variant] = {
    "office": Variant(
        name="office",
        summary="tagged PDF/UA-1 at the clinic's paper size, no marks: office printers and email",
        standard="PDF/UA-1",
        pdf_options={"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True},
    ),
    "large-print": Variant(
        name="large-print",
        summary="tagged PDF/UA-1 with 18 pt body text and 1.5 line spacing, for low-vision readers",
        standard="PDF/UA-1",
        pdf_options={"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True},
    ),
    "print": Variant(
        name="print",
        summary="PDF/X-4 for a print shop: CMYK with an output intent, bleed, crop marks, trim and bleed boxes",
        standard="PDF/X-4",
        # PDF/X-4 gets an OutputIntent only from an @color-profile naming its components (theme.css.j2).
        pdf_options={"pdf_variant": "pdf/x-4", "pdf_identifier": True},
        cmyk=True,
        bleed_mm=PRESS_BLEED_MM,
        marks="crop",
    ),
    "web": Variant(
        name="web",
        summary="an accessible, responsive web page (one self-contained HTML file) with the same words",
        standard="HTML (WCAG 2.2 AA)",
        extension="html",
    ),
    "epub": Variant(
        name="epub",
        summary="the web page as an EPUB 3 e-book, with a table of contents and accessibility metadata",
        standard="EPUB 3",
        extension="epub",
    ),
}

DEFAULT_VARIANT = "office"

# Printer's marks of press variants (press/crop_marks.py): crop marks and a slug outside the bleed, or none
# (the page is the bleed box; many online printers ask for that).
MARK_MODES = ("crop", "none")


def get(name: str) -> Variant:
    return VARIANTS[name]


def names() -> tuple[str, ...]:
    return tuple(VARIANTS)
