"""`handouts new-clinic SLUG`: a commented clinic folder that passes `handouts check` as it is."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handouts.load import refs

ROOT = Path(__file__).resolve().parents[2]


def run(*args, root: Path):
    env = {**os.environ, "HANDOUTS_PROJECT": str(root)}
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True,
                          cwd=root, env=env)


def test_new_clinic_passes_check(project_copy):
    result = run("new-clinic", "lakeside-care", root=project_copy)
    assert result.returncode == 0, result.stderr
    folder = project_copy / "clinics" / "lakeside-care"
    assert sorted(p.name for p in folder.iterdir()) == ["clinic.yaml", "logo.svg"]
    check = run("check", "--clinic", "lakeside-care", root=project_copy)
    assert check.returncode == 0, check.stderr
    assert not (ROOT / "clinics" / "lakeside-care").exists()


def test_every_field_is_there_and_commented(project_copy):
    run("new-clinic", "lakeside-care", root=project_copy)
    text = (project_copy / "clinics" / "lakeside-care" / "clinic.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/clinic.schema.json\n")
    data = yaml.safe_load(text)
    assert data["sample"] is True and "example" in data["name"].lower()
    for path in refs.clinic_fields():  # every field of the Clinic model, so new fields reach the scaffold
        if path.startswith("approval."):
            continue  # a new clinic has no approval yet: its director signs after reading its handouts
        node = data
        for part in path.split("."):
            assert part in node, f"new-clinic leaves out {path}"
            node = node[part]
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith(("#", "-")) or not line.strip():
            continue
        commented = re.search(r"\s# ", line) or lines[number - 1].strip().startswith("#")
        assert commented or line.rstrip().endswith(":"), f"no comment on: {line}"


@pytest.mark.parametrize("slug,phrase", [
    ("Bad Name", "not a usable clinic name"),
    ("../escape", "not a usable clinic name"),
    ("example-clinic", "already exists"),
])
def test_new_clinic_refuses(project_copy, slug, phrase):
    before = sorted(p.name for p in (project_copy / "clinics").iterdir())
    result = run("new-clinic", slug, root=project_copy)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and phrase in lines[0] and "Traceback" not in result.stderr
    assert sorted(p.name for p in (project_copy / "clinics").iterdir()) == before
