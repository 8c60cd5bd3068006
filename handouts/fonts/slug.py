"""The font of the slug line (file name and page beside the crop marks).

PDF/X wants every font embedded, so the slug cannot use a standard PDF font: it gets a subset of
Atkinson Hyperlegible (a dependency already) with the printable ASCII characters, embedded as a simple
TrueType font with WinAnsiEncoding, so `pdftotext` and a press operator's viewer read the slug as text.
The subset is made once per process and is the same bytes every time (no clock in its `head` table).
"""
from __future__ import annotations

import io
from functools import lru_cache

import pikepdf

from handouts.fonts import faces
from handouts.fonts.subset_tags import tag_for

FAMILY = "Atkinson Hyperlegible"
FIRST, LAST = 32, 126  # printable ASCII: all a slug holds (file names are ASCII slugs)


@lru_cache(maxsize=1)
def _subset() -> tuple[bytes, dict]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path = next(f.path for f in faces.family(FAMILY).files if f.style == "normal" and (f.weight or 400) == 400)
    font = TTFont(path, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs, options.notdef_outline, options.recalc_timestamp = ["*"], True, False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(FIRST, LAST + 1))
    subsetter.subset(font)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = [round(font["hmtx"][cmap[code]][0] * scale) if code in cmap else 0 for code in range(FIRST, LAST + 1)]
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    metrics = {
        "widths": widths,
        "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "ascent": round(hhea.ascent * scale), "descent": round(hhea.descent * scale),
        "cap": round(getattr(os2, "sCapHeight", hhea.ascent) * scale),
        "name": font["name"].getDebugName(6) or "AtkinsonHyperlegible-Regular",
    }
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), metrics


def width(text: str, size: float) -> float:
    widths = _subset()[1]["widths"]
    return sum(widths[ord(c) - FIRST] if FIRST <= ord(c) <= LAST else 0 for c in text) * size / 1000


def ascii_text(text: str) -> str:
    return "".join(c if FIRST <= ord(c) <= LAST else "?" for c in text)


def embed(pdf: pikepdf.Pdf) -> pikepdf.Object:
    """The slug font as an indirect font dictionary of `pdf`."""
    data, m = _subset()
    tag = tag_for(data)  # the same tag as every other subset gets from its program's bytes
    name = pikepdf.Name(f"/{tag}+{m['name']}")
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=name, Flags=32, FontBBox=pikepdf.Array(m["bbox"]),
        ItalicAngle=0, Ascent=m["ascent"], Descent=m["descent"], CapHeight=m["cap"], StemV=80,
        FontFile2=pdf.make_stream(data, Length1=len(data))))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=name, FirstChar=FIRST, LastChar=LAST,
        Widths=pikepdf.Array(m["widths"]), Encoding=pikepdf.Name.WinAnsiEncoding, FontDescriptor=descriptor))
