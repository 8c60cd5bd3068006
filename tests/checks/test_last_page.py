"""The near-empty last page check (checks/last_page.py) on small PDFs WeasyPrint renders here: a last page with
no body text, one full from the header strip to the footer strip, and the threshold and its message."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from weasyprint import HTML

from handouts.checks import last_page

PAGE = "<style>@page { size: A4; margin: 0 } body { margin: 0; font: 12pt/1 sans-serif }</style>"


def pdf(body: str) -> bytes:
    return HTML(string=PAGE + body).write_pdf()


def test_a_last_page_without_body_text_holds_nothing():
    assert last_page.last_page_fill(pdf('<p style="break-after: page">one</p><p>&nbsp;</p>')) == 0.0


def test_text_from_just_under_the_header_to_just_over_the_footer_fills_the_page():
    """The body is the A4 page less 18 mm at the top and 22 mm at the bottom (the theme's margins)."""
    body = ('<p style="position: absolute; top: 19mm; margin: 0">Top</p>'
            '<p style="position: absolute; bottom: 23mm; margin: 0">Bottom</p>')
    data = pdf(body)
    document = pdfium.PdfDocument(data)
    height = document[0].get_height()
    text = document[0].get_textpage()
    boxes = [text.get_charbox(i) for i in range(text.count_chars())]
    inked = [box for box in boxes if box[3] > box[1]]
    spanned = max(box[3] for box in inked) - min(box[1] for box in inked)
    document.close()
    body_height = height - (18 + 22) * 72 / 25.4
    assert last_page.last_page_fill(data) == pytest.approx(spanned / body_height, rel=1e-9)
    assert 0.9 < spanned / body_height <= 1.0


@pytest.mark.parametrize(("fill", "line"), [
    (0.2, None),
    (0.199, "x.pdf: the last page holds only 19% of a page of text (less than 20%); shorten the handout or move "
            "text so the last page is fuller"),
])
def test_the_threshold_is_a_fifth_and_the_share_is_rounded_down(monkeypatch, fill, line):
    monkeypatch.setattr(last_page, "last_page_fill", lambda data: fill)
    assert last_page.near_empty_last_page(b"", "x.pdf") == line
