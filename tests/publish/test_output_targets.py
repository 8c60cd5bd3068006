"""Output is written only over nothing or a regular file: a device, FIFO, socket or folder at the target is
refused with one line naming it, and left as it was (write-to-temp-then-rename would replace it)."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from handouts import files


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return path


def make_folder(path: Path) -> Path:
    path.mkdir()
    return path


def make_link_to_device(path: Path) -> Path:
    path.symlink_to("/dev/null")
    return path


@pytest.mark.parametrize("make", [make_fifo, make_socket, make_folder, make_link_to_device])
def test_a_target_that_is_not_a_regular_file_is_refused_and_kept(tmp_path, make):
    target = make(tmp_path / "out.pdf")
    before = os.lstat(target)
    with pytest.raises(OSError) as caught:
        files.write_bytes(target, b"%PDF-1.7")
    assert caught.value.filename == str(target) and "not a regular file" in caught.value.strerror
    after = os.lstat(target)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]  # no temp file left


def test_a_regular_file_is_replaced(tmp_path):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    files.write_bytes(target, b"new", mode=0o600)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_personalize_refuses_a_character_device_at_o(tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = subprocess.run([sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic",
                             "--handout", "day-of-infusion", "--patient-name", "Ana Diaz", "-o", str(device)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr and "null" in result.stderr
    assert "Traceback" not in result.stderr and "Ana" not in result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
