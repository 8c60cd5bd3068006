"""Where the project is: --project DIR, HANDOUTS_PROJECT, or the nearest folder upwards with content.yaml;
`handouts init` refuses a folder that is not empty and leaves nothing behind."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def handouts(*args, cwd, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HANDOUTS_")}
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=cwd,
                          env={**clean, "PYTHONPATH": str(ROOT), **env}, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("projects")
    made = handouts("init", "network", cwd=folder)
    assert made.returncode == 0, made.stderr
    (folder / "network" / "clinics" / "example-clinic").rename(folder / "network" / "clinics" / "north-shore")
    return folder / "network"


@pytest.mark.parametrize("how", ["option", "environment", "a folder inside it"])
def test_the_project_is_found(project, how):
    if how == "option":
        result = handouts("--project", str(project), "check", cwd=project.parent)
    elif how == "environment":
        result = handouts("check", cwd=project.parent, HANDOUTS_PROJECT=str(project))
    else:
        result = handouts("check", cwd=project / "clinics" / "north-shore")
    assert result.returncode == 0, result.stderr
    assert "north-shore" in result.stdout and "1 clinic(s) checked" in result.stderr  # this project, not the checkout


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("ours")
    result = handouts("init", "busy", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "busy already exists and is not an empty folder; pick a new folder name"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["busy"]  # no half-made project beside it
