"""The staff page in headless chromium against the real waitress server: fill, preview, download, errors,
keyboard-only use, 200 % zoom, blank handouts, and no patient data in the server's log or folders."""
from __future__ import annotations

import io
import urllib.error
import urllib.request
import zipfile

import pytest

from tests.helpers.pdfs import extracted_text, squash

PATIENT = {"#patient_name": "Zebediah Oyelaran-Whitcombe", "#appointment_date": "2026-12-03",
           "#appointment_time": "09:30", "#arrival": "09:00", "#provider": "Dr. Ruiz",
           "#driver_name": "Philippa Oyelaran", "#driver_phone": "(555) 010-0199", "#note": "Wear soft socks."}
SECRETS = ["Zebediah", "Oyelaran", "Philippa", "soft socks"]


def fill(page, values):
    for selector, value in values.items():
        page.fill(selector, value)


def test_fill_the_form_and_download_the_pdf(page, server):
    page.goto(server.url)
    fill(page, PATIENT)
    with page.expect_download() as download_info:
        page.click("#download-button")
    download = download_info.value
    assert download.suggested_filename == "example-clinic-day-of-infusion-en.pdf"  # never the patient's name
    text = squash(extracted_text(download.path().read_bytes()))
    assert "Name: Zebediah Oyelaran-Whitcombe" in text
    assert "Thursday, December 3, 2026, 9:30 AM" in text and "Your driver: Philippa Oyelaran" in text


def test_preview_shows_the_pages_as_images(page, server):
    page.goto(server.url)
    fill(page, PATIENT)
    page.click("#preview-button")
    image = page.locator(".pages img").first
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    assert image.evaluate("img => img.naturalWidth") > 500
    assert page.input_value("#patient_name") == PATIENT["#patient_name"]  # the form keeps its values


def test_bad_input_gets_a_message_next_to_the_field(page, server):
    page.goto(server.url)
    fill(page, {"#patient_name": "Ana Diaz", "#appointment_date": "2026-12-03", "#driver_phone": "ask Ana"})
    page.uncheck("input[name=handouts][value=day-of-infusion]")
    page.click("#preview-button")
    assert page.title().startswith("Please check the form")
    assert page.text_content("#driver_phone-error") == \
        "Driver's phone is not a phone number; use digits, spaces, + ( ) - only, like (555) 010-0199."
    assert page.text_content("#appointment_time-error") == "Give both the appointment date and its time, or neither."
    assert page.text_content("#handouts-error") == "Choose at least one handout."
    assert page.get_attribute("#driver_phone", "aria-invalid") == "true"
    assert "driver_phone-error" in page.get_attribute("#driver_phone", "aria-describedby")
    assert page.locator(".error-summary a").count() == 3
    assert page.locator("#preview").count() == 0


def test_too_long_text_is_refused_with_a_message(page, server):
    page.goto(server.url)
    page.evaluate("document.querySelector('#note').removeAttribute('maxlength')")  # as if typed elsewhere
    page.fill("#note", "x" * 301)
    page.click("#preview-button")
    assert page.text_content("#note-error") == "Note for the patient is too long (301 characters; at most 300)."


def test_keyboard_alone_reaches_every_field_and_button_in_order(page, server):
    page.goto(server.url)
    expected = ["task-patient", "task-schedule", "task-blank", "print-button", "download-button", "preview-button", "web-button",
                "clinic", "handout-0", "handout-1", "handout-2", "lang", "patient_name", "appointment_date",
                "appointment_time", "arrival", "provider", "driver_name", "driver_phone", "note"]
    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused and (not reached or reached[-1] != focused):
            reached.append(focused)
        if focused == "note":
            break
    assert reached == expected
    # Every input has a visible focus style (an outline).
    page.focus("#patient_name")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    # And the form works from the keyboard: type, then Enter on the preview button.
    page.focus("#patient_name")
    page.keyboard.type("Kenji Abernathy")
    page.focus("#preview-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#preview")


@pytest.mark.parametrize("with_errors", [False, True])
def test_200_percent_zoom_has_no_horizontal_scroll(browser, server, with_errors):
    # 200 % zoom of a 1280 px window: 640 CSS pixels at device scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 720}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server.url)
    fill(page, PATIENT)
    if with_errors:
        page.fill("#driver_phone", "ask Phil")
        page.fill("#arrival", "10:00")
    page.click("#preview-button")
    page.wait_for_selector(".error-summary" if with_errors else "#preview")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    context.close()


def test_blank_handouts_download_as_a_zip(page, server):
    page.goto(server.url + "/blank")
    page.select_option("#blank-clinic", "harbour-health")
    with page.expect_download() as download_info:
        page.click("#blank-button")
    download = download_info.value
    assert download.suggested_filename == "harbour-health-blank-handouts.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as archive:
        names = archive.namelist()
        assert "day-of-infusion-en-office.pdf" in names and len(names) >= 3
        text = squash(extracted_text(archive.read("day-of-infusion-en-office.pdf")))
    assert "Your visit Name: Appointment:" in text  # write-in lines, for pre-printed stock


def test_responses_are_not_cached_and_posts_need_the_csrf_token(server):
    with urllib.request.urlopen(server.url + "/?patient_name=Ana") as response:
        assert response.headers["Cache-Control"] == "no-store"
        assert b"Ana" not in response.read()  # query strings never fill in patient data
    request = urllib.request.Request(server.url + "/", data=b"patient_name=Ana&clinic=example-clinic", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 400 and refused.value.headers["Cache-Control"] == "no-store"
    assert b"Please fill in the form again" in refused.value.read()


def test_server_keeps_no_trace_of_patients(server, page):
    """Runs after the others in this file (pytest keeps file order): the log and folders stay clean."""
    page.goto(server.url)
    fill(page, PATIENT)
    page.click("#preview-button")
    page.wait_for_selector("#preview")
    log = server.log_text()
    assert "POST / 200" in log and "GET / 200" in log  # the request log is there ...
    for secret in SECRETS:  # ... and names no patient
        assert secret not in log
    assert list(server.cwd.iterdir()) == []
    for path in server.tmpdir.rglob("*"):  # only WeasyPrint's font folders, and the render processes' socket
        assert path.relative_to(server.tmpdir).parts[0].startswith(("weasyprint-", "pymp-")), path
        if path.is_file():
            blob = path.read_bytes()
            assert all(secret.encode() not in blob for secret in SECRETS)
