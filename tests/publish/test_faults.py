"""Builds under faults, with real signals to real processes: nothing left running, nothing left in /tmp,
nothing half-written; one build per output folder; a full or read-only disk is one line naming the path."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = [sys.executable, "-m", "handouts", "build", "--lang", "en", "--variant", "office", "--force"]


def children(pid: int) -> set[int]:
    """Process ids whose parent is `pid` (from /proc: no extra package)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def font_folders(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("weasyprint-"))


def start(tmp_path: Path, *args: str, jobs: int = 2) -> tuple[subprocess.Popen, Path, Path]:
    """A build of 6 PDFs, started in its own session; returns once its first PDF is written."""
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([*BUILD, "--jobs", str(jobs), "--out", str(out), *args], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    for line in proc.stderr:
        if ": rendered" in line:
            break
    return proc, tmp, out


def settled(tmp: Path, folders: int, seconds: float = 30) -> bool:
    """Wait until every worker has made its font folder (on a loaded machine the second one may still be
    starting when the first PDF is written)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(font_folders(tmp)) < folders:
        time.sleep(0.1)
    return len(font_folders(tmp)) == folders


def wait_gone(pids: set[int], seconds: float = 15) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return {p for p in pids if alive(p)}


def assert_whole(out: Path, killed: bool = False) -> None:
    """killed (SIGKILL): a hidden temp file being written may stay; the next build removes it."""
    assert len(list(out.rglob("*.tmp"))) <= (1 if killed else 0)
    for path in out.rglob("*.pdf"):
        pikepdf.open(path).close()
    listed = json.loads((out / "manifest.json").read_text())["outputs"]
    assert all((out / item["path"]).is_file() for item in listed)


def test_sigkill_to_the_build_ends_its_workers_and_their_font_folders(tmp_path):
    proc, tmp, out = start(tmp_path)
    workers = children(proc.pid)
    assert len(workers) == 2 and settled(tmp, 2)  # the test sees what it counts
    os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers are not signalled by anyone
    proc.wait()
    assert wait_gone(workers) == set(), "workers outlived their build"
    assert font_folders(tmp) == []
    assert_whole(out, killed=True)


@pytest.mark.parametrize("group", [False, True], ids=["parent", "process-group"])
def test_sigterm_stops_the_build_like_ctrl_c(tmp_path, group):
    proc, tmp, out = start(tmp_path)
    workers = children(proc.pid)
    assert len(workers) == 2
    (os.killpg if group else os.kill)(proc.pid, signal.SIGTERM)
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert "Stopped (SIGTERM)" in rest and "Traceback" not in rest
    assert wait_gone(workers) == set()
    assert font_folders(tmp) == []
    assert_whole(out)


def test_ctrl_c_stops_the_build_with_130(tmp_path):
    """A terminal's Ctrl-C is SIGINT to the whole process group: the build and its workers."""
    proc, tmp, out = start(tmp_path)
    workers = children(proc.pid)
    assert len(workers) == 2
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=30) == 130
    assert "Stopped (Ctrl-C)" in rest and "Traceback" not in rest, rest
    assert wait_gone(workers) == set()
    assert font_folders(tmp) == []
    assert_whole(out)


def test_sigterm_to_a_single_process_build_removes_its_font_folder(tmp_path):
    proc, tmp, out = start(tmp_path, jobs=1)
    assert settled(tmp, 1)
    os.kill(proc.pid, signal.SIGTERM)
    proc.stderr.read()
    assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    assert font_folders(tmp) == []
    assert_whole(out)


def test_a_second_build_into_the_same_folder_is_refused_naming_the_first(tmp_path):
    first, _, out = start(tmp_path, jobs=1)
    os.kill(first.pid, signal.SIGSTOP)  # held mid-build (with its lock) however fast the machine renders
    try:
        second = subprocess.run([*BUILD, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        os.kill(first.pid, signal.SIGCONT)
    first.stderr.read()
    assert first.wait(timeout=120) == 0
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"{out}: another build (process {first.pid}) is writing this folder; wait for it to finish, or use another --out"]
    listed = json.loads((out / "manifest.json").read_text())["outputs"]
    assert len(listed) == 6  # the first build's files, all of them
    again = subprocess.run([*BUILD, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr  # the lock goes with the process that held it


def _in_small_filesystem(tmp_path: Path, options: str, *args: str) -> subprocess.CompletedProcess:
    """Run a build whose --out is a tmpfs mounted with `options`, in a private mount namespace."""
    if not shutil.which("unshare") or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a small filesystem")
    mount = tmp_path / "disk"
    mount.mkdir()
    script = f'mount -t tmpfs -o {options} tmpfs "$1" && shift && exec "$@"'
    command = ["unshare", "-m", "sh", "-c", script, "sh", str(mount), *BUILD, "--jobs", "1", *args,
               "--out", str(mount / "out")]
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f'mount -t tmpfs -o {options} tmpfs "{mount}"'],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {probe.stderr.decode(errors='replace').strip()}")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_full_disk_is_one_line_naming_the_file(tmp_path):
    result = _in_small_filesystem(tmp_path, "size=40k")
    assert result.returncode == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(str(tmp_path / "disk" / "out")) and last.endswith(": No space left on device")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_folder_is_one_line_naming_it(tmp_path):
    result = _in_small_filesystem(tmp_path, "ro,size=1m", "--handout", "aftercare")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"{tmp_path / 'disk' / 'out'}: Read-only file system"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_job_past_its_time_limit_fails_alone_and_cleanly(project_copy, tmp_path, jobs):
    from handouts import api

    inputs = api.load_inputs(clinics=["example-clinic"])
    result = api.build(inputs, tmp_path, handouts=["aftercare", "day-of-infusion"], langs=["en"], jobs=jobs,
                       timeout=0.05)
    assert len(result.failed) == 2
    assert all(message.endswith("example-clinic/clinic.yaml: took longer than 0.05 s (the --timeout); the "
                                "document is too complex") for _, message in result.failed), result.failed
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.tmp"))
    fine = api.build(inputs, tmp_path, handouts=["aftercare"], langs=["en"], jobs=jobs)
    assert not fine.failed and len(fine.entries) == 1
