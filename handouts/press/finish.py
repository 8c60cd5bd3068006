"""Finishing a press PDF after WeasyPrint wrote it: what a print shop's RIP needs and WeasyPrint 70
does not write itself.

- every colour CMYK (press/cmyk.py), through the run's output profile;
- crop marks and a slug outside the bleed, or none (press/crop_marks.py);
- no ArtBox or CropBox (a RIP would read them as the page's extent); TrimBox and BleedBox unchanged;
- `GTS_PDFXVersion` in the Info dictionary too, agreeing with the XMP metadata;
- font names a RIP accepts: Pango names a family ending in a digit with a trailing comma
  ("Source Sans 3,"), which WeasyPrint copies into the PDF (`/GWHIXV+Source-Sans-3,`);
- a PDF 1.6 header (PDF/X-4 is based on PDF 1.6) and a file ID computed from the finished bytes.
"""
from __future__ import annotations

import io
import re

import pikepdf

from handouts.press import cmyk
from handouts.press import crop_marks as marks_mod

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"


def finish(data: bytes, *, profile: str, bleed_pt: float, name: str, marks: str = "crop") -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        cmyk.convert(pdf, profile)
        tidy(pdf)
        marks_mod.apply(pdf, name, bleed_pt, marks)
        return save(pdf)


def tidy(pdf: pikepdf.Pdf) -> None:
    """Info, boxes and font names (see the module docstring); safe to run again on a finished file."""
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)
    if "/Trapped" not in pdf.docinfo:
        pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    for page in pdf.pages:
        for box in ("/ArtBox", "/CropBox"):
            if box in page.obj:
                del page.obj[box]
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for _, font in resources.get("/Font", pikepdf.Dictionary()).items():
            _font_names(font)


def _font_names(font) -> None:
    parts = [font, *font.get("/DescendantFonts", [])]
    for part in parts:
        for owner, key in ((part, "/BaseFont"), (part.get("/FontDescriptor"), "/FontName")):
            if owner is not None and key in owner:
                fixed = re.sub(r"[,;:]+$", "", str(owner[key]))
                if fixed != str(owner[key]):
                    owner[key] = pikepdf.Name(fixed)


def save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, fix_metadata_version=False, linearize=False, min_version=PDF_VERSION,
             compress_streams=True)
    return out.getvalue()
