"""The benchmark's smoke mode runs here, so bench/ cannot rot: every measurement runs once on tiny sizes
and the table has every section (the real numbers come from the full run: bench/RESULTS.md, shown in docs/speed.md)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_quick_runs_every_measurement_and_prints_the_table(tmp_path):
    results = ROOT / "bench" / "RESULTS.md"
    before = results.read_bytes() if results.exists() else None
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path / "R.md")],
                         capture_output=True, text=True, cwd=tmp_path, timeout=600)  # shares the cores with another test worker
    assert run.returncode == 0, run.stderr[-3000:]
    table = run.stdout
    for row in ("`handouts build --force --jobs 1`", "naive loop: `weasyprint", "Chromium, one process per file",
                "Chromium, one browser (Playwright", "floor: WeasyPrint in-process", "| scale: clinics |",
                "no-op rebuild", "CLI `handouts personalize`", "API `api.personalize()`", "web page (warm",
                "WeasyPrint on a minimal stylesheet that draws the same pages", "| layout and line breaking |",
                "| of which ours (rows starting \"our\") |", "Chromium (one browser, one row at a time"):
        assert row in table, row
    # every tool made its PDF: a PDFs/s figure of 0 or nan would mean a silent failure
    rates = [float(line.rsplit("|", 2)[1]) for line in table.splitlines() if line.startswith("| ") and
             line.count("|") == 5 and line.split("|")[-2].strip().replace(".", "").isdigit()]
    assert len(rates) >= 6 and all(rate > 0 for rate in rates)
    assert "(re-rendered: harbour-health/aftercare-en-office.pdf)" in table  # only the changed clinic's file
    assert not (tmp_path / "R.md").exists()  # smoke mode writes no results file...
    assert (results.read_bytes() if results.exists() else None) == before  # ...and leaves the real one alone
