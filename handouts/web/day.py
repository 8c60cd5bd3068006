"""A day's schedule on the staff page: upload a CSV and see, row by row, what is ready, what needs fixing
and what would print as a draft; then make the ready rows at once. The file is never kept: the result page
carries its text back in the form (as the patient form carries its values), and the make step checks it again.
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, request
from flask_login import current_user

from handouts import files
from handouts.plan import personal
from handouts.web.form import FormResult
from handouts.web.page import MAX_SCHEDULE_ROWS, audited, made_headers, page, remembered, run_audited, staff
from handouts.web.preview import page_count
from handouts.web.schedule_rows import TEMPLATE_CSV, ScheduleCheck, check_schedule

bp = Blueprint("day", __name__)
TEMPLATE_NAME = "schedule-template.csv"


@bp.get("/schedule")
def schedule_page():
    return page(task="schedule", title="Today's schedule")


@bp.get(f"/{TEMPLATE_NAME}")
def template():
    return Response(TEMPLATE_CSV, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{TEMPLATE_NAME}"'})


@bp.post("/schedule")
def check():
    """Step 1: the uploaded file, checked row by row; nothing is made yet."""
    upload = request.files.get("schedule")
    if upload is None or not upload.filename:
        return _checked(None, "Choose the schedule's CSV file.")
    return _checked(upload.read(), upload_name(upload.filename))


@bp.post("/schedule/make")
def make():
    """Step 2: the checked file's ready rows (and its draft rows, when the user said so) as one PDF or a zip."""
    s = staff()
    slug, handouts = request.form.get("clinic", ""), request.form.getlist("handouts")
    lang = request.form.get("lang") or None
    output = "zip" if request.form.get("output") == "zip" else "merged"
    entry = s.entry("schedule", slug, handouts, lang, action=output)
    checked = _check(request.form.get("schedule_text", "").encode(), upload_name(request.form.get("file_name", "")))
    if isinstance(checked, Response):
        return audited(entry, "refused", checked)
    rows = checked.ready + (checked.draft_rows if request.form.get("include_drafts") == "yes" else [])
    if not rows:
        return audited(entry, "refused", _result(checked, status=400))
    clinic = s.clinics[slug]
    batches = [(row, personal.personal_jobs(s.inputs.content, clinic, handouts, row.lang or lang, row.patient))
               for row in sorted(rows, key=lambda r: r.number)]
    entry.patients = len(rows)
    if output == "zip":
        pdfs = [(row.file_name, s.pool.submit(jobs)) for row, jobs in batches]  # started at once, in parallel
        made = [(name, run_audited(entry, result)) for name, result in pdfs]
        data, pages = files.zip_bytes(made), sum(page_count(pdf) for _, pdf in made)
        mimetype, name = "application/zip", f"{slug}-schedule.zip"
    else:
        data = run_audited(entry, s.pool.submit([job for _, jobs in batches for job in jobs], pad_to_even=True))
        pages = page_count(data)
        mimetype, name = "application/pdf", f"{slug}-schedule-{len(rows)}-patients-{pages}-pages.pdf"
    entry.bytes = len(data)
    response = Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"',
                                                          **made_headers(pages, len(rows))})
    return audited(entry, "ok", remembered(response, slug, handouts, lang or clinic.model.languages[0]))


def _checked(data: bytes | None, file_name: str) -> Response:
    s = staff()
    slug, handouts = request.form.get("clinic", ""), request.form.getlist("handouts")
    entry = s.entry("schedule", slug, handouts, request.form.get("lang") or None,
                    action="zip" if request.form.get("output") == "zip" else "merged")
    if data is None:
        return audited(entry, "refused", _refused([file_name]))
    checked = _check(data, file_name)
    if isinstance(checked, Response):
        return audited(entry, "refused", checked)
    if not checked.ready and not checked.draft_rows:  # no row can be made: the upload is refused
        return audited(entry, "refused", _result(checked, status=400))
    return _result(checked)  # nothing made yet: the make step is audited


def _check(data: bytes, file_name: str) -> ScheduleCheck | Response:
    """The file checked against the form's clinic and handouts, or the page saying what is wrong with the form."""
    s = staff()
    slug, handouts = request.form.get("clinic", ""), request.form.getlist("handouts")
    lang = request.form.get("lang") or None
    if slug not in s.clinics or not current_user.may_use(slug):
        return _refused(["Choose a clinic from the list."])
    if not handouts or any(h not in s.handouts for h in handouts):
        return _refused(["Choose at least one handout from the list."])
    if lang is not None and lang not in s.clinics[slug].model.languages:
        return _refused([f"Choose one of the clinic's languages: {', '.join(s.clinics[slug].model.languages)}."])
    checked = check_schedule(data, file_name, s.clinics[slug], handouts, lang, s.drafts, MAX_SCHEDULE_ROWS)
    if checked.file_problems:
        return _refused(checked.file_problems)
    checked.text = data.decode("utf-8-sig")
    return checked


def _refused(lines: list[str]) -> Response:
    check = ScheduleCheck(file_name="", file_problems=lines)
    return _result(check, status=400)


def _result(checked: ScheduleCheck, status: int = 200) -> Response:
    if checked.file_problems:
        title = "Schedule: please fix the file"
    elif checked.row_problems:
        count = len(checked.row_problems)
        title = f"Schedule: {count} row{'s' if count > 1 else ''} to fix"
    else:
        title = f"Schedule: {len(checked.ready) + len(checked.draft_rows)} patients ready"
    return page(selection(), status=status, task="schedule", title=title, check=checked)


def selection():
    """The schedule form's own choices, shown again with its result."""
    s = staff()
    slug = request.form.get("clinic", "")
    if slug not in s.clinics or not current_user.may_use(slug):
        return None
    return FormResult(clinic=slug, handouts=[h for h in request.form.getlist("handouts") if h in s.handouts],
                      lang=request.form.get("lang", ""), values={"output": request.form.get("output", "merged")})


def upload_name(name: str) -> str:
    """The uploaded file's own name, as the user knows it (never logged), without folders or odd characters."""
    base = re.split(r"[\\/]", name)[-1]
    return re.sub(r"[^\w .()-]", "_", base)[:80] or "schedule.csv"
