"""The real readers a print shop and a patient use: Ghostscript, MuPDF and Poppler render every page of
a PDF; anything they print on stderr (an error or a warning) or a non-zero exit is a complaint.

The same commands as ../shared/tools/readers.sh, kept here so a clean clone runs them too. MuPDF's
"ICC support is not available" is a build option of that reader, not a property of the file."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

IGNORED = ("ICC support is not available",)


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    lines = [line for line in (done.stdout + done.stderr).splitlines()
             if line.strip() and not any(text in line for text in IGNORED)]
    if done.returncode:
        lines.append(f"exit {done.returncode}")
    return " ".join(lines[:2])


def complaints(path: Path) -> list[str]:
    """One entry per reader that complained about the file."""
    out = []
    with tempfile.TemporaryDirectory() as folder:
        for name, command in (
            ("gs", ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(path)]),
            ("mupdf", ["mutool", "draw", "-q", "-F", "pam", "-r", "20", "-o", "/dev/null", str(path)]),
            ("poppler", ["pdftoppm", "-r", "20", "-png", str(path), f"{folder}/page"]),
        ):
            said = _run(command)
            if said:
                out.append(f"{Path(path).name}: {name}: {said}")
    return out


def all_complaints(paths) -> list[str]:
    return [line for path in paths for line in complaints(path)]
