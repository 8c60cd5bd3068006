"""Finishing a press PDF after WeasyPrint wrote it: what a print shop's RIP needs and WeasyPrint 70
does not write itself.

- every colour CMYK (press/cmyk.py), through the run's output profile;
- crop marks and a slug outside the bleed, or none (press/crop_marks.py);
- one stream per ICC profile (the output intent's and the colour spaces');
- no ArtBox or CropBox (a RIP would read them as the page's extent); TrimBox and BleedBox unchanged;
- `GTS_PDFXVersion` in the Info dictionary too, agreeing with the XMP metadata;
- font names a RIP accepts: Pango names a family ending in a digit with a trailing comma
  ("Source Sans 3,"), which WeasyPrint copies into the PDF (`/GWHIXV+Source-Sans-3,`);
- font subset tags derived from each program's bytes, so one tag+name is one program across every file of
  a delivery (fonts/subset_tags.py);
- black overprint on 100 % K text and rules (press/overprint.py); no annotations (links mean nothing on
  paper, and PDF/X checkers flag them in the printable area);
- the XMP DocumentID, Producer and title through pikepdf's XMP interface (press/pdfx.py);
- a PDF 1.6 header (PDF/X-4 is based on PDF 1.6) and a file ID computed from the finished bytes.
"""
from __future__ import annotations

import hashlib
import io
import re

import pikepdf

from handouts.fonts.subset_tags import retag_subsets
from handouts.press import cmyk, overprint, pdfx
from handouts.press import crop_marks as marks_mod

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"


def finish(data: bytes, *, profile: str, bleed_pt: float, name: str, marks: str = "crop", seed: bytes = b"") -> bytes:
    """seed: what the XMP DocumentID derives from (the HTML and the variant)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        cmyk.convert(pdf, profile)
        overprint.black(pdf)
        without_annotations(pdf)
        tidy(pdf)
        marks_mod.apply(pdf, name, bleed_pt, marks)
        retag_subsets(pdf)
        share_profiles(pdf)
        pdfx.identify(pdf, seed)
        # WeasyPrint's file ID hashes its XMP, whose DocumentID is random until pdfx.identify replaces it; qpdf
        # would keep that first ID: without one, both halves are computed from the finished bytes
        del pdf.trailer["/ID"]
        return save(pdf)


def share_profiles(pdf: pikepdf.Pdf) -> None:
    """One stream per ICC profile. Every CMYK colour of a press file is in the output condition's CMYK (the
    theme's colours were separated through that profile), so each ICCBased CMYK space points at the output
    intent's profile, where WeasyPrint writes its own re-serialised copy; other profiles are shared by their
    bytes (a packet joins several renders, each with its own copies)."""
    intents = pdf.Root.get("/OutputIntents", pikepdf.Array())
    cmyk_profile = intents[0].get("/DestOutputProfile") if len(intents) else None
    kept: dict[bytes, pikepdf.Object] = {}

    def one(stream):
        if not isinstance(stream, pikepdf.Stream):
            return stream
        if cmyk_profile is not None and int(stream.get("/N", 0)) == 4:
            return cmyk_profile
        return kept.setdefault(hashlib.sha256(bytes(stream.read_bytes())).digest(), stream)

    def visit(obj, depth: int) -> None:
        if depth > 12:  # direct objects nest shallowly; deeper is a damaged file
            return
        if isinstance(obj, pikepdf.Array):
            if len(obj) == 2 and obj[0] == pikepdf.Name.ICCBased:
                obj[1] = one(obj[1])
            for item in obj:
                if _direct_container(item):
                    visit(item, depth + 1)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for _, item in obj.items():
                if _direct_container(item):
                    visit(item, depth + 1)

    for intent in intents:  # the packet's parts brought their own copies of the same profile
        if cmyk_profile is not None and "/DestOutputProfile" in intent:
            intent.DestOutputProfile = cmyk_profile
    for obj in list(pdf.objects):
        visit(obj, 0)


def _direct_container(item) -> bool:
    """An array or dictionary inside its owner (an indirect object is visited as one of the file's objects)."""
    return isinstance(item, pikepdf.Array | pikepdf.Dictionary) and not item.is_indirect


def without_annotations(pdf: pikepdf.Pdf) -> None:
    """Press files carry no annotations: press files have no structure tree that could point at them."""
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]


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
