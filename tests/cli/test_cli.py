"""The `handouts` command as a user runs it: exit codes, one-line errors, no traceback, nothing half-written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env)


def test_help_is_for_office_managers():
    result = run("build", "--help")
    assert result.returncode == 0
    assert "--clinic" in result.stdout and "clinic.yaml" in result.stdout


def test_build_one_clinic_one_handout(tmp_path):
    result = run("build", "--clinic", "harbour-health", "--handout", "aftercare", "--lang", "en", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "harbour-health" / "aftercare-en-office.pdf").is_file()
    assert "[1/1]" in result.stderr


def test_build_py_is_the_same_command(tmp_path):
    result = subprocess.run([sys.executable, "build.py", "--clinic", "example-clinic", "--handout", "aftercare",
                             "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "example-clinic" / "aftercare-en-office.pdf").is_file()


def broken_clinic(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    source = ROOT / "clinics" / "example-clinic"
    (folder / "logo.svg").write_bytes((source / "logo.svg").read_bytes())
    text = (source / "clinic.yaml").read_text()
    assert old in text
    (folder / "clinic.yaml").write_text(text.replace(old, new, 1))
    return folder / "clinic.yaml"


@pytest.mark.parametrize("old,new,field,phrase", [
    ("paper: letter", "paper: letter\ncolour: blue", "colour", "unknown field"),
    ("logo: logo.svg", "logo: ../example-clinic/logo.svg", "brand.logo", "outside the clinic folder"),
    ("logo: logo.svg", "logo: /etc/passwd", "brand.logo", "absolute path"),
    ('after_hours_phone: "(555) 010-0199"', "", "contact.after_hours_phone", "must be filled in"),
    ('font: "Atkinson Hyperlegible"', 'font: "Comic Sans MS"', "brand.font", "not installed"),
])
def test_bad_clinic_is_refused_with_one_line(tmp_path, old, new, field, phrase):
    clinic = broken_clinic(tmp_path, old, new)
    out = tmp_path / "out"
    result = run("build", "--clinic", str(clinic), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "clinic.yaml:" in lines[0] and f": {field}: " in lines[0] and phrase in lines[0]
    assert not out.exists()


def test_unknown_clinic_and_handout():
    assert "known clinics" in run("build", "--clinic", "nope").stderr
    result = run("build", "--handout", "nope", "--out", "/tmp/never")
    assert result.returncode == 1 and "known handouts" in result.stderr


def test_check_passes_on_the_samples_and_writes_nothing(tmp_path):
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "OK:" in result.stderr


def test_check_fails_on_a_bad_clinic(tmp_path):
    clinic = broken_clinic(tmp_path, "paper: letter", "paper: legal")
    result = run("check", "--clinic", str(clinic))
    assert result.returncode == 1
    assert "paper" in result.stderr and "Traceback" not in result.stderr


def test_problems_in_several_files_are_reported_together(project_copy):
    """One run lists every problem of every file, sorted by file and line."""
    content = project_copy / "content.yaml"
    content.write_text(content.read_text().replace('\nversion: "1.1"', "\nversion: 1.1", 1))
    for slug, old, new in (("example-clinic", 'crisis_line: "988"', "crisis_line: 988"),
                           ("harbour-health", "paper: a4", "paper: A4")):
        path = project_copy / "clinics" / slug / "clinic.yaml"
        path.write_text(path.read_text().replace(old, new))
    result = run("check", cwd=project_copy)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "clinics/example-clinic/clinic.yaml", "clinics/harbour-health/clinic.yaml", "content.yaml"], lines
    assert "emergency.crisis_line: 988 is read as a number" in lines[0]
    assert "paper: 'A4' is not allowed" in lines[1]
    assert "version: 1.1 is read as a number" in lines[2]


def test_internal_error_is_short_unless_debugging(tmp_path):
    """A bug (not a user mistake) exits 3 with one line; HANDOUTS_DEBUG=1 shows the traceback."""
    import os

    code = ("import handouts.api as api\n"
            "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
            "api.load_inputs = boom\n"
            "from handouts.cli import main\n"
            "import sys; sys.argv = ['handouts', 'check']; main()\n")
    env = {k: v for k, v in os.environ.items() if k != "HANDOUTS_DEBUG"}
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert plain.returncode == 3
    assert "Traceback" not in plain.stderr and "internal error: RuntimeError: simulated bug" in plain.stderr
    debug = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           env={**env, "HANDOUTS_DEBUG": "1"})
    assert debug.returncode == 3 and "Traceback" in debug.stderr
