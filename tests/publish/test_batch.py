"""The batch engine as a user runs it: workers, incremental builds, failures, shards, kills, temp folders."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[2]


def handouts(*args, env=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, **kwargs)


def assert_manifest_matches_files(out: Path):
    manifest = json.loads((out / "manifest.json").read_text())["outputs"]
    for item in manifest:
        assert item["sha256"] == hashlib.sha256((out / item["path"]).read_bytes()).hexdigest(), item["path"]
    return manifest


def test_second_run_renders_nothing(tmp_path):
    first = handouts("build", "--lang", "en", "--variant", "office", "--variant", "print", "--jobs", "2", "--out", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert "12 rendered, 0 unchanged" in first.stderr
    started = time.monotonic()
    second = handouts("build", "--lang", "en", "--variant", "office", "--variant", "print", "--out", str(tmp_path))
    elapsed = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert "0 rendered, 12 unchanged (skipped)" in second.stderr
    print(f"second run (whole process): {elapsed:.2f} s")
    assert elapsed < 10  # sanity bound only; about 1 s on an idle machine, the count above is the real check
    assert len(assert_manifest_matches_files(tmp_path)) == 12
    # a changed file on disk is not trusted: it is made again
    victim = tmp_path / "harbour-health" / "aftercare-en-print.pdf"
    victim.write_bytes(b"%PDF-1.6 damaged")
    third = handouts("build", "--lang", "en", "--variant", "print", "--clinic", "harbour-health", "--out", str(tmp_path))
    assert "1 rendered, 2 unchanged" in third.stderr
    assert pikepdf.open(victim).open_metadata().get("pdfxid:GTS_PDFXVersion") == "PDF/X-4"
    forced = handouts("build", "--lang", "en", "--clinic", "harbour-health", "--handout", "aftercare", "--force", "--out", str(tmp_path))
    assert "1 rendered, 0 unchanged" in forced.stderr


def test_sigkill_halfway_leaves_no_truncated_pdf_and_rerun_completes(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "handouts", "build", "--lang", "en", "--variant", "print", "--variant", "office",
                             "--jobs", "2", "--out", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    done = 0
    for line in proc.stderr:
        if ": rendered" in line:
            done += 1
            if done == 4:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    pdfs = sorted(out.rglob("*.pdf"))
    assert 4 <= len(pdfs) < 12
    for path in pdfs:
        pikepdf.open(path).close()  # every PDF there is whole
    listed = assert_manifest_matches_files(out)  # no entry for a file that is missing or different
    assert len(listed) >= 4
    again = handouts("build", "--lang", "en", "--variant", "print", "--variant", "office", "--jobs", "2", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert f"{12 - len(listed)} rendered, {len(listed)} unchanged" in again.stderr
    assert len(assert_manifest_matches_files(out)) == 12
    assert not list(out.rglob("*.tmp"))


def test_workers_leave_no_weasyprint_temp_folders(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    result = handouts("build", "--lang", "en", "--jobs", "2", "--force", "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 0, result.stderr
    assert "6 rendered" in result.stderr
    assert sorted(p.name for p in tmp.iterdir()) == []


def test_one_failure_does_not_stop_the_others(project_copy, tmp_path):
    from handouts import api

    inputs = api.load_inputs()  # valid inputs; the logo then disappears before rendering
    (project_copy / "clinics" / "harbour-health" / "logo.svg").unlink()
    result = api.build(inputs, tmp_path, handouts=["aftercare"], langs=["en"], jobs=2)
    assert [path for path, _ in result.failed] == ["harbour-health/aftercare-en-office.pdf"]
    assert (tmp_path / "example-clinic" / "aftercare-en-office.pdf").is_file()
    assert "FAILED harbour-health/aftercare-en-office.pdf" in result.outcome.summary()


def test_cli_names_every_failure_and_exits_non_zero(tmp_path):
    # not an ICC profile: every print job fails, the office jobs are still made
    result = handouts("build", "--lang", "en", "--variant", "office", "--variant", "print", "--icc", "README.md",
                      "--handout", "aftercare", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "2 rendered, 0 unchanged (skipped), 2 failed" in result.stderr
    for clinic in ("example-clinic", "harbour-health"):
        assert f"FAILED {clinic}/aftercare-en-print.pdf" in result.stderr
        assert (tmp_path / clinic / "aftercare-en-office.pdf").is_file()
    assert "Traceback" not in result.stderr


def test_shards_split_the_jobs_exactly(sample_build):
    from handouts import api
    from handouts.plan.jobs import plan, select_shard

    inputs = api.load_inputs()
    jobs = plan(inputs.content, inputs.clinics, variants=["office", "print"])
    parts = [select_shard(jobs, k, 3) for k in (1, 2, 3)]
    keys = [job.key for part in parts for job in part]
    assert sorted(keys) == sorted(job.key for job in jobs) and len(set(keys)) == len(keys)
    assert select_shard(jobs, 2, 3) == parts[1]  # stable


def test_shard_option(tmp_path):
    result = handouts("build", "--lang", "en", "--shard", "1/2", "--out", str(tmp_path))
    other = handouts("build", "--lang", "en", "--shard", "2/2", "--out", str(tmp_path))
    assert result.returncode == other.returncode == 0
    assert len(json.loads((tmp_path / "manifest.json").read_text())["outputs"]) == 6
    bad = handouts("build", "--lang", "en", "--shard", "3/2", "--out", str(tmp_path))
    assert bad.returncode == 1 and "K/N" in bad.stderr and "Traceback" not in bad.stderr
