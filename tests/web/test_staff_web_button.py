"""The staff page's "Web page" button: one patient's handout as a web page, downloaded, never stored."""
from __future__ import annotations


def test_web_page_button_downloads_the_patients_page(page, server):
    page.goto(server.url)
    page.fill("#patient_name", "Zebediah Oyelaran-Whitcombe")
    page.fill("#appointment_date", "2026-12-03")
    page.fill("#appointment_time", "09:30")
    with page.expect_download() as download_info:
        page.click("#web-button")
    download = download_info.value
    assert download.suggested_filename == "example-clinic-day-of-infusion-en.html"  # never the patient's name
    html = download.path().read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html and "<td class=\"visit-value\">Zebediah Oyelaran-Whitcombe</td>" in html
    assert "Zebediah" not in server.log_text()
    assert not any(server.cwd.iterdir())


def test_web_page_of_several_handouts_is_refused_next_to_the_field(page, server):
    page.goto(server.url)
    page.check("input[name=handouts][value=aftercare]")
    page.click("#web-button")
    assert page.text_content("#handouts-error") == "Choose one handout for a web page."
