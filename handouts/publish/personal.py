"""Write one patient's PDF, or a day's schedule of them.

Patient details are private: they live in memory (Job.patient) and leave it only as the PDFs the user
asked for, written owner-only (0600, in folders created 0700) through a temp file + rename. They are never
logged, never part of a manifest, cache key or bundle, never quoted in a message, and never put into file
names (rows are named by number or appointment_id).
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from handouts import files
from handouts.errors import display_path
from handouts.fonts import faces
from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent
from handouts.models.patient import PatientInvalid
from handouts.plan.jobs import Job
from handouts.plan.personal import ScheduleInvalid, ScheduleRow, personal_jobs, read_schedule
from handouts.publish import workers

MERGED_NAME = "all-patients.pdf"
UNPRINTABLE = "contains a character the handout's fonts cannot print (an emoji or a symbol?); leave it out"


def check_printable(patient, clinic: LoadedClinic, where: str = "") -> None:
    """Refuse patient text that no font of the handout can print (it would print as empty boxes).

    The message names the field only: not even one character of a patient's details goes into it."""
    if patient is None:
        return
    bad = {name: UNPRINTABLE for name, value in patient.given().items()
           if isinstance(value, str) and faces.uncovered(value, clinic.model.brand.font)}
    if bad:
        raise PatientInvalid(bad, where)


def check_printable_rows(rows: list[ScheduleRow], clinic: LoadedClinic, name: str) -> None:
    """check_printable for every row of a schedule: ScheduleInvalid with one line per bad cell."""
    problems = []
    for row in rows:
        try:
            check_printable(row.patient, clinic, f"{name}:{row.line}")
        except PatientInvalid as exc:
            problems.append(exc.format_message())
    if problems:
        raise ScheduleInvalid(problems)


def private_folder(folder: Path) -> None:
    """Create `folder` and every missing parent owner-only (0700): mkdir(parents=True) would make the parents
    with the default mode, readable by everyone."""
    missing = []
    for parent in [Path(folder), *Path(folder).parents]:
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        parent.mkdir(mode=0o700, exist_ok=True)


def write_private(path: Path, data: bytes) -> None:
    """Owner-only from the first byte: mkstemp creates the temp file 0600, then it is renamed into place."""
    private_folder(Path(path).parent)
    files.write_bytes(Path(path), data, mode=0o600)


def _render(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    # WeasyPrint takes 0.8 s to import; nothing else here needs it, so it is imported on first render.
    from handouts.typeset import render_jobs

    return render_jobs(jobs, pad_to_even)


def personalize_schedule(content: LoadedContent, clinic: LoadedClinic, handouts: list[str], schedule: Path,
                         out_dir: Path, lang: str | None, merge: bool, progress, jobs: int | None) -> list[Path]:
    """Validate every row, then render the rows in `jobs` worker processes (None: every core), writing
    each PDF (0600, atomically) as soon as it is made. No defaults here: api.personalize_schedule holds them.

    A bad row stops everything before any file is written; a stop part-way leaves whole files only (the rows
    done so far). Progress messages name rows by number or appointment_id only. The workers are forked with
    the rows in memory: a row's patient details never go through a file."""
    rows = read_schedule(Path(schedule), clinic.model.languages)
    check_printable_rows(rows, clinic, display_path(schedule))
    personal_jobs(content, clinic, handouts, lang, None)  # selectors checked before any rendering
    row_jobs = [personal_jobs(content, clinic, handouts, row.lang or lang, row.patient) for row in rows]
    out_dir = Path(out_dir)
    private_folder(out_dir)
    if merge:
        if progress:
            progress(f"making one PDF of {len(rows)} patient(s)")
        path = out_dir / MERGED_NAME
        write_private(path, _render([job for each_row in row_jobs for job in each_row], pad_to_even=True))
        return [path]
    paths: list[Path | None] = [None] * len(rows)
    made = workers.each(_render, row_jobs, workers.default_jobs() if jobs is None else jobs)
    with contextlib.closing(made):  # an error or a stop ends the workers now, not after the whole day
        for index, pdf, error in made:
            if error is not None:
                raise error
            row = rows[index]
            write_private(out_dir / row.file_name, pdf)
            paths[index] = out_dir / row.file_name
            if progress:
                progress(f"[{row.number}/{len(rows)}] {row.file_name}: written")
    return [path for path in paths if path is not None]
