"""Incremental builds decide from the input files first (fast no-op), then from the HTML: exactly the outputs
whose inputs changed are made again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SELECT = ["--lang", "en", "--variant", "office"]


def build(out: Path, **env):
    result = subprocess.run([sys.executable, "-m", "handouts", "build", *SELECT, "--jobs", "1", "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env})
    assert result.returncode == 0, result.stderr
    return result.stderr


def rendered(stderr: str) -> list[str]:
    return sorted(line.split("] ")[1].split(":")[0] for line in stderr.splitlines() if line.endswith(": rendered"))


def test_only_the_changed_clinic_renders_again(project_copy, tmp_path):
    out = tmp_path / "out"
    assert len(rendered(build(out))) == 6
    records = json.loads((out / ".cache.json").read_text())["outputs"]
    assert all(r["inputs_key"] and r["cache_key"] for r in records.values())
    assert "0 rendered, 6 unchanged" in build(out)

    clinic = project_copy / "clinics" / "harbour-health" / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text + "# a comment changes the file, not the HTML\n", encoding="utf-8")
    second = build(out)
    assert "0 rendered, 6 unchanged" in second  # the HTML key says nothing changed
    after = json.loads((out / ".cache.json").read_text())["outputs"]
    changed = {p for p in after if after[p]["inputs_key"] != records[p]["inputs_key"]}
    assert changed == {p for p in after if p.startswith("harbour-health/")}  # new input key remembered
    assert "0 rendered, 6 unchanged" in build(out)

    clinic.write_text(text.replace('primary_color: "#0B5D4B"', 'primary_color: "#1F3A5F"'), encoding="utf-8")
    assert rendered(build(out)) == ["harbour-health/aftercare-en-office.pdf",
                                    "harbour-health/day-of-infusion-en-office.pdf",
                                    "harbour-health/pre-consultation-en-office.pdf"]


def test_a_new_draft_reason_renders_again(project_copy, tmp_path):
    """Draft marks depend on today's date, not on any file: the input key includes the reasons."""
    out = tmp_path / "out"
    build(out, HANDOUTS_TODAY="2026-01-01")
    assert "0 rendered, 6 unchanged" in build(out, HANDOUTS_TODAY="2026-06-01")
    assert "6 rendered, 0 unchanged" in build(out, HANDOUTS_TODAY="2028-01-01")  # every review has expired
