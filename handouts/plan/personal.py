"""Plan one patient's jobs, or a day's schedule of patients (rows read and checked, nothing rendered).

Patient details are private: they live in memory (Job.patient) and leave it only as the PDFs the user
asked for, written owner-only (0600) through a temp file + rename. They are never logged, never part of
a manifest, cache key or bundle, and never put into file names (rows are named by number or appointment_id).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError, NotFound, display_path
from handouts.files import ReadRefused, read_regular
from handouts.load.clinics import LoadedClinic
from handouts.load.content import LoadedContent
from handouts.models.patient import FIELDS, Patient, PatientInvalid, parse_patient
from handouts.plan.jobs import Job

# Schedule CSV: the patient fields, plus an optional appointment_id (names the file) and lang.
SCHEDULE_COLUMNS = ("appointment_id", "lang", *FIELDS)
MAX_ROWS = 1000
MAX_SCHEDULE_BYTES = 5 * 1024 * 1024  # 1,000 rows of patient fields at their longest are under 1 MB
DELIMITERS = (",", ";", "\t")
_APPOINTMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class ScheduleInvalid(HandoutsError):
    """Every bad cell of a schedule, one line each: FILE:LINE: column: message."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ScheduleRow:
    number: int                      # 1 = the first row under the header
    line: int                        # where the row starts in the file
    appointment_id: str | None
    lang: str | None
    patient: Patient = field(repr=False)

    @property
    def file_name(self) -> str:
        return f"{self.appointment_id}.pdf" if self.appointment_id else f"row-{self.number:03d}.pdf"


def personal_jobs(content: LoadedContent, clinic: LoadedClinic, handouts: list[str], lang: str | None,
                  patient: Patient | None, variant: str = "office") -> list[Job]:
    known = list(content.model.handouts)
    if not handouts:
        raise NotFound(f"name at least one handout (known handouts: {', '.join(known)})")
    for name in handouts:
        if name not in known:
            raise NotFound(f"no handout called {name!r} (known handouts: {', '.join(known)})")
    languages = clinic.model.languages
    lang = lang or languages[0]
    if lang not in languages:
        raise NotFound(f"{clinic.slug} has no {lang!r} handouts (its languages: {', '.join(languages)})")
    return [Job(clinic, content, name, lang, variant, patient=patient) for name in handouts]


def _delimiter(first_line: str, name: str) -> str:
    """The separator a spreadsheet saved the file with (commas; semicolons where the decimal mark is a comma;
    tabs): the one that splits the header into the most known column names. Ties go to the comma.

    A first line with no known column is refused without repeating it: it may be a patient's row."""
    known = {d: sum(cell.strip().strip('"') in SCHEDULE_COLUMNS for cell in first_line.split(d)) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: known[d])
    if known[best]:
        return best
    found = sorted({c for c in first_line if not (c.isalnum() or c in "_ '\"\r")})
    what = f"found {', '.join(repr(c) for c in found)} between them" if found else "found no separator"
    raise ScheduleInvalid([f"{name}:1: the first line must name the columns, separated by commas, semicolons or tabs "
                           f"({what}); use: {', '.join(SCHEDULE_COLUMNS)}"])


def read_schedule(path: Path, languages: list[str]) -> list[ScheduleRow]:
    """Parse and validate a whole schedule; raise ScheduleInvalid listing every bad cell (values never quoted)."""
    name = display_path(path)
    return parse_schedule(_schedule_bytes(Path(path), name), name, languages)


def _schedule_text(data: bytes, name: str) -> str:
    if len(data) > MAX_SCHEDULE_BYTES:
        raise ScheduleInvalid([f"{name}: is too large ({len(data):,} bytes; at most {MAX_SCHEDULE_BYTES:,})"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ScheduleInvalid([f"{name}:1: the file is not UTF-8 text; save it as \"CSV UTF-8\""]) from None


def parse_schedule(data: bytes, name: str, languages: list[str]) -> list[ScheduleRow]:
    """A schedule's bytes (a file, or an upload to the staff page); NAME is how messages call it.

    No message ever repeats a cell, the header's included: a file without a header row has a patient there."""
    text = _schedule_text(data, name)
    delimiter = _delimiter(text.split("\n", 1)[0], name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ScheduleInvalid([f"{name}:1: the file is empty; the first line names the columns"]) from None
    except csv.Error as exc:
        raise ScheduleInvalid([f"{name}:1: not a valid CSV file ({exc})"]) from None
    problems = _header_problems(name, header)
    if problems:
        raise ScheduleInvalid(problems)
    rows: list[ScheduleRow] = []
    seen_ids: dict[str, int] = {}
    line = reader.line_num + 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            where = f"{name}:{start}"
            if len(rows) >= MAX_ROWS:
                raise ScheduleInvalid([f"{where}: too many rows (at most {MAX_ROWS}); split the file"])
            if len(cells) != len(header):
                problems.append(f"{where}: this row has {len(cells)} cells but the header has {len(header)} columns")
                continue
            values = dict(zip(header, cells))
            appointment_id = (values.pop("appointment_id", "") or "").strip() or None
            lang = (values.pop("lang", "") or "").strip() or None
            if appointment_id is not None:
                if not _APPOINTMENT_ID.match(appointment_id):
                    problems.append(f"{where}: appointment_id: use letters, digits, - and _ only (at most 40)")
                elif appointment_id in seen_ids:
                    problems.append(f"{where}: appointment_id: already used on line {seen_ids[appointment_id]}")
                else:
                    seen_ids[appointment_id] = start
            if lang is not None and lang not in languages:
                problems.append(f"{where}: lang: not one of this clinic's languages ({', '.join(languages)})")
            try:
                patient = parse_patient(values)
            except PatientInvalid as exc:
                problems += [f"{where}: {column}: {message}" for column, message in exc.errors.items()]
                continue
            rows.append(ScheduleRow(len(rows) + 1, start, appointment_id, lang, patient))
    except csv.Error as exc:
        problems.append(f"{name}:{reader.line_num}: not a valid CSV line ({exc})")
    if problems:
        raise ScheduleInvalid(problems)
    if not rows:
        raise ScheduleInvalid([f"{name}:2: no patients in the file"])
    if not any(r.appointment_id for r in rows) or all(r.appointment_id for r in rows):
        return rows
    raise ScheduleInvalid([f"{name}:{r.line}: appointment_id: give an id on every row or on none"
                           for r in rows if not r.appointment_id])


def _schedule_bytes(path: Path, name: str) -> bytes:
    try:
        return read_regular(path, MAX_SCHEDULE_BYTES)
    except FileNotFoundError:
        raise NotFound(f"{name}: no such file") from None
    except ReadRefused as exc:
        raise ScheduleInvalid([f"{name}: {exc}"]) from None
    except OSError as exc:
        raise ScheduleInvalid([f"{name}: cannot read the file: {exc.strerror}"]) from None


def _header_problems(name: str, header: list[str]) -> list[str]:
    """The first line must name known columns. Its cells are never quoted back: a file without a header
    row has a patient's details there."""
    problems = []
    unknown = [number for number, column in enumerate(header, 1) if column not in SCHEDULE_COLUMNS]
    if unknown:
        hint = ""
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            hint = " (the columns seem to be separated by something else than commas; save the file as CSV)"
        elif len(unknown) == len(header):
            hint = " (the first line must name the columns)"
        places = ", ".join(str(n) for n in unknown[:10]) + (" ..." if len(unknown) > 10 else "")
        problems.append(f"{name}:1: column {places}: not a known column name{hint}; use: {', '.join(SCHEDULE_COLUMNS)}")
    for column in sorted({c for c in header if c in SCHEDULE_COLUMNS and header.count(c) > 1}):
        problems.append(f"{name}:1: {column}: this column appears more than once")
    return problems


def find_clinic(clinics: list[LoadedClinic], slug: str) -> LoadedClinic:
    for clinic in clinics:
        if clinic.slug == slug:
            return clinic
    if len(clinics) == 1:  # loaded from a path given on the command line
        return clinics[0]
    raise NotFound(f"no clinic called {slug!r} (clinics: {', '.join(c.slug for c in clinics)})")
