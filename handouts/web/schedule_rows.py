"""A day's schedule read row by row for the staff page: which rows have a problem (by row and file line),
which are ready, and which would print in a draft language, so the good rows can be made at once.

`handouts personalize --schedule` refuses a file with any bad row (a print run must be all or nothing); at the
front desk the good rows are wanted now and the bad ones fixed by hand, so each row is checked on its own.
Messages name the column, never a cell's value (a cell may hold a patient's name).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field

from handouts.load.clinics import LoadedClinic
from handouts.models.patient import LABELS, PatientInvalid
from handouts.plan.personal import DELIMITERS, SCHEDULE_COLUMNS, ScheduleInvalid, ScheduleRow, parse_schedule
from handouts.publish.personal import check_printable
from handouts.web.drafts import Drafts

COLUMN_NAMES = {**LABELS, "appointment_id": "Appointment id", "lang": "Language"}
TEMPLATE_CSV = ("appointment_id,lang,patient_name,appointment,arrival,provider,driver_name,driver_phone,note\r\n"
                "A-0001,en,Sam Example,2026-12-03 09:30,09:00,Dr. Example,Alex Example,(555) 010-0100,\r\n")


@dataclass(frozen=True)
class RowProblem:
    number: int      # 1 = the first patient row
    line: int        # the file line where the row starts
    text: str


@dataclass
class ScheduleCheck:
    file_name: str
    file_problems: list[str] = field(default_factory=list)   # the whole file is refused
    row_problems: list[RowProblem] = field(default_factory=list)
    ready: list[ScheduleRow] = field(default_factory=list)
    draft_rows: list[ScheduleRow] = field(default_factory=list)  # fine, but their language prints as a DRAFT
    draft_langs: dict[int, str] = field(default_factory=dict)    # row number -> language code
    text: str = ""   # the file's text, carried back in the result page's form (never stored)

    @property
    def rows_total(self) -> int:
        return len(self.row_problems) + len(self.ready) + len(self.draft_rows)


@dataclass(frozen=True)
class Record:
    number: int
    line: int
    cells: list[str]


def check_schedule(data: bytes, file_name: str, clinic: LoadedClinic, handouts: list[str], lang: str | None,
                   drafts: Drafts, max_rows: int) -> ScheduleCheck:
    result = ScheduleCheck(file_name)
    try:
        text = data.decode("utf-8-sig")
        header, records = split_records(text)
    except UnicodeDecodeError:
        result.file_problems.append(f"{file_name}: the file is not UTF-8 text; save it as \"CSV UTF-8\".")
        return result
    except (csv.Error, ValueError) as exc:
        result.file_problems.append(f"{file_name}: {exc}")
        return result
    if len(records) > max_rows:
        result.file_problems.append(f"{file_name}: {len(records)} patients; the page takes at most {max_rows}: split "
                                    f"the file, or use `handouts personalize --schedule`.")
        return result
    rows: list[ScheduleRow] = []
    for record in records:
        row, problems = _check_record(header, record, file_name, clinic)
        if problems and problems[0].startswith(f"{file_name}:1:"):  # the header is wrong: every row would be
            result.file_problems = problems
            return result
        if row is None:
            result.row_problems.append(RowProblem(record.number, record.line, " ".join(problems)))
        else:
            rows.append(row)
    if not records:
        result.file_problems.append(f"{file_name}: no patients in the file (only the line naming the columns).")
    for row in _with_id_problems(rows, result):
        row_lang = row.lang or lang or clinic.model.languages[0]
        if drafts.is_draft(clinic.slug, handouts, row_lang):
            result.draft_rows.append(row)
            result.draft_langs[row.number] = row_lang
        else:
            result.ready.append(row)
    result.row_problems.sort(key=lambda p: p.number)
    return result


def split_records(text: str) -> tuple[list[str], list[Record]]:
    """The header's cells and every non-empty row with its number and starting line."""
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda d: sum(c.strip().strip('"') in SCHEDULE_COLUMNS for c in first.split(d)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = next(reader, None)
    if header is None:
        raise ValueError("the file is empty; the first line names the columns.")
    records: list[Record] = []
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if any(c.strip() for c in cells):
            records.append(Record(len(records) + 1, start, cells))
    return header, records


def _check_record(header: list[str], record: Record, file_name: str,
                  clinic: LoadedClinic) -> tuple[ScheduleRow | None, list[str]]:
    """The row alone under the header, through the same checks as the command line's schedules."""
    out = io.StringIO()
    csv.writer(out).writerows([header, record.cells])
    try:
        row = parse_schedule(out.getvalue().encode(), file_name, clinic.model.languages)[0]
        check_printable(row.patient, clinic)
    except ScheduleInvalid as exc:
        if any(line.startswith(f"{file_name}:1:") for line in exc.lines):
            return None, [line for line in exc.lines if line.startswith(f"{file_name}:1:")]
        return None, [_sentence(re.sub(rf"^{re.escape(file_name)}:\d+: ?", "", line)) for line in exc.lines]
    except PatientInvalid as exc:
        return None, [_sentence(f"{column}: {message}") for column, message in exc.errors.items()]
    return dataclasses.replace(row, number=record.number, line=record.line), []


def _with_id_problems(rows: list[ScheduleRow], result: ScheduleCheck) -> list[ScheduleRow]:
    """The checks across rows: appointment ids name the files, so each is used once, on every row or on none."""
    seen: dict[str, ScheduleRow] = {}
    some_without = any(not r.appointment_id for r in rows) and any(r.appointment_id for r in rows)
    kept = []
    for row in rows:
        if row.appointment_id in seen:
            first = seen[row.appointment_id]
            text = f"Appointment id is already used on row {first.number} (line {first.line})."
        elif some_without and not row.appointment_id:
            text = "Appointment id is missing: give an id on every row or on none."
        else:
            if row.appointment_id:
                seen[row.appointment_id] = row
            kept.append(row)
            continue
        result.row_problems.append(RowProblem(row.number, row.line, text))
    return kept


def _sentence(problem: str) -> str:
    column, _, message = problem.partition(": ")
    if message and column in COLUMN_NAMES:
        joined = message.startswith(("is ", "needs ", "contains ", "must "))
        problem = f"{COLUMN_NAMES[column]}{' ' if joined else ': '}{message}"
    problem = problem[:1].upper() + problem[1:]
    return problem if problem.endswith(".") else problem + "."
