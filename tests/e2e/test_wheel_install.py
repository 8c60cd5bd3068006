"""A plain install works: the built wheel, installed without extras into a fresh virtualenv, runs `build`,
`bundle` and `preflight` (pikepdf was only a test extra, and `bundle` crashed on a plain install).
This repository checkout is the project the installed command works on (HANDOUTS_ROOT)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("plain-install")
    source = tmp / "source"  # built from a copy: an in-tree build would leave build/ in the checkout
    shutil.copytree(ROOT / "handouts", source / "handouts", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source])
    assert built.returncode == 0, built.stderr
    wheel = next((tmp / "dist").glob("handouts-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        if not any(n.startswith("handouts/render/templates/") for n in archive.namelist()):
            pytest.xfail("templates ship in the package with the packaging issue")
    assert run([sys.executable, "-m", "venv", tmp / "venv"]).returncode == 0
    python = tmp / "venv" / "bin" / "python"
    installed = run([python, "-m", "pip", "install", "-q", wheel])  # no extras: the runtime dependencies only
    assert installed.returncode == 0, installed.stderr
    return tmp


def test_plain_install_runs_build_bundle_and_preflight(venv):
    bin_dir = venv / "venv" / "bin"
    where = run([bin_dir / "python", "-c", "import handouts, pytest"], cwd=venv)
    assert "No module named 'pytest'" in where.stderr  # really a plain install, without the test extra
    env = {**os.environ, "HANDOUTS_ROOT": str(ROOT), "HANDOUTS_CACHE_DIR": str(venv / "cache")}
    selection = ["--clinic", "harbour-health", "--lang", "en", "-j", "1"]
    build = run([bin_dir / "handouts", "build", *selection, "--handout", "aftercare", "--variant", "print",
                 "--out", venv / "out"], cwd=venv, env=env)
    assert build.returncode == 0, build.stderr
    bundle = run([bin_dir / "handouts", "bundle", *selection, "--handout", "aftercare", "--handout",
                  "day-of-infusion", "--out", venv / "bundle"], cwd=venv, env=env)
    assert bundle.returncode == 0, bundle.stderr
    pdfs = sorted((venv / "bundle").glob("*.pdf"))
    assert len(pdfs) == 3  # two handouts and their packet
    preflight = run([bin_dir / "handouts", "preflight", *pdfs, *(venv / "out").rglob("*.pdf")], cwd=venv, env=env)
    assert preflight.returncode == 0 and preflight.stdout.count(": OK (PDF/X-4") == 4, preflight.stdout
    assert "Traceback" not in build.stderr + bundle.stderr + preflight.stderr
