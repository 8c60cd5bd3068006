"""`handouts personalize`: one patient, a day's schedule; owner-only files, no names in file names or logs."""
from __future__ import annotations

import csv
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from handouts import api
from tests.helpers.pdfs import extracted_text, squash

ROOT = Path(__file__).resolve().parents[2]
FIRST = ["Zofia", "Bartholomew", "Ngozi", "Kenji", "Marisol", "Oluwaseun", "Priyanka", "Thaddeus", "Ingrid", "Rafferty"]
LAST = ["Quennell", "Vasquez-Oyelaran", "Whitcombe", "Abernathy"]


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def day_csv(path: Path, count: int = 20, ids: bool = False) -> list[str]:
    names = [f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]}{i:02d}" for i in range(count)]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow((["appointment_id"] if ids else []) + ["patient_name", "appointment", "arrival", "provider",
                                                                "driver_name", "driver_phone", "note"])
        for i, name in enumerate(names):
            hour = 8 + i // 4
            writer.writerow(([f"APT-{100 + i}"] if ids else []) + [
                name, f"2026-12-03 {hour:02d}:{(i % 4) * 15:02d}", f"{hour - 1:02d}:45", "Dr. Rivera",
                f"Driver{i} Smythe", f"(555) 010-{i:04d}", "Please bring, your glasses" if i % 3 == 0 else ""])
    return names


def test_one_patient_from_the_command_line(tmp_path):
    out = tmp_path / "visit.pdf"
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                 "--patient-name", "Zofia Quennell", "--appointment", "2026-12-03 09:30", "--arrival", "09:00",
                 "--provider", "Dr. Rivera", "--driver-name", "Tomasz Quennell", "--driver-phone", "(555) 010-0199",
                 "--note", "Bring your glasses.", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert mode(out) == 0o600
    text = squash(extracted_text(out))
    for expected in ("Name: Zofia Quennell", "Thursday, December 3, 2026, 9:30 AM", "Please arrive by: 9:00 AM",
                     "Your driver: Tomasz Quennell", "Driver's phone: (555) 010-0199", "Note: Bring your glasses."):
        assert expected in text
    assert "Zofia" not in result.stderr + result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["visit.pdf"]


def test_one_patient_with_bad_fields_names_the_options_and_writes_nothing(tmp_path):
    out = tmp_path / "visit.pdf"
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                 "--appointment", "2026-12-03", "--driver-phone", "ask Zofia", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "--appointment: needs a time as well as a date, like 2026-12-03 09:30",
        "--driver-phone: is not a phone number; use digits, spaces, + ( ) - only, like (555) 010-0199"]
    assert "Traceback" not in result.stderr and not out.exists()


def test_several_handouts_for_one_patient_go_into_one_pdf():
    inputs = api.load_inputs(clinics=["example-clinic"])
    data = api.personalize(inputs, "example-clinic", ["pre-consultation", "day-of-infusion"],
                           patient={"patient_name": "Ngozi Whitcombe"})
    text = squash(extracted_text(data))
    assert text.count("Name: Ngozi Whitcombe") == 2
    assert "Before Your First Visit" in text and "Your Infusion Day" in text


def test_without_a_patient_the_copy_has_blank_lines_to_write_on():
    inputs = api.load_inputs(clinics=["example-clinic"])
    text = squash(extracted_text(api.personalize(inputs, "example-clinic", ["day-of-infusion"])))
    assert "Your Infusion Day" in text and "Name:" in text


def test_a_patient_value_no_font_prints_is_refused_by_field_not_by_character():
    from handouts.models.patient import PatientInvalid

    inputs = api.load_inputs(clinics=["example-clinic"])
    with pytest.raises(PatientInvalid) as refused:
        api.personalize(inputs, "example-clinic", ["aftercare"], patient={"patient_name": "Ana \U0001F600"})
    message = refused.value.format_message()
    assert "patient_name" in message and "\U0001F600" not in message and "Ana" not in message


def test_a_day_of_20_patients_leaves_no_name_anywhere_but_in_their_pdfs(tmp_path, caplog, capfd):
    schedule = tmp_path / "day.csv"
    names = day_csv(schedule)
    out = tmp_path / "today"
    caplog.set_level(logging.DEBUG)  # every logger, every level
    inputs = api.load_inputs(clinics=["example-clinic"])
    paths = api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], schedule, out,
                                     progress=lambda m: print(m, file=sys.stderr))
    assert [p.name for p in paths] == [f"row-{n:03d}.pdf" for n in range(1, 21)]
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in paths]  # no temp files, no manifest
    assert mode(out) == 0o700
    for number, (path, name) in enumerate(zip(paths, names)):
        assert mode(path) == 0o600
        text = squash(extracted_text(path))
        assert f"Name: {name}" in text
        assert f"Driver's phone: (555) 010-{number:04d}" in text
        assert all(other not in text for other in names if other != name)
    captured = capfd.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records) + captured.out + captured.err
    assert "[20/20] row-020.pdf" in captured.err  # the progress lines were captured ...
    for name in names:  # ... and name no patient
        assert name not in logged and name.split()[0] not in logged
        assert all(name.split()[0] not in p.name for p in out.iterdir())


def test_schedule_from_the_cli_with_ids_and_merge(tmp_path):
    schedule = tmp_path / "day.csv"
    names = day_csv(schedule, count=3, ids=True)
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                 "--schedule", str(schedule), "--out", str(tmp_path / "each"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "each").iterdir()) == ["APT-100.pdf", "APT-101.pdf", "APT-102.pdf"]
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion", "--handout", "aftercare",
                 "--schedule", str(schedule), "--out", str(tmp_path / "merged"), "--merge")
    assert result.returncode == 0, result.stderr
    merged = tmp_path / "merged" / "all-patients.pdf"
    assert [p.name for p in merged.parent.iterdir()] == ["all-patients.pdf"] and mode(merged) == 0o600
    reader = pypdf.PdfReader(merged)
    starts = [i for i, page in enumerate(reader.pages) if "Your Infusion Day" in page.extract_text()
              and "Please arrive by" in page.extract_text()]
    assert len(starts) == 3 and all(start % 2 == 0 for start in starts)  # each patient starts on a fresh sheet
    assert len(reader.pages) % 2 == 0
    assert "making one PDF of 3 patient(s)" in result.stderr
    text = squash(extracted_text(merged))
    assert all(f"Name: {name}" in text for name in names)
    assert all(name not in result.stderr for name in names)


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path):
    schedule = tmp_path / "day.csv"
    schedule.write_text("patient_name,appointment,arrival,driver_phone\n"
                        "Ana Diaz,2026-12-03 09:30,09:00,(555) 010-0100\n"
                        "Bo Chen,2026-12-03,x,\n"
                        "Cy Park,2026-12-03 10:00,10:30,(555) 010-0101\n"
                        "Di Rao,2026-12-03 10:00,09:30,ring Cy\n", encoding="utf-8")
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                 "--schedule", str(schedule), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{schedule}:3: appointment: needs a time as well as a date, like 2026-12-03 09:30",
        f"{schedule}:3: arrival: is not a time; write it like 09:15 (or 9:15 AM)",
        f"{schedule}:4: arrival: is after the appointment time; the patient should arrive before it",
        f"{schedule}:5: driver_phone: is not a phone number; use digits, spaces, + ( ) - only, like (555) 010-0199"]
    assert not (tmp_path / "out").exists()
    assert "Bo Chen" not in result.stderr and "ring Cy" not in result.stderr


@pytest.mark.parametrize("text, message", [
    ("patient_name,colour\nAna,red\n", ":1: column 2: not a known column name; use: appointment_id"),
    ("patient_name,patient_name\nAna,Ana\n", ":1: patient_name: this column appears more than once"),
    ("appointment_id,patient_name\nA1,Ana\nA1,Bo\n", ":3: appointment_id: already used on line 2"),
    ("appointment_id,patient_name\nA 1,Ana\n", ":2: appointment_id: use letters, digits"),
    ("patient_name,lang\nAna,fr\n", ":2: lang: not one of this clinic's languages"),
    ("patient_name\nAna\nBo \U0001F600\n", ":3: patient_name: contains a character the handout's fonts cannot print"),
    ("patient_name\n", ":2: no patients in the file"),
    ("patient_name,note\nAna\n", ":2: this row has 1 cells but the header has 2 columns"),
])
def test_bad_schedule_files(tmp_path, text, message):
    schedule = tmp_path / "day.csv"
    schedule.write_text(text, encoding="utf-8")
    result = run("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                 "--schedule", str(schedule), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "\U0001F600" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_weasyprint_writes_nothing_with_patient_text_to_temp_files(tmp_path):
    """WeasyPrint's only temp files are its font folders: the HTML (and so the patient) never reaches disk."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    script = ("import os, sys; from pathlib import Path; from handouts import api\n"
              "inputs = api.load_inputs(clinics=['example-clinic'])\n"
              "data = api.personalize(inputs, 'example-clinic', ['day-of-infusion', 'aftercare'],"
              " patient={'patient_name': 'Oluwaseun Abernathy', 'note': 'Quixotic note'})\n"
              "assert b'%PDF' in data[:8]\n"
              "for path in Path(sys.argv[1]).rglob('*'):\n"  # while WeasyPrint's folders still exist
              "    if path.is_file():\n"
              "        blob = path.read_bytes()\n"
              "        print(path.name, b'Oluwaseun' in blob or b'Quixotic' in blob or b'<html' in blob)\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp)], env=env, capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    seen = [line.split() for line in result.stdout.splitlines()]
    assert seen, "WeasyPrint wrote its font files somewhere else: the check would prove nothing"
    assert all(flag == "False" for _, flag in seen)
    assert not any(tmp.rglob("*.html"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]
