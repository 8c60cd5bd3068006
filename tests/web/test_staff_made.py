"""After a file is made, the staff page says what was made (static/staff.js): a day's schedule made from its good
rows downloads one PDF and the page then says "Schedule ready: 3 patients, 18 pages" in place of the old
error, with focus in the message and the tab title saying it; one patient's Download PDF says "Downloaded: 5
pages". The server's own answers (a form error, the draft question) still show as the server sent them, and
without JavaScript the forms post and download as before. Real server, headless chromium, both window sizes,
the keyboard only; the PDFs are read with pikepdf."""
from __future__ import annotations

import io
import zipfile

import pikepdf

from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.staffpage import axe_violations, focus_is_inside
from tests.web.test_staff_page import GOOD_ROWS, schedule_csv


def tab_to(page, element_id: str, most: int = 40) -> None:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def check_by_keyboard(page, data: bytes, name: str) -> None:
    page.set_input_files("#schedule-file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.focus("#schedule-file")
    tab_to(page, "schedule-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#schedule-result")


def press_enter_for_pdf(page, shown: str) -> tuple[bytes, int, str]:
    """Enter on the focused button: the downloaded PDF, its page count and its file name, once `shown` is on
    the page."""
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    page.wait_for_selector(shown)
    pdf = download.value.path().read_bytes()
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return pdf, len(opened.pages), download.value.suggested_filename


def test_making_the_good_rows_downloads_the_file_then_says_how_many_patients_and_pages(sized_page, server):
    page = sized_page
    page.goto(server.url + "/schedule")
    check_by_keyboard(page, schedule_csv(bad=True), "day-bad.csv")
    assert page.locator("#schedule-result .error-summary").count() == 1
    tab_to(page, "make-button")
    pdf, pages, file_name = press_enter_for_pdf(page, "#schedule-result .success")
    assert pages >= 15 and pages % 2 == 0  # three patients' sets, each starting on a fresh sheet
    text = squash(extracted_text(pdf))
    assert all(f"Name: {name}" in text for name, _ in GOOD_ROWS) and "Bartholomew" not in text
    said = f"Schedule ready: 3 patients, {pages} pages"
    assert page.text_content("#schedule-result-title") == said
    assert file_name == f"example-clinic-schedule-3-patients-{pages}-pages.pdf"
    assert page.title() == f"{said} | Patient handouts"
    assert focus_is_inside(page, "#made") and page.evaluate("document.activeElement.id") == "schedule-result-title"
    assert page.locator(".error-summary").count() == 0  # the old error is gone
    assert "1 row was left out (listed below)." in page.inner_text("#made")  # ...and it is still listed
    assert page.locator("#row-problems").count() == 1
    assert axe_violations(page) == []


def test_one_patients_download_says_so_and_clears_the_old_error(sized_page, server):
    page = sized_page
    page.goto(server.url)
    page.fill("#driver_phone", "ask the desk")
    page.focus("#download-button")
    page.keyboard.press("Enter")  # the server's answer, a form error, is shown as it sent it
    page.wait_for_selector("#error-summary")
    assert focus_is_inside(page, "#error-summary")
    assert page.title() == "Please check the form (1 problem) | Patient handouts"
    page.fill("#driver_phone", "(555) 010-0199")
    page.fill("#patient_name", "Wilhelmina Okonkwo-Reyes")
    page.focus("#download-button")
    pdf, pages, _ = press_enter_for_pdf(page, "#made.success")
    assert "Name: Wilhelmina Okonkwo-Reyes" in squash(extracted_text(pdf))
    assert page.text_content("#made-title") == f"Downloaded: {pages} pages"
    assert page.title() == f"Downloaded: {pages} pages | Patient handouts"
    assert page.evaluate("document.activeElement.id") == "made-title"
    assert page.locator("#error-summary, .error, [aria-invalid]").count() == 0
    assert axe_violations(page) == []


def test_a_zip_of_the_day_counts_the_pages_of_every_file(page, server):
    page.goto(server.url + "/schedule")
    page.check("#schedule-zip")
    check_by_keyboard(page, schedule_csv(), "day.csv")
    with page.expect_download() as download:
        page.click("#make-button")
    page.wait_for_selector("#schedule-result .success")
    with zipfile.ZipFile(download.value.path()) as made:
        pages = [len(pikepdf.open(io.BytesIO(made.read(name))).pages) for name in made.namelist()]
    assert len(pages) == 3 and sum(pages) > 3
    assert page.text_content("#schedule-result-title") == f"Schedule ready: 3 patients, {sum(pages)} pages"
    assert "(one PDF per patient)" in page.inner_text("#made")


def test_without_javascript_the_good_rows_still_download(browser, server):
    context = browser.new_context(accept_downloads=True, java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(server.url + "/schedule")
        check_by_keyboard(page, schedule_csv(bad=True), "day-bad.csv")
        with page.expect_download() as download:
            page.click("#make-button")
        text = squash(extracted_text(download.value.path().read_bytes()))
        assert all(f"Name: {name}" in text for name, _ in GOOD_ROWS)
        assert page.locator("#made").count() == 0 and page.locator(".error-summary").count() == 1  # as before
    finally:
        context.close()
