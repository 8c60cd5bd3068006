"""The bad-input catalogue (tests/bad_inputs/cases.yaml), run through the command's entry point.

Each case breaks one file; `handouts check` and `handouts build` must both name the expected problems, and no others:
FILE:LINE:COL and field with a plain message, exit 1, print no traceback and write nothing. The cases call the
console entry point (`handouts.cli.main`) in this process, with the project folder as the current folder; one
case of each file kind also runs as a real `python -m handouts` process and must print the same. (A process per
case cost about 200 s of a CI run, and as long again for every mutant scripts/mutate tried in load/.)
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from unittest import mock

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path(__file__).resolve().parents[1] / "bad_inputs"
CASES = yaml.safe_load((CATALOGUE / "cases.yaml").read_text(encoding="utf-8"))
BROKEN_FILE = {"clinic": "clinics/broken/clinic.yaml", "content": "content.yaml", "schedule": "day.csv"}
# A schedule (patient rows) is read by `personalize`; clinic and content files by `check` and `build`.
COMMANDS = {"schedule": [["personalize", "--handout", "aftercare", "--schedule", "day.csv", "--out", "out"]]}


def header_only_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels (no pixel data is ever allocated)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def corrupt_png(width: int, height: int) -> bytes:
    """A PNG whose chunk checksums are right but whose compressed pixel data is damaged halfway."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes((x * 7 + y * 13) % 256 for x in range(width * 3)) for y in range(height))
    data = bytearray(zlib.compress(rows))
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x55
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", bytes(data)) + chunk(b"IEND", b"")


def expand(text: str) -> str:
    return re.sub(r"<<(.)\*(\d+)>>", lambda m: m.group(1) * int(m.group(2)), text)


def make_project(tmp: Path, case: dict) -> Path:
    """tmp/content.yaml and tmp/clinics/broken/, both good, then the case's breakage."""
    clinic = tmp / "clinics" / "broken"
    clinic.mkdir(parents=True)
    shutil.copy(CATALOGUE / "base" / "content.yaml", tmp / "content.yaml")
    shutil.copy(CATALOGUE / "base" / "clinic.yaml", clinic / "clinic.yaml")
    shutil.copy(CATALOGUE / "base" / "logo.svg", clinic / "logo.svg")
    target = tmp / BROKEN_FILE[case["file"]]
    text = expand(case["text"]) if "text" in case else target.read_text(encoding="utf-8") if target.exists() else ""
    for old, new in case.get("replace", []):
        assert old in text, f"{case['name']}: {old!r} is not in the base file"
        text = text.replace(old, expand(new), 1)
    target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    for extra in case.get("files", []):
        path = clinic / extra["name"]
        if "symlink" in extra:
            path.symlink_to(extra["symlink"])
        elif "png" in extra:
            path.write_bytes(header_only_png(*extra["png"]))
        elif "corrupt_png" in extra:
            path.write_bytes(corrupt_png(*extra["corrupt_png"]))
        else:
            path.write_text(extra["text"], encoding="utf-8")
    return tmp


def environment(project: Path) -> dict[str, str]:
    """This environment, naming the project and without the developer's debug switch (it prints tracebacks)."""
    env = {**os.environ, "HANDOUTS_PROJECT": str(project)}
    env.pop("HANDOUTS_DEBUG", None)
    return env


def run_process(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = environment(project)
    return subprocess.run([sys.executable, "-m", "handouts", *args, "--content", "content.yaml", "--clinic", "broken"],
                          capture_output=True, text=True, cwd=project, env=env, timeout=120)


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The console entry point in this process, as run_process runs it: the same arguments, folder and settings."""
    from handouts.cli import main

    argv = ["handouts", *args, "--content", "content.yaml", "--clinic", "broken"]
    out, err = io.StringIO(), io.StringIO()
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    with contextlib.chdir(project), mock.patch.dict(os.environ, environment(project), clear=True), mock.patch.object(sys, "argv", argv), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def test_catalogue_is_big_enough_and_names_are_unique():
    names = [case["name"] for case in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)


def test_the_base_files_pass(tmp_path):
    project = make_project(tmp_path, {"name": "good", "file": "clinic"})
    result = run_process(project, "check")
    assert result.returncode == 0, result.stderr


FIRST_OF_EACH_KIND = [next(case for case in CASES if case["file"] == kind) for kind in BROKEN_FILE]


@pytest.mark.parametrize("case", FIRST_OF_EACH_KIND, ids=[case["name"] for case in FIRST_OF_EACH_KIND])
def test_a_real_process_prints_what_the_entry_point_prints(tmp_path, case):
    project = make_project(tmp_path, case)
    for command in COMMANDS.get(case["file"], [["check"], ["build", "--out", "out"]]):
        here, there = run(project, *command), run_process(project, *command)
        assert (there.returncode, there.stdout, there.stderr) == (here.returncode, here.stdout, here.stderr)
        assert there.returncode == 1 and there.stderr


@pytest.mark.timeout(120)  # hostile inputs (deep, long, huge) must still be refused in bounded time
@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input(tmp_path, case):
    project = make_project(tmp_path, case)
    broken = BROKEN_FILE[case["file"]]
    out = project / "out"
    for command in COMMANDS.get(case["file"], [["check"], ["build", "--out", "out"]]):
        result = run(project, *command)
        lines = result.stderr.splitlines()
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        for private in case.get("absent", []):  # patient values are never repeated in a message
            assert private not in result.stderr + result.stdout, (command, private)
        expected = [_expected_line(broken, *expect) for expect in case["expect"]]
        for prefix, phrase in expected:
            assert any(line.startswith(prefix) and phrase in line for line in lines), \
                f"{command[0]}: no line {prefix}...{phrase}...\n{result.stderr[:3000]}"
        unexpected = [line for line in lines if not any(line.startswith(p) and s in line for p, s in expected)]
        assert (unexpected, len(lines)) == ([], len(expected)), \
            f"{command[0]}: the case lists every line it expects, and only those\n{result.stderr[:3000]}"
        assert all(len(line) < 400 for line in lines), "one problem, one short line"
        assert lines == sorted(lines, key=_place), "problems are sorted by file, line and column"
        assert not out.exists(), "nothing may be written when an input is bad"
    assert not any(p.name.endswith(".pdf") for p in project.rglob("*"))


def _expected_line(broken: str, where: str, field: str, phrase: str) -> tuple[str, str]:
    """The start of the line (FILE:LINE:COL: field: ) and a phrase of its message."""
    place = f"{broken}:{where}" if where else broken  # "": a problem of the whole file
    return (f"{place}: {field}: " if field else f"{place}: "), phrase


def _place(line: str):
    match = re.match(r"^(.*?):(\d+):(\d+): ", line)
    return (match.group(1), int(match.group(2)), int(match.group(3))) if match else (line, 0, 0)
