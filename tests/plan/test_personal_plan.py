"""Planning a patient's jobs and reading a day's schedule: the guards an API caller or a spreadsheet can hit."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handouts import api
from handouts.errors import NotFound
from handouts.plan.personal import MAX_ROWS, MAX_SCHEDULE_BYTES, ScheduleInvalid, parse_schedule, personal_jobs

ROOT = Path(__file__).resolve().parents[2]
HEADER = "appointment_id,patient_name,appointment\n"


@pytest.fixture(scope="module")
def inputs():
    return api.load_inputs()


@pytest.fixture(scope="module")
def clinic(inputs):
    return next(c for c in inputs.clinics if c.slug == "example-clinic")


def schedule(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def row(number: int) -> str:
    return f"A{number},Patient {number},2026-12-03 09:30"


def test_no_handout_named_is_not_found(inputs, clinic):
    with pytest.raises(NotFound, match="name at least one handout"):
        personal_jobs(inputs.content, clinic, [], None, None)


def test_an_unknown_handout_is_not_found(inputs, clinic):
    with pytest.raises(NotFound, match="no handout called 'nope' "):
        personal_jobs(inputs.content, clinic, ["aftercare", "nope"], None, None)


def test_a_schedule_row_is_frozen_and_its_repr_carries_no_patient():
    row_ = parse_schedule(schedule(row(1)), "day.csv", ["en"])[0]
    assert "Patient" not in repr(row_) and "patient" not in repr(row_)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row_.lang = "es"  # type: ignore[misc]


def test_an_unknown_language_is_not_found(inputs, clinic):
    with pytest.raises(NotFound) as caught:
        personal_jobs(inputs.content, clinic, ["aftercare"], "fr", None)
    assert str(caught.value) == "example-clinic has no 'fr' handouts (its languages: en, es)"


def test_the_default_language_is_the_clinics_first(inputs, clinic):
    jobs = personal_jobs(inputs.content, clinic, ["aftercare", "day-of-infusion"], None, None)
    assert [(job.handout, job.lang, job.variant) for job in jobs] == [
        ("aftercare", "en", "office"), ("day-of-infusion", "en", "office")]


def test_personalize_in_an_unknown_language_is_one_line_and_exit_1(tmp_path):
    env = {**os.environ, "HANDOUTS_PROJECT": str(ROOT)}
    env.pop("HANDOUTS_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic",
                             "--handout", "aftercare", "--lang", "fr", "-o", str(tmp_path / "x.pdf")],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == ["example-clinic has no 'fr' handouts (its languages: en, es)"]
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("blank", ["", ",,", " , , ", '"",,'], ids=["empty-line", "commas", "spaces", "quoted"])
def test_blank_rows_are_skipped_and_lines_still_counted(blank):
    rows = parse_schedule(schedule(row(1), blank, row(2)), "day.csv", ["en"])
    assert [(r.number, r.line, r.appointment_id) for r in rows] == [(1, 2, "A1"), (2, 4, "A2")]


def test_exactly_the_maximum_number_of_rows_is_accepted():
    rows = parse_schedule(schedule(*(row(n) for n in range(1, MAX_ROWS + 1))), "day.csv", ["en"])
    assert len(rows) == MAX_ROWS == 1000


def test_one_row_past_the_maximum_is_refused_at_its_line():
    with pytest.raises(ScheduleInvalid) as caught:
        parse_schedule(schedule(*(row(n) for n in range(1, MAX_ROWS + 2))), "day.csv", ["en"])
    assert caught.value.lines == [f"day.csv:{MAX_ROWS + 2}: too many rows (at most {MAX_ROWS}); split the file"]


def test_blank_rows_do_not_count_towards_the_maximum():
    data = schedule(*(row(n) for n in range(1, MAX_ROWS + 1)), ",,", "")
    assert len(parse_schedule(data, "day.csv", ["en"])) == MAX_ROWS


def test_a_schedule_exactly_at_the_size_limit_is_read_and_one_byte_more_is_refused():
    assert MAX_SCHEDULE_BYTES == 5 * 1024 * 1024
    data = schedule(row(1))
    padded = data + b"\n" * (MAX_SCHEDULE_BYTES - len(data))  # blank lines: skipped, but they count as bytes
    assert len(parse_schedule(padded, "day.csv", ["en"])) == 1
    with pytest.raises(ScheduleInvalid) as caught:
        parse_schedule(padded + b"\n", "day.csv", ["en"])
    assert caught.value.lines == [
        f"day.csv: is too large ({MAX_SCHEDULE_BYTES + 1:,} bytes; at most {MAX_SCHEDULE_BYTES:,})"]
