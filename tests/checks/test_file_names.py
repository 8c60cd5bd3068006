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


def test_the_length_it_suggests_fits_exactly_and_one_more_does_not():
    """Called directly on the sample inputs with the clinic's slug replaced: the suggested length makes the
    longest press name exactly MAX_NAME characters; one character longer is refused again."""
    import dataclasses
    import re

    from handouts import api
    from handouts.checks.file_names import press_names_fit

    inputs = api.load_inputs(clinics=["example-clinic"])

    def with_slug(slug: str):
        return dataclasses.replace(inputs, clinics=[dataclasses.replace(inputs.clinics[0], slug=slug)])

    problems = press_names_fit(with_slug("x" * 40))
    assert len(problems) == 1 and problems[0].field == "name"
    assert str(problems[0]).startswith("clinics/example-clinic/clinic.yaml:8:1: name: ")  # at the key, column 1
    room = int(re.search(r"to at most (\d+) characters", problems[0].message)[1])
    assert press_names_fit(with_slug("x" * room)) == []
    assert len(press_names_fit(with_slug("x" * (room + 1)))) == 1
