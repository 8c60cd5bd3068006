"""`handouts personalize --format web` and api.personalize_web: one patient's web page holds the patient's
values, and nothing of them is written anywhere else (no temp file, no font cache, no message)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["Zofia", "Quennell", "Bring your glasses"]


def test_a_patients_web_page_from_the_command_line_goes_only_into_its_file(tmp_path):
    home, tmp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, tmp, work):
        folder.mkdir()
    out = work / "visit.html"
    env = {**os.environ, "TMPDIR": str(tmp), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "PYTHONPATH": str(ROOT), "HANDOUTS_PROJECT": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
         "--patient-name", "Zofia Quennell", "--appointment", "2026-12-03 09:30", "--note", "Bring your glasses.",
         "--format", "web", "-o", str(out)], capture_output=True, text=True, cwd=work, env=env)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    html = out.read_text(encoding="utf-8")
    assert "<td class=\"visit-value\">Zofia Quennell</td>" in html and "Thursday, December 3, 2026, 9:30" in html
    assert "Bring your glasses." in html
    assert not any(secret in result.stdout + result.stderr for secret in SECRETS)
    assert [p.name for p in work.iterdir()] == ["visit.html"]
    for path in [*tmp.rglob("*"), *home.rglob("*")]:  # font instances may be cached; never a patient's value
        if path.is_file():
            blob = path.read_bytes()
            assert not any(secret.encode() in blob for secret in SECRETS), path


def test_web_format_takes_one_handout_and_no_schedule(tmp_path):
    base = [sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic", "--format", "web"]
    several = subprocess.run([*base, "--handout", "aftercare", "--handout", "day-of-infusion", "-o",
                              str(tmp_path / "x.html")], capture_output=True, text=True, cwd=ROOT)
    assert several.returncode != 0 and "one --handout" in several.stderr
    assert "Traceback" not in several.stderr and not any(tmp_path.iterdir())
