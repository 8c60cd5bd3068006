"""Locked, complete dependencies: the lock files cover pyproject.toml with hashes, and deptry (run by .ci/run)
fails on a package that is imported but not declared."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPTRY = Path(sys.executable).parent / "deptry"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def locked(path: Path) -> dict[str, list[str]]:
    """name -> hashes of every pinned package of a lock file."""
    out: dict[str, list[str]] = {}
    for block in re.split(r"\n(?=[a-z0-9])", path.read_text(encoding="utf-8")):
        match = re.match(r"^([a-z0-9][a-z0-9._-]*)==\S+", block)
        if match:
            out[match.group(1).replace("_", "-")] = re.findall(r"--hash=sha256:[0-9a-f]{64}", block)
    return out


def test_lock_files_pin_every_declared_package_with_hashes():
    project = PYPROJECT["project"]
    runtime, dev = locked(ROOT / "requirements" / "runtime.txt"), locked(ROOT / "requirements" / "dev.txt")
    assert names(project["dependencies"]) <= set(runtime), "run bash scripts/lock"
    extras = [r for group in ("test", "bench", "lint") for r in project["optional-dependencies"][group]]
    assert names(project["dependencies"] + extras) <= set(dev), "run bash scripts/lock"
    assert all(runtime.values()) and all(dev.values()), "every pinned package has its hashes"
    assert "--require-hashes -r \"$LOCK\"" in (ROOT / "scripts" / "setup").read_text(encoding="utf-8")


def test_deptry_passes_here_and_fails_on_an_undeclared_import(tmp_path):
    here = subprocess.run([str(DEPTRY), "--no-ansi", "."], capture_output=True, text=True, cwd=ROOT)
    assert here.returncode == 0, here.stdout + here.stderr
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "handouts", tmp_path / "handouts", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "handouts" / "sneaky.py").write_text("import requests\n", encoding="utf-8")
    broken = subprocess.run([str(DEPTRY), "--no-ansi", "."], capture_output=True, text=True, cwd=tmp_path)
    assert broken.returncode == 1 and "DEP001 'requests' imported but missing" in broken.stderr
