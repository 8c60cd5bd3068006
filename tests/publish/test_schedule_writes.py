"""A day's schedule writes each patient's PDF as soon as it is made, with progress, so a stop part-way
leaves the finished rows as whole files (and nothing half-written)."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from handouts import api
from tests.helpers.pdfs import extracted_text, squash

ROOT = Path(__file__).resolve().parents[2]


def schedule(path: Path, rows: int) -> Path:
    lines = ["appointment_id,patient_name,appointment"]
    lines += [f"A{i:03d},Patient Number{i},2026-12-03 {8 + i // 4:02d}:{(i % 4) * 15:02d}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_file_is_on_disk_when_its_progress_line_is_printed(tmp_path):
    out = tmp_path / "out"
    seen = []

    def progress(message: str) -> None:
        name = message.split("] ", 1)[1].split(":", maxsplit=1)[0]
        seen.append((message, (out / name).is_file(), sorted(p.name for p in out.iterdir())))

    inputs = api.load_inputs(clinics=["example-clinic"])
    paths = api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], schedule(tmp_path / "d.csv", 3),
                                     out, progress=progress, jobs=1)  # one process: rows finish in order
    assert [p.name for p in paths] == ["A000.pdf", "A001.pdf", "A002.pdf"]
    assert [message for message, _, _ in seen] == ["[1/3] A000.pdf: written", "[2/3] A001.pdf: written",
                                                  "[3/3] A002.pdf: written"]
    assert all(on_disk for _, on_disk, _ in seen)
    assert [files for _, _, files in seen] == [["A000.pdf"], ["A000.pdf", "A001.pdf"],
                                               ["A000.pdf", "A001.pdf", "A002.pdf"]]
    assert all("Patient" not in message for message, _, _ in seen)
    # a row's PDF is the patient's handout as it is: no blank page to make the count even (that is for --merge,
    # where each patient's set must start on a fresh sheet)
    alone = api.personalize(inputs, "example-clinic", ["day-of-infusion"],
                            patient={"patient_name": "Patient Number0", "appointment": "2026-12-03 08:00"})
    pages = len(pypdf.PdfReader(io.BytesIO(alone)).pages)
    assert pages % 2 == 1, "this check needs a handout of an odd page count"
    assert [len(pypdf.PdfReader(path).pages) for path in paths] == [pages] * 3


def test_sigterm_part_way_leaves_whole_files_of_the_rows_done(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic",
                             "--handout", "day-of-infusion", "--schedule", str(schedule(tmp_path / "d.csv", 20)),
                             "--out", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(tmp_path)})
    written = 0
    for line in proc.stderr:  # workers finish rows in any order: stop after the second one written
        written += line.startswith("[") and line.rstrip().endswith(": written")
        if written == 2:
            break
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM, rest
    names = sorted(p.name for p in out.iterdir())
    assert 2 <= len(names) < 20 and all(name.endswith(".pdf") for name in names)  # no temp file left
    for name in names:
        pikepdf.open(out / name).close()
        assert (out / name).stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("weasyprint-")]


def test_a_row_that_fails_to_render_stops_the_day_with_its_own_error(tmp_path, monkeypatch):
    """The rows written before it stay whole; nothing is written for it or after it (one process: in order)."""
    from handouts.publish import personal

    rendered = personal._render

    def third_row_fails(jobs, pad_to_even=False):
        if jobs[0].patient.patient_name == "Patient Number2":
            raise MemoryError("the third row ran out of memory")
        return rendered(jobs, pad_to_even)

    monkeypatch.setattr(personal, "_render", third_row_fails)
    inputs = api.load_inputs(clinics=["example-clinic"])
    out = tmp_path / "out"
    with pytest.raises(MemoryError, match="the third row"):
        api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], schedule(tmp_path / "d.csv", 4),
                                 out, jobs=1)
    assert sorted(p.name for p in out.iterdir()) == ["A000.pdf", "A001.pdf"]
    assert all(pypdf.PdfReader(out / name).pages for name in ("A000.pdf", "A001.pdf"))


def test_each_row_is_in_its_own_language_or_the_one_asked_for(tmp_path):
    day = tmp_path / "d.csv"
    day.write_text("appointment_id,patient_name,appointment,lang\n"
                   "A1,Ana Diaz,2026-12-03 09:30,es\n"
                   "A2,Bo Chen,2026-12-03 10:00,\n", encoding="utf-8")
    inputs = api.load_inputs(clinics=["example-clinic"])
    titles = {}
    for asked in (None, "es"):
        paths = api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], day,
                                         tmp_path / str(asked), lang=asked, jobs=1)
        titles[asked] = ["El día de su infusión" in squash(extracted_text(path)) for path in paths]
    assert titles == {None: [True, False], "es": [True, True]}  # a blank cell: the language asked for
