"""A handout must not end on a near-empty page: a last page holding a line or two of text (often only the
contact details) reads as a printing mistake and wastes a sheet. Checked on the rendered PDF itself.

The body of a page is what lies between the running header and footer (the page margins, 18 mm and 22 mm in
the theme; large print's footer sits inside the same strip). The last page must carry body text over at least
MIN_FILL of that height.
"""
from __future__ import annotations

import math

import pypdfium2 as pdfium

MIN_FILL = 0.2  # a fifth of the page's body height
MM = 72 / 25.4  # PDF points per millimetre
HEADER_MM, FOOTER_MM = 18, 22


def last_page_fill(pdf: bytes) -> float:
    """How much of the last page's body height its text spans, from 0 (no body text) to 1 (top to bottom)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[len(document) - 1]
        height = page.get_height()
        top_edge, bottom_edge = height - HEADER_MM * MM, FOOTER_MM * MM
        text = page.get_textpage()
        # (left, bottom, right, top) in points from the page's bottom; a space's box is empty (bottom == top)
        boxes = [text.get_charbox(index) for index in range(text.count_chars())]
        body = [box for box in boxes if box[1] < box[3] and bottom_edge < box[1] and box[3] < top_edge]
        if not body:
            return 0.0
        return (max(box[3] for box in body) - min(box[1] for box in body)) / (top_edge - bottom_edge)
    finally:
        document.close()


def near_empty_last_page(pdf: bytes, name: str) -> str | None:
    """One line naming the PDF when its last page holds less than MIN_FILL of body text; None when it is fine."""
    fill = last_page_fill(pdf)
    if fill >= MIN_FILL:
        return None
    shown = f"{math.floor(fill * 100)}%"  # rounded down: 19.6 % is not "20 %, less than 20 %"
    return (f"{name}: the last page holds only {shown} of a page of text (less than {MIN_FILL:.0%}); "
            f"shorten the handout or move text so the last page is fuller")
