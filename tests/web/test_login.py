"""The staff page with logins, in headless chromium against the real server (waitress + render processes):
sign in, a wrong password, lockout, idle sign-out, a user limited to one clinic, a day's schedule upload,
the audit log (with no patient value in it), and `serve` refusing a public address without a login."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdf
import pytest

from tests.helpers.pdfs import extracted_text, squash
from tests.helpers.webserver import ROOT, Server

PASSWORD = "front-desk-password-1"
PATIENTS = [("Marisol Quennell-Abara", "Teodor Quennell"), ("Ignatius Fairweather-Oduya", "Lorcan Fairweather")]
SCHEDULE = ("appointment_id,patient_name,appointment,arrival,driver_name,driver_phone,note\n"
            f"A-101,{PATIENTS[0][0]},2026-12-03 09:30,09:00,{PATIENTS[0][1]},(555) 010-0101,Bring slippers-zq\n"
            f"A-102,{PATIENTS[1][0]},2026-12-03 11:00,10:30,{PATIENTS[1][1]},(555) 010-0102,\n")
BAD_SCHEDULE = ("patient_name,appointment,driver_phone\n"
                "Hortensia Vell,2026-12-03 25:99,(555) 010-0103\n"
                "Casimir Obuya,2026-12-03 10:00,call Casimir's sister\n")
TYPED = ["Marisol", "Quennell", "Ignatius", "Fairweather", "Oduya", "Lorcan", "Teodor", "slippers-zq",
         "Hortensia", "Casimir", "Obuya", "Zebulon", "Arkwright", "Wilhelmina", "sister"]
# Typed phone numbers, as typed and as bare digits. Four digits alone ("0101") would turn up by chance in the log's
# SHA-256 chain or a byte count; ten digits in a row would not.
TYPED += [form for phone in ("(555) 010-0101", "(555) 010-0102", "(555) 010-0103")
          for form in (phone, phone[6:], "".join(filter(str.isdigit, phone)))]


def handouts(*args, env=None, input=None):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, input=input,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "HANDOUTS_PROJECT": str(ROOT), **(env or {})},
                          timeout=120)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    folder = tmp_path_factory.mktemp("staff") / "instance"
    env = {"HANDOUTS_INSTANCE": str(folder)}
    assert handouts("users", "add", "frontdesk", "--clinic", "harbour-health", env=env,
                    input=PASSWORD + "\n").returncode == 0
    assert handouts("users", "add", "manager", "--all-clinics", env=env, input=PASSWORD + "\n").returncode == 0
    return folder


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory, instance):
    running = Server(tmp_path_factory.mktemp("staff-web"), instance=instance)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def idle_server(tmp_path_factory, instance):
    """Signs out after 3 idle seconds; renders in the request thread (no render processes needed here)."""
    running = Server(tmp_path_factory.mktemp("idle-web"), ("--idle-minutes", "0.05", "--render-processes", "0"),
                     instance=instance)
    yield running
    running.stop()


def sign_in(page, server, name, password=PASSWORD):
    page.goto(server.url + "/")
    assert page.url.endswith("/login")  # every page asks for a login first
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("#sign-in-button")


def test_sign_in_then_sign_out(page, staff_server):
    sign_in(page, staff_server, "manager")
    assert page.text_content("#signed-in-as") == "Signed in as manager"
    assert page.locator("#clinic option").count() == 2  # every clinic
    page.click("#sign-out-button")
    assert page.url.endswith("/login")
    page.goto(staff_server.url + "/")
    assert page.url.endswith("/login")


def test_sign_in_starts_in_the_name_field_and_keeps_the_name_after_a_failure(page, staff_server):
    page.goto(staff_server.url + "/login")
    assert page.evaluate("document.activeElement.id") == "username"
    page.keyboard.type("manager")
    page.fill("#password", "not-the-password")
    page.click("#sign-in-button")
    assert page.input_value("#username") == "manager" and page.input_value("#password") == ""
    assert page.evaluate("document.activeElement.id") == "password"  # only the password to type again


def test_wrong_password_is_refused_and_repeated_failures_lock_the_name(page, staff_server, instance):
    env = {"HANDOUTS_INSTANCE": str(instance)}
    assert handouts("users", "add", "temp-desk", "--all-clinics", env=env, input=PASSWORD + "\n").returncode == 0
    sign_in(page, staff_server, "temp-desk", "not the password")
    assert page.text_content("#login-message").strip() == "That name and password do not match. Please try again."
    assert page.locator("#signed-in-as").count() == 0
    for _ in range(4):
        page.fill("#username", "temp-desk")
        page.fill("#password", "still not it")
        page.click("#sign-in-button")
    page.fill("#username", "temp-desk")
    page.fill("#password", PASSWORD)  # the right password, but the name is locked now
    page.click("#sign-in-button")
    assert page.text_content("#login-message").strip().startswith("Too many failed sign-ins for this name. "
                                                                  "Try again in 15 minute(s)")
    assert page.locator("#signed-in-as").count() == 0
    sign_in(page, staff_server, "manager")  # other names are not locked
    assert page.text_content("#signed-in-as") == "Signed in as manager"


def test_idle_session_ends(page, idle_server):
    sign_in(page, idle_server, "manager")
    assert page.text_content("#signed-in-as") == "Signed in as manager"
    time.sleep(4)
    page.goto(idle_server.url + "/")
    assert page.url.endswith("/login?reason=idle")
    assert "You were signed out after 0.05 minutes without use" in page.text_content("#login-message")


def test_user_limited_to_one_clinic_sees_and_gets_only_that_clinic(page, staff_server):
    sign_in(page, staff_server, "frontdesk")
    for path, select in (("/blank", "#blank-clinic"), ("/schedule", "#schedule-clinic"), ("/", "#clinic")):
        page.goto(staff_server.url + path)
        assert page.eval_on_selector_all(f"{select} option", "os => os.map(o => o.value)") == ["harbour-health"]
    page.fill("#patient_name", "Zebulon Arkwright")
    with page.expect_download() as download_info:
        page.click("#download-button")
    assert "Name: Zebulon Arkwright" in squash(extracted_text(download_info.value.path().read_bytes()))
    # A crafted form naming another clinic is refused like any unknown clinic.
    page.evaluate("document.querySelector('#clinic').options[0].value = 'example-clinic'")
    page.fill("#patient_name", "Wilhelmina Arkwright")
    page.click("#preview-button")
    assert page.text_content("#clinic-error") == "Choose a clinic from the list."
    assert page.locator("#preview").count() == 0
    # Typed text where a clinic's name goes is refused too, and never reaches the audit log (see below).
    page.evaluate("document.querySelector('#clinic').options[0].value = 'Arkwright family'")
    page.click("#preview-button")
    assert page.text_content("#clinic-error") == "Choose a clinic from the list."


def test_schedule_upload_gives_one_merged_pdf_or_a_zip(page, staff_server, tmp_path):
    schedule = tmp_path / "day.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    sign_in(page, staff_server, "manager")
    page.goto(staff_server.url + "/schedule")
    page.select_option("#schedule-clinic", "example-clinic")
    page.set_input_files("#schedule-file", str(schedule))
    page.click("#schedule-button")  # checked first, row by row; then made
    with page.expect_download() as merged_info:
        page.click("#make-button")
    assert merged_info.value.suggested_filename.startswith("example-clinic-schedule-2-patients-")
    merged = merged_info.value.path().read_bytes()
    text = squash(extracted_text(merged))
    assert f"Name: {PATIENTS[0][0]}" in text and f"Name: {PATIENTS[1][0]}" in text
    assert len(pypdf.PdfReader(io.BytesIO(merged)).pages) % 2 == 0  # ready for two-sided printing
    page.goto(staff_server.url + "/schedule")
    page.select_option("#schedule-clinic", "example-clinic")
    page.check("#schedule-zip")
    page.set_input_files("#schedule-file", str(schedule))
    page.click("#schedule-button")
    with page.expect_download() as zip_info:
        page.click("#make-button")
    with zipfile.ZipFile(zip_info.value.path()) as archive:
        assert archive.namelist() == ["A-101.pdf", "A-102.pdf"]  # named by appointment id, never by name
        assert f"Name: {PATIENTS[1][0]}" in squash(extracted_text(archive.read("A-102.pdf")))


def test_bad_schedule_says_which_rows_and_what_to_fix(page, staff_server, tmp_path):
    schedule = tmp_path / "schedule.csv"
    schedule.write_text(BAD_SCHEDULE, encoding="utf-8")
    sign_in(page, staff_server, "manager")
    page.goto(staff_server.url + "/schedule")
    page.select_option("#schedule-clinic", "example-clinic")
    page.set_input_files("#schedule-file", str(schedule))
    page.click("#schedule-button")
    rows = page.eval_on_selector_all("#row-problems tbody tr",
                                     "trs => trs.map(tr => [...tr.cells].map(td => td.textContent))")
    assert [row[:2] for row in rows] == [["Row 1", "line 2"], ["Row 2", "line 3"]]
    assert rows[0][2].startswith("Appointment is not a date and time")
    assert rows[1][2].startswith("Driver's phone is not a phone number")
    assert page.locator("#make-button").count() == 0  # no row can be made


def test_audit_log_names_who_made_what_and_no_patient_value(staff_server, instance):
    """Runs after the tests above (pytest keeps file order): every value they typed is searched for."""
    path = instance / "audit.jsonl"
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(instance.stat().st_mode & 0o777) == "0o700"
    raw = path.read_text(encoding="utf-8")
    for value in TYPED:
        assert value not in raw, value
    entries = [json.loads(line) for line in raw.splitlines()]
    assert {"time", "user", "clinic", "handouts", "language", "kind", "patients", "bytes", "result"} <= set(entries[0])
    made = [(e["user"], e["clinic"], e["kind"], e["patients"], e["result"]) for e in entries]
    assert ("frontdesk", "harbour-health", "personalized", 1, "ok") in made
    assert ("frontdesk", "example-clinic", "personalized", 1, "refused") in made  # not one of hers
    assert ("frontdesk", None, "personalized", 1, "refused") in made  # typed text is never recorded
    assert ("manager", "example-clinic", "schedule", 2, "ok") in made
    assert ("manager", "example-clinic", "schedule", 0, "refused") in made
    assert all(e["bytes"] > 1000 for e in entries if e["result"] == "ok" and e["kind"] != "sign-in")
    report = handouts("audit", "--since", "2000-01-01", "--user", "manager",
                      env={"HANDOUTS_INSTANCE": str(instance)})
    assert report.returncode == 0, report.stderr
    assert report.stdout.splitlines()[0].startswith("3 request(s): 2 made PDFs, 1 refused (bad input), 0 failed; "
                                                    "4 patient(s)")
    assert all(value not in report.stdout for value in TYPED)


def test_files_in_the_instance_folder_are_private(instance):
    users = json.loads((instance / "users.json").read_text())["users"]
    assert users["frontdesk"]["clinics"] == ["harbour-health"]
    assert users["frontdesk"]["hash"].startswith("$argon2id$") and PASSWORD not in (instance / "users.json").read_text()
    for name in ("users.json", "secret.key", "lockouts.json"):
        assert oct((instance / name).stat().st_mode & 0o777) == "0o600", name


def test_serve_refuses_a_public_address_without_a_login(tmp_path):
    result = handouts("serve", "--host", "0.0.0.0", "--port", "1", env={"HANDOUTS_INSTANCE": str(tmp_path / "i")})
    assert result.returncode == 1
    assert result.stderr.strip() == ("refusing to listen on 0.0.0.0: the page would have no login. Add a user with "
                                     "`handouts users add NAME --clinic SLUG`, or use --trust-user-header NAME --trusted-proxy ADDR")
    result = handouts("serve", "--host", "0.0.0.0", "--trust-user-header", "X-Remote-User")
    assert result.returncode == 2 and "--trust-user-header needs --trusted-proxy" in result.stderr
    assert not (tmp_path / "i").exists()  # refused before anything was made


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found.update(children)
            todo += children
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()}


@pytest.mark.parametrize("how", ["terminate", "kill"])
def test_the_render_processes_end_with_the_server(tmp_path, how):
    server = Server(tmp_path, ("--render-processes", "2"))
    workers = descendants(server.process.pid)
    assert len(workers) >= 3, workers  # the fork server and two render processes
    getattr(server.process, how)()
    server.process.wait(timeout=30)
    server.log.close()
    deadline = time.monotonic() + 15
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(workers)
