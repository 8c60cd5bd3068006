"""A smaller run of bench/load_web.py: every concurrent request gets its own patient's PDF back."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_concurrent_requests_each_get_their_own_patients_pdf():
    spec = importlib.util.spec_from_file_location("load_web", ROOT / "bench" / "load_web.py")
    load_web = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_web)
    report = load_web.run(requests=8, concurrency=4, deadline_s=300)
    assert report["ok"] == 8, report["errors"]
    assert 0 < report["p50_s"] <= report["p95_s"] <= report["max_s"]
