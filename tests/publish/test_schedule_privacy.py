"""No patient value in any message: every malformed schedule shape, with canary values, through the real CLI.

Each canary is a value a patient's row could hold. After each run, stdout, stderr and every file left
anywhere in the run's folders are searched for every canary."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CANARIES = ["Zanzibarqueen Oyelowo", "Dr Quillfeather", "Bartholomew Vexley", "(713) 913-7777", "Kumquat note"]
NAME, PROVIDER, DRIVER, PHONE, NOTE = CANARIES
HEADER = "patient_name,appointment,arrival,provider,driver_name,driver_phone,note"
ROW = f'{NAME},2026-12-03 09:30,09:00,{PROVIDER},{DRIVER},{PHONE},{NOTE}'

SHAPES = {
    "no-header": f"{ROW}\n{ROW}\n",
    "wrong-header": f"name,when,arrive,doctor,driver,phone,remarks\n{ROW}\n",
    "header-is-a-patient-with-one-known-column": f"patient_name,{PROVIDER},{DRIVER}\n{NAME},x,y\n",
    "extra-columns": f"{HEADER}\n{ROW},{NAME},{NOTE}\n",
    "missing-columns": f"{HEADER}\n{NAME},2026-12-03 09:30\n",
    "quoted-newlines": f'{HEADER}\n"{NAME}\n{NAME}",2026-12-03 09:30,09:00,"{PROVIDER}\n",{DRIVER},{PHONE},"{NOTE}"\n',
    # semicolons and tabs are read as separators (spreadsheets save them); a row that mixes them with the header's
    # commas is refused
    "mixed-separators": f"{HEADER}\n{ROW.replace(',', ';')}\n",
    "bad-values": f'{HEADER}\n{NAME},{NOTE},{PROVIDER},{PROVIDER},{DRIVER},{NOTE},{NOTE}\n',
    "unclosed-quote": f'{HEADER}\n"{NAME},2026-12-03 09:30,09:00,{PROVIDER},{DRIVER},{PHONE},{NOTE}\n',
    "bidi-and-emoji": f"{HEADER}\n{NAME}\u202e,2026-12-03 09:30,09:00,{PROVIDER} \U0001F600,{DRIVER},{PHONE},{NOTE}\n",
    "control-characters": f"{HEADER}\n{NAME}\x07,2026-12-03 09:30,09:00,{PROVIDER},{DRIVER},{PHONE},{NOTE}\x00\n",
    "not-utf8": None,
}


def leaked(text: str) -> list[str]:
    return [c for c in CANARIES + [c.split()[0] for c in CANARIES] if c in text]


@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
def test_no_message_quotes_a_patient_value(tmp_path, shape):
    schedule = tmp_path / "day.csv"
    text = SHAPES[shape]
    schedule.write_bytes(text.encode("utf-8") if text is not None else ROW.encode("utf-16"))
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic",
                             "--handout", "day-of-infusion", "--schedule", str(schedule), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip(), "a refusal says why"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert leaked(result.stdout + result.stderr) == [], result.stderr
    assert not (tmp_path / "out").exists()
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != schedule:
            assert leaked(path.read_bytes().decode("utf-8", "replace")) == [], path
