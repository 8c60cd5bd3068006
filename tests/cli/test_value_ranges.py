"""Values out of any sensible range are refused with one line, never an internal error: an appointment in
year 1, a timeout of nan, an idle limit of 1e308 minutes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from handouts.models.patient import PatientInvalid, parse_patient


@pytest.mark.parametrize("value", ["0001-01-01 00:30", "9999-12-31 23:59", "1899-12-31 10:00"])
def test_an_appointment_outside_the_era_is_refused(value):
    with pytest.raises(PatientInvalid) as caught:
        parse_patient({"appointment": value})
    assert "appointment" in caught.value.errors and "year" in caught.value.errors["appointment"]


def test_an_appointment_of_this_era_is_taken():
    assert parse_patient({"appointment": "2026-12-03 09:30"}).appointment.year == 2026


@pytest.mark.parametrize("args, said", [
    (["personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
      "--appointment", "0001-01-01 00:30", "-o", "{tmp}/a.pdf"], "--appointment: is not a date of this era"),
    (["build", "--timeout", "nan", "--out", "{tmp}/out"], "'nan' is not a finite number"),
    (["build", "--timeout", "inf", "--out", "{tmp}/out"], "--timeout"),
    (["serve", "--idle-minutes", "1e308"], "--idle-minutes"),
    (["serve", "--idle-minutes", "nan"], "--idle-minutes"),
])
def test_the_command_line_refuses_them_in_one_line(tmp_path, args, said):
    result = subprocess.run([sys.executable, "-m", "handouts", *[a.format(tmp=tmp_path) for a in args]],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (1, 2), result.stderr
    assert said in result.stderr and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "out").exists()
