"""Every page of a PDF as PNG images for the staff page's preview: a small thumbnail and a larger page each.

Rendered in the web process from the PDF in memory (no temp files); PDFium is not documented as thread-safe,
so one page is drawn at a time.
"""
from __future__ import annotations

import base64
import io
import threading
from dataclasses import dataclass

import pypdfium2 as pdfium

PAGE_WIDTH = 680
THUMB_WIDTH = 120
MAX_PAGES = 12  # a patient's selection is a few handouts; more pages than this are not previewed one by one
_lock = threading.Lock()


@dataclass(frozen=True)
class PreviewPage:
    number: int
    image: str   # data: URI
    thumb: str   # data: URI


@dataclass(frozen=True)
class Preview:
    pages: list[PreviewPage]
    page_count: int

    @property
    def shown_all(self) -> bool:
        return len(self.pages) == self.page_count


def preview_of(pdf: bytes) -> Preview:
    with _lock:
        document = pdfium.PdfDocument(pdf)
        try:
            count = len(document)
            pages = [_page(document[n], n + 1) for n in range(min(count, MAX_PAGES))]
        finally:
            document.close()
    return Preview(pages, count)


def page_count(pdf: bytes) -> int:
    with _lock:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def _page(page, number: int) -> PreviewPage:
    """Drawn once; the thumbnail is the large image scaled down (drawing twice costs more)."""
    image = page.render(scale=PAGE_WIDTH / page.get_width()).to_pil()
    thumb = image.copy()
    thumb.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 2))
    return PreviewPage(number, _png_uri(image, 1), _png_uri(thumb, 6))


def _png_uri(image, compress_level: int) -> str:
    """Big pages compress fast (level 1: a few ms each, about a third bigger than level 6)."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=compress_level)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
