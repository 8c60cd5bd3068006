"""The staff page as a front desk uses it, in headless chromium at 1280x800 and 390x844 against the real
server: after each action focus is in the result and the tab title says what happened, the primary action is
in the first viewport, the clinic's name and logo are in the header, every page of the preview can be seen,
a schedule with a bad row gets a row table and its good rows made, a draft language is labelled and asked
about, and axe-core finds no WCAG 2.2 AA violation in any of these states."""
from __future__ import annotations

import io

import pypdf
import pytest

from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.staffpage import axe_violations, focus_is_inside, in_first_viewport, in_view

GOOD_ROWS = [("Perpetua Lindqvist-Amadi", "2026-12-03 09:30"), ("Octavian Brightwater", "2026-12-03 10:15"),
             ("Severine Oduya-Marsh", "2026-12-03 11:00")]
BAD_ROW = "Bartholomew Quist,2026-12-03 25:99,ask at desk\n"


def schedule_csv(bad: bool = False, spanish: bool = False) -> bytes:
    lines = ["patient_name,appointment,arrival" + (",lang" if spanish else "")]
    for number, (name, when) in enumerate(GOOD_ROWS):
        lines.append(f"{name},{when},09:00" + ((",es" if number == 1 else ",en") if spanish else ""))
    if bad:
        lines.insert(3, BAD_ROW.strip() + (",en" if spanish else ""))
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def page(sized_page):  # every test here runs in each window size
    return sized_page


def upload(page, data: bytes, name: str = "day-bad.csv") -> None:
    page.set_input_files("#schedule-file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.click("#schedule-button")
    page.wait_for_selector("#schedule-result")


@pytest.mark.parametrize("path, primary", [("/", "#print-button"), ("/schedule", "#schedule-button"),
                                           ("/blank", "#blank-button")])
def test_each_task_has_its_primary_action_in_the_first_viewport_and_the_clinics_look(page, server, path, primary):
    page.goto(server.url + path)
    assert in_first_viewport(page, primary)
    assert page.get_attribute(primary, "class") == "primary"
    assert page.text_content("#clinic-name") == "Example Ketamine Clinic"
    logo = page.locator("header img.logo")
    assert logo.get_attribute("alt") == "Example Ketamine Clinic logo" and logo.evaluate("i => i.naturalWidth") > 0
    # The clinic's own colour (its stylesheet) is on the page's header band.
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).borderBottomColor") == \
        "rgb(31, 78, 121)"
    assert page.get_attribute("nav.tasks [aria-current=page]", "href") == path
    assert axe_violations(page) == []


def test_preview_shows_every_page_and_takes_focus(page, server):
    page.goto(server.url)
    page.fill("#patient_name", "Rosalind Ekwueme")
    page.fill("#appointment_date", "2026-12-03")
    page.fill("#appointment_time", "9.30")  # as typed at a desk: read as 9:30
    page.click("#preview-button")
    page.wait_for_selector("#preview")
    assert focus_is_inside(page, "#preview")
    assert page.title() == "Preview ready – 5 pages | Patient handouts"
    assert page.locator(".pages img").count() == 5 and page.locator(".thumbs img").count() == 5
    assert all(width > 500 for width in page.eval_on_selector_all(".pages img", "is => is.map(i => i.naturalWidth)"))
    assert in_view(page, "#preview-title")
    page.keyboard.press("Tab")  # one Tab from the preview to its Print button
    assert page.evaluate("document.activeElement.id") == "preview-print-button"
    page.click(".thumbs a[href='#page-3']")
    top = page.evaluate("document.querySelector('#page-3').getBoundingClientRect().top")
    assert 0 <= top < 100, top  # the larger page 3 is brought into view
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("#preview-download-button")
    pdf = download.value.path().read_bytes()
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 5  # the preview showed every page of the file
    assert "Thursday, December 3, 2026, 9:30 AM" in squash(extracted_text(pdf))


def test_an_error_takes_focus_and_its_link_lands_with_the_question_in_view(page, server):
    page.goto(server.url)
    page.fill("#driver_phone", "ask the desk")
    page.fill("#appointment_date", "2026-12-03")
    page.click("#preview-button")
    page.wait_for_selector("#error-summary")
    assert focus_is_inside(page, "#error-summary")
    assert page.title() == "Please check the form (2 problems) | Patient handouts"
    page.click("#error-summary a[href='#driver_phone']")
    assert in_view(page, "label[for=driver_phone]") and in_view(page, "#driver_phone-error")
    assert in_view(page, "#driver_phone")
    assert axe_violations(page) == []


def test_a_schedule_with_a_bad_row_says_which_row_and_makes_the_good_rows(page, server):
    page.goto(server.url + "/schedule")
    upload(page, schedule_csv(bad=True))
    assert focus_is_inside(page, "#schedule-result")
    assert page.title() == "Schedule: 1 row to fix | Patient handouts"
    assert page.text_content("#schedule-result-title") == "day-bad.csv: 1 row to fix, 3 rows ready"
    cells = page.eval_on_selector_all("#row-problems tbody td", "tds => tds.map(td => td.textContent)")
    assert cells[:2] == ["Row 3", "line 4"]
    assert cells[2].startswith("Appointment is not a date and time") and "Arrival time is not a time" in cells[2]
    assert "Bartholomew" not in page.inner_text("#schedule-result")  # messages never quote a cell
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.click("#make-button")
    assert download.value.suggested_filename.startswith("example-clinic-schedule-3-patients-")
    text = squash(extracted_text(download.value.path().read_bytes()))
    assert all(f"Name: {name}" in text for name, _ in GOOD_ROWS) and "Bartholomew" not in text


def test_a_good_schedule_says_so_and_replaces_the_old_error(page, server):
    page.goto(server.url + "/schedule")
    upload(page, schedule_csv(bad=True))
    upload(page, schedule_csv(), name="day.csv")
    assert page.locator(".error-summary").count() == 0
    assert page.text_content("#schedule-result-title") == "day.csv: 3 rows ready"
    assert page.title() == "Schedule: 3 patients ready | Patient handouts"
    assert focus_is_inside(page, "#schedule-result") and axe_violations(page) == []


def test_a_draft_language_is_labelled_and_asked_about_before_printing(page, server):
    page.goto(server.url)
    assert page.text_content("#lang option[value=es]") == "Español – draft, not for patients"
    page.select_option("#lang", "es")
    with page.context.expect_page() as opened:
        page.click("#print-button")  # Print opens its own tab: the question comes there, not a PDF
    asked = opened.value
    asked.wait_for_selector("#draft-question")
    assert focus_is_inside(asked, "#draft-question")
    assert asked.title() == "Español is a draft – please confirm | Patient handouts"
    assert axe_violations(asked) == []
    page.bring_to_front()
    page.select_option("#lang", "es")
    page.click("#download-button")
    page.wait_for_selector("#draft-question")
    with page.expect_download() as download:
        page.click("#draft-yes-button")
    assert "BORRADOR" in extracted_text(download.value.path().read_bytes())


def test_schedule_rows_in_a_draft_language_are_flagged_before_anything_is_made(page, server):
    page.goto(server.url + "/schedule")
    upload(page, schedule_csv(spanish=True), name="day.csv")
    assert page.text_content("#schedule-result-title") == "day.csv: 2 rows ready, 1 in a draft language"
    cells = page.eval_on_selector_all("#draft-rows tbody td", "tds => tds.map(td => td.textContent)")
    assert cells == ["Row 2", "line 3", "Español – draft, not for patients"]
    with page.expect_download() as download:
        page.click("#make-button")
    text = squash(extracted_text(download.value.path().read_bytes()))
    assert GOOD_ROWS[0][0] in text and GOOD_ROWS[1][0] not in text and "BORRADOR" not in text
    assert axe_violations(page) == []


def test_the_whole_flow_by_keyboard_alone(page, server):
    page.goto(server.url)
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id"))
        if reached[-1] == "print-button":
            break
    assert reached[-1] == "print-button" and len(reached) <= 6, reached  # the tasks, then Print
    page.focus("#patient_name")
    page.keyboard.type("Kenji Abernathy")
    page.keyboard.press("Tab")
    page.keyboard.type("2026-12-03")  # one Tab stop per date or time field
    page.keyboard.press("Tab")
    page.keyboard.type("930")
    page.focus("#preview-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#preview")
    assert focus_is_inside(page, "#preview-title")  # autofocus lands at Chromium's next rendering step: Tab after
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "preview-download-button"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert "Name: Kenji Abernathy" in squash(extracted_text(download.value.path().read_bytes()))


def test_the_page_remembers_clinic_handouts_and_language_but_no_patient(page, server):
    page.goto(server.url)
    page.select_option("#clinic", "harbour-health")
    page.check("#handout-0")
    page.fill("#patient_name", "Ottoline Vasquez-Brandt")
    page.click("#preview-button")
    page.wait_for_selector("#preview")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert "Ottoline" not in str(cookies) and "Vasquez" not in str(cookies)
    page.goto(server.url)
    assert page.input_value("#clinic") == "harbour-health" and page.is_checked("#handout-0")
    assert page.input_value("#patient_name") == ""
    assert page.text_content("#clinic-name") == "Harbour Health Ketamine Service"
    page.goto(server.url + "/blank")
    assert page.input_value("#blank-clinic") == "harbour-health"


def test_the_schedule_template_is_a_file_the_page_accepts(page, server):
    page.goto(server.url + "/schedule")
    with page.expect_download() as download:
        page.click("#template-link")
    upload(page, download.value.path().read_bytes(), name="schedule-template.csv")
    assert page.text_content("#schedule-result-title") == "schedule-template.csv: 1 row ready"
