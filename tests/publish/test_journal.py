"""The ledger and the manifest are appended to, one record per PDF, and a build killed at any moment (a real
SIGKILL to a real `handouts build`) leaves a manifest that lists exactly the PDFs in the folder, with their hashes."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from handouts.publish import cache, lock, manifest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ["build", "--lang", "en", "--variant", "office", "--variant", "print", "--jobs", "2"]


def listed_exactly_what_is_on_disk(out: Path) -> list[str]:
    entries = json.loads((out / "manifest.json").read_text())["outputs"]
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*.pdf"))
    assert sorted(e["path"] for e in entries) == on_disk
    for entry in entries:
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest(), entry["path"]
    return on_disk


def test_a_killed_rebuild_leaves_a_manifest_of_exactly_the_pdfs_on_disk(tmp_path):
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "handouts", *BUILD, "--out", str(out)], cwd=ROOT,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert len(listed_exactly_what_is_on_disk(out)) == 12
    proc = subprocess.Popen([sys.executable, "-m", "handouts", *BUILD, "--force", "--out", str(out)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stderr is not None
    done = 0
    for line in proc.stderr:
        done += line.rstrip().endswith(": rendered")
        if done == 5:
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert (out / cache.JOURNAL).is_file()  # the run was cut between its snapshots
    left = listed_exactly_what_is_on_disk(out)
    assert 5 <= len(left) < 12  # the outputs not made again yet are set aside, not listed with a wrong hash
    again = subprocess.run([sys.executable, "-m", "handouts", *BUILD, "--out", str(out)], cwd=ROOT,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"{12 - len(left)} rendered, {len(left)} unchanged" in again.stderr
    assert len(listed_exactly_what_is_on_disk(out)) == 12
    assert not (out / cache.JOURNAL).exists()
    # no .tmp, no .stale (the build's lock file stays: a lock on a file that may vanish would lock nothing)
    assert not [p for p in out.rglob(".*") if p.is_file() and p.name not in (cache.CACHE, lock.LOCK_NAME)]


def test_the_ledger_replays_its_journal_and_ignores_a_torn_last_line(tmp_path):
    ledger = cache.Ledger(tmp_path)
    ledger.record("a.pdf", {"sha256": "1"})
    ledger.record("b.pdf", {"sha256": "2"})
    ledger.save()
    ledger.record("c.pdf", {"sha256": "3"})
    ledger.forget(["a.pdf"])
    ledger.record("b.pdf", {"sha256": "22"})
    ledger.close()
    with open(tmp_path / cache.JOURNAL, "ab") as journal:
        journal.write(b'{"put": "d.pdf", "rec')  # killed in the middle of a line
    again = cache.Ledger(tmp_path)
    assert again.replayed
    assert again.records == {"b.pdf": {"sha256": "22"}, "c.pdf": {"sha256": "3"}}
    again.save()
    assert not (tmp_path / cache.JOURNAL).exists()
    assert cache.Ledger(tmp_path).records == again.records


def test_the_manifest_is_valid_json_after_every_append(tmp_path):
    def entry(name: str) -> manifest.Entry:
        return manifest.Entry("c", name, "en", "office", f"c/{name}.pdf", 2, 100, "0" * 64, {"smog": 7.0})

    for start in ({}, {"c/z.pdf": entry("z")}):
        book = manifest.Appender(tmp_path, dict(start))
        assert manifest.read(tmp_path) == start
        for name in ("b", "a"):
            book.add(entry(name))
            assert set(manifest.read(tmp_path)) == set(start) | {f"c/{n}.pdf" for n in "ba" if n >= name}
        everything = {**start, "c/a.pdf": entry("a"), "c/b.pdf": entry("b")}
        book.close(everything)
        assert (tmp_path / "manifest.json").read_text() == manifest.write(tmp_path, everything).read_text()
        assert [e["path"] for e in json.loads((tmp_path / "manifest.json").read_text())["outputs"]] == sorted(everything)
