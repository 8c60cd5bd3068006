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


def test_text_in_the_header_and_footer_strips_is_not_body_text():
    """Only glyphs wholly inside the body count: the running header (above 18 mm), the footer (below 22 mm) and a
    line that reaches into either strip are left out, wherever they sit across the page."""
    body = ('<p style="position: absolute; top: 4mm; left: 150mm; margin: 0">Header</p>'
            '<p style="position: absolute; top: 10mm; left: 90mm; margin: 0; font-size: 40pt">IH</p>'
            '<p style="position: absolute; top: 100mm; left: 120mm; margin: 0">Body one</p>'
            '<p style="position: absolute; top: 240mm; left: 150mm; margin: 0">Body two</p>'
            '<p style="position: absolute; bottom: 14mm; left: 60mm; margin: 0; font-size: 40pt">IH</p>'
            '<p style="position: absolute; bottom: 4mm; left: 150mm; margin: 0">Footer</p>')
    body_only = ('<p style="position: absolute; top: 100mm; left: 120mm; margin: 0">Body one</p>'
                 '<p style="position: absolute; top: 240mm; left: 150mm; margin: 0">Body two</p>')
    fill = last_page.last_page_fill(pdf(body))
    assert fill == last_page.last_page_fill(pdf(body_only))
    assert 0.55 < fill < 0.6  # 140 mm and a line of the 257 mm body


def test_only_the_last_page_is_measured():
    full_first_page = "".join(f"<p>line {n}</p>" for n in range(60))
    assert last_page.last_page_fill(pdf(full_first_page + '<p style="break-before: page">last</p>')) < 0.02
