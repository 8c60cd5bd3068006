"""Write one patient's PDF, or a day's schedule of them.

Patient details are private: they live in memory (Job.patient) and leave it only as the PDFs the user
asked for, written owner-only (0600) through a temp file + rename. They are never logged, never part of
a manifest, cache key or bundle, and never put into file names (rows are named by number or appointment_id).
"""
from __future__ import annotations

from pathlib import Path

from handouts import files
from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent
from handouts.plan.jobs import Job
from handouts.plan.personal import personal_jobs, read_schedule

MERGED_NAME = "all-patients.pdf"


def write_private(path: Path, data: bytes) -> None:
    """Owner-only from the first byte: mkstemp creates the temp file 0600, then it is renamed into place."""
    files.write_bytes(Path(path), data, mode=0o600)


def _render(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    # WeasyPrint takes 0.8 s to import; nothing else here needs it, so it is imported on first render.
    from handouts.render.pdf import render_jobs

    return render_jobs(jobs, pad_to_even)


def personalize_schedule(content: LoadedContent, clinic: LoadedClinic, handouts: list[str], schedule: Path,
                         out_dir: Path, lang: str | None = None, merge: bool = False, progress=None) -> list[Path]:
    """Validate every row, render every PDF in memory, then write them (0600, atomically).

    A bad row stops everything before any file is written; progress messages name rows by number only."""
    rows = read_schedule(Path(schedule), clinic.model.languages)
    personal_jobs(content, clinic, handouts, lang, None)  # selectors checked before any rendering
    rendered: list[tuple[str, list[Job], bytes | None]] = []
    for row in rows:
        jobs = personal_jobs(content, clinic, handouts, row.lang or lang, row.patient)
        if progress:
            progress(f"[{row.number}/{len(rows)}] {row.file_name}")
        rendered.append((row.file_name, jobs, None if merge else _render(jobs)))
    out_dir = Path(out_dir)
    if not out_dir.exists():
        out_dir.mkdir(mode=0o700, parents=True)
    if merge:
        data = _render([job for _, jobs, _ in rendered for job in jobs], pad_to_even=True)
        path = out_dir / MERGED_NAME
        write_private(path, data)
        return [path]
    paths = []
    for file_name, _, pdf in rendered:
        assert pdf is not None  # rendered above unless merging
        write_private(out_dir / file_name, pdf)
        paths.append(out_dir / file_name)
    return paths
