"""A clinic folder name too long for whole press file names is a `check` error, never a silent cut."""
from __future__ import annotations

import subprocess
import sys

from handouts.plan import names


def test_a_long_clinic_folder_name_is_a_check_error(project_copy):
    long_slug = "north-west-regional-ketamine-infusion-service"
    (project_copy / "clinics" / "example-clinic").rename(project_copy / "clinics" / long_slug)
    done = subprocess.run([sys.executable, "-m", "handouts", "check"], capture_output=True, text=True,
                          cwd=project_copy)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if long_slug in line and "characters" in line]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"clinics/{long_slug}/clinic.yaml:") and ": name: " in lines[0]
    assert f"more than {names.MAX_NAME}" in lines[0] and "rename the folder" in lines[0]


def test_the_sample_clinics_fit(project_copy):
    done = subprocess.run([sys.executable, "-m", "handouts", "check"], capture_output=True, text=True,
                          cwd=project_copy)
    assert "characters" not in done.stderr, done.stderr
