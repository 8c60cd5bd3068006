"""Inputs that are not files, or far too big, are refused at once: no hang on a pipe, no memory blow-up."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handouts.errors import InvalidInput
from handouts.load.reader import MAX_YAML_BYTES, load_yaml

ROOT = Path(__file__).resolve().parents[2]


def handouts(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handouts", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)


@pytest.mark.parametrize("command", [["check"], ["build", "--out", "never"]])
def test_content_from_a_fifo_is_refused_without_waiting(tmp_path, command):
    fifo = tmp_path / "content.yaml"
    os.mkfifo(fifo)  # nobody ever writes to it: reading it would block forever
    started = time.monotonic()
    result = handouts(*command, "--content", str(fifo), cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "content.yaml: is not a regular file (a folder, pipe or device); give a file" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and not (tmp_path / "never").exists()


def test_content_from_dev_zero_is_refused():
    result = handouts("check", "--content", "/dev/zero")
    assert result.returncode == 1
    assert "/dev/zero: is not a regular file" in result.stderr


def test_a_schedule_that_is_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "day.csv"
    os.mkfifo(fifo)
    result = handouts("personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                      "--schedule", str(fifo), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "is not a regular file" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("profile", ["fifo", "/dev/zero"])
def test_an_icc_profile_that_is_a_pipe_or_a_device_is_refused_without_waiting(tmp_path, profile):
    """bundle checks the profile once, before any render; build fails each print PDF and makes the others."""
    if profile == "fifo":
        profile = str(tmp_path / "shop.icc")
        os.mkfifo(profile)
    started = time.monotonic()
    bundled = handouts("bundle", "--allow-draft", "--clinic", "example-clinic", "--icc", profile,
                       "--out", str(tmp_path / "bundle"))
    built = handouts("build", "--clinic", "example-clinic", "--handout", "aftercare", "--lang", "en", "--variant",
                     "office", "--variant", "print", "--icc", profile, "--out", str(tmp_path / "build"))
    assert time.monotonic() - started < 60
    assert bundled.returncode == 1 and "Traceback" not in bundled.stderr
    assert bundled.stderr.strip().endswith("not an ICC profile: it is not a regular file (a folder, pipe or "
                                           "device); give a file") and not (tmp_path / "bundle").exists()
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert f"{Path(profile).name}: is not a regular file (a folder, pipe or device)" in built.stderr
    assert sorted(p.name for p in (tmp_path / "build").rglob("*.pdf")) == ["aftercare-en-office.pdf"]


def test_a_50_mb_yaml_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "clinic.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is what is checked, nothing is read
    started = time.monotonic()
    with pytest.raises(InvalidInput) as refused:
        load_yaml(big)
    assert time.monotonic() - started < 1
    assert f"is too large (52,428,800 bytes; at most {MAX_YAML_BYTES:,})" in str(refused.value)


def test_read_regular_reads_up_to_its_cap_and_no_further(tmp_path):
    from handouts import files

    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n" * 100)
    assert files.read_regular(path, 500) == b"a: 1\n" * 100
    with pytest.raises(files.ReadRefused):
        files.read_regular(path, 499)
