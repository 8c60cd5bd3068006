"""The staff page's views: the form, one patient's PDF or preview, a clinic's blank handouts, a day's schedule.

Privacy: patient data arrives only in POST bodies, is rendered in memory (in a render process, over a pipe)
and goes back in the response; nothing is written to disk, kept in the session or logged. The audit log
records who made what (see audit.py), never a patient value.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from flask_login import current_user

from handouts import files
from handouts.api import Inputs
from handouts.errors import HandoutsError
from handouts.plan import personal
from handouts.plan.jobs import plan
from handouts.publish.personal import check_printable, check_printable_rows
from handouts.render.web import render_web
from handouts.resolve.locale import language_name
from handouts.web import form as staff_form
from handouts.web.audit import AuditLog, Entry
from handouts.web.pool import RenderPool

bp = Blueprint("staff", __name__)
PREVIEW_WIDTH = 680
MAX_SCHEDULE_ROWS = 300  # a bigger day goes through `handouts personalize --schedule`


@dataclass
class Staff:
    """What the views share: the loaded inputs, the render pool and the audit log."""
    inputs: Inputs
    pool: RenderPool
    audit: AuditLog

    def __post_init__(self):
        self.clinics = {c.slug: c for c in self.inputs.clinics}
        self.handouts = self.inputs.content.model.handouts
        self.default_handout = max(self.handouts, key=lambda h: len(self.handouts[h].visit_box))

    def clinics_for(self, user) -> list:
        return [c for c in self.inputs.clinics if user.may_use(c.slug)]

    def languages_for(self, user) -> dict[str, list[str]]:
        return {c.slug: list(c.model.languages) for c in self.clinics_for(user)}

    def entry(self, kind: str, clinic: str, handouts=(), lang: str | None = None, **fields) -> Entry:
        """An audit entry whose names are checked against the project's lists: typed text never gets in."""
        known = self.clinics.get(clinic)
        return Entry(user=current_user.name, kind=kind, clinic=clinic if known else None,
                     handouts=[h for h in handouts if h in self.handouts],
                     language=lang if known and lang in known.model.languages else None, **fields)


def staff() -> Staff:
    return current_app.extensions["handouts.staff"]


def page(result: staff_form.FormResult | None = None, status: int = 200, **extra) -> Response:
    s = staff()
    clinics = s.clinics_for(current_user)
    langs = sorted({lang for c in clinics for lang in c.model.languages}, key=lambda code: (code != "en", code))
    if result is None or not result.clinic:  # the default selection (with any message for the page)
        result = staff_form.FormResult(clinic=clinics[0].slug if clinics else "", handouts=[s.default_handout],
                                       lang=langs[0] if langs else "", errors=result.errors if result else {})
    html = render_template(
        "index.html", clinics=clinics, handouts=s.handouts, langs=langs, language_name=language_name,
        inputs=staff_form.PATIENT_INPUTS, maxlen=staff_form.INPUT_MAX, result=result, user=current_user,
        schedule_errors=extra.pop("schedule_errors", None), preview=extra.pop("preview", None),
        max_rows=MAX_SCHEDULE_ROWS)
    return Response(html, status=status, mimetype="text/html")


@bp.get("/")
def index():
    return page()


@bp.post("/")
def personalize():
    s = staff()
    result = staff_form.read(request.form, s.languages_for(current_user), list(s.handouts))
    action = request.form.get("action", "preview")
    action = action if action in ("preview", "download", "print", "web") else "preview"
    entry = s.entry("personalized", result.clinic, result.handouts, result.lang, action=action, patients=1)
    if action == "web" and not result.errors and len(result.handouts) != 1:
        result.errors["handouts"] = "Choose one handout for a web page."
    if result.errors:
        return audited(entry, "refused", page(result, status=400))
    if action == "web":
        return web_page(s, result, entry)
    try:
        check_printable(result.patient, s.clinics[result.clinic])
        jobs = personal.personal_jobs(s.inputs.content, s.clinics[result.clinic], result.handouts, result.lang,
                                      result.patient)
        pdf, png = s.pool.render(jobs, preview_width=PREVIEW_WIDTH if action == "preview" else 0)
    except HandoutsError as exc:
        result.errors["form"] = exc.format_message()
        return audited(entry, "refused", page(result, status=400))
    except Exception:
        s.audit.write(with_result(entry, "failed"))
        raise
    entry.bytes = len(pdf)
    if png is not None:
        return audited(entry, "ok", page(result, preview="data:image/png;base64," + base64.b64encode(png).decode()))
    name = f"{result.clinic}-{'-'.join(result.handouts)}-{result.lang}.pdf"  # never the patient's name
    disposition = "inline" if action == "print" else "attachment"
    return audited(entry, "ok", Response(pdf, mimetype="application/pdf",
                                         headers={"Content-Disposition": f'{disposition}; filename="{name}"'}))


def web_page(s: Staff, result: staff_form.FormResult, entry: Entry) -> Response:
    """One patient's handout as a web page (render/web.py), made in this process and only sent back."""
    try:
        check_printable(result.patient, s.clinics[result.clinic])
        job, = personal.personal_jobs(s.inputs.content, s.clinics[result.clinic], result.handouts, result.lang,
                                      result.patient, variant="web")
        html = render_web(job).encode("utf-8")
    except HandoutsError as exc:
        result.errors["form"] = exc.format_message()
        return audited(entry, "refused", page(result, status=400))
    entry.bytes = len(html)
    name = f"{result.clinic}-{result.handouts[0]}-{result.lang}.html"  # never the patient's name
    return audited(entry, "ok", Response(html, mimetype="text/html",
                                         headers={"Content-Disposition": f'attachment; filename="{name}"'}))


@bp.post("/blank")
def blank():
    s = staff()
    slug = request.form.get("clinic", "")
    entry = s.entry("blank", slug, action="zip")
    if slug not in s.clinics or not current_user.may_use(slug):
        result = staff_form.FormResult(errors={"blank": "Choose a clinic from the list."})
        return audited(entry, "refused", page(result, status=400))
    jobs = plan(s.inputs.content, [s.clinics[slug]])
    entry.handouts = sorted({job.handout for job in jobs})
    data = zip_of([(job.output_path.name, s.pool.submit([job])) for job in jobs], entry)
    return audited(entry, "ok", Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{slug}-blank-handouts.zip"'}))


@bp.post("/schedule")
def schedule():
    s = staff()
    slug, handouts = request.form.get("clinic", ""), request.form.getlist("handouts")
    lang = request.form.get("lang") or None
    output = "zip" if request.form.get("output") == "zip" else "merged"
    entry = s.entry("schedule", slug, handouts, lang, action=output)
    upload = request.files.get("schedule")
    if slug not in s.clinics or not current_user.may_use(slug):
        return audited(entry, "refused", page(status=400, schedule_errors=["Choose a clinic from the list."]))
    clinic = s.clinics[slug]
    try:
        if upload is None or not upload.filename:
            raise personal.ScheduleInvalid(["Choose the schedule's CSV file."])
        rows = personal.parse_schedule(upload.read(), "schedule.csv", clinic.model.languages)
        check_printable_rows(rows, clinic, "schedule.csv")
        if len(rows) > MAX_SCHEDULE_ROWS:
            raise personal.ScheduleInvalid([f"schedule.csv: {len(rows)} patients; the page takes at most "
                                            f"{MAX_SCHEDULE_ROWS}: split the file, or use `handouts personalize "
                                            f"--schedule`"])
        batches = [(row, personal.personal_jobs(s.inputs.content, clinic, handouts, row.lang or lang, row.patient))
                   for row in rows]
    except HandoutsError as exc:
        lines = exc.lines if isinstance(exc, personal.ScheduleInvalid) else [exc.format_message()]
        return audited(entry, "refused", page(status=400, schedule_errors=lines))
    entry.patients = len(rows)
    if output == "zip":
        data = zip_of([(row.file_name, s.pool.submit(jobs)) for row, jobs in batches], entry)
        mimetype, name = "application/zip", f"{slug}-schedule.zip"
    else:
        data = run_audited(entry, s.pool.submit([job for _, jobs in batches for job in jobs], pad_to_even=True))
        mimetype, name = "application/pdf", f"{slug}-schedule.pdf"
    entry.bytes = len(data)
    return audited(entry, "ok", Response(data, mimetype=mimetype,
                                         headers={"Content-Disposition": f'attachment; filename="{name}"'}))


def zip_of(pending: list, entry: Entry) -> bytes:
    """A zip (in memory) of renders started in parallel, written like every zip of the project (files.zip_bytes)."""
    data = files.zip_bytes([(name, run_audited(entry, result)) for name, result in pending])
    entry.bytes = len(data)
    return data


def run_audited(entry: Entry, result) -> bytes:
    try:
        return result()[0]
    except Exception:
        staff().audit.write(with_result(entry, "failed"))
        raise


def with_result(entry: Entry, result: str) -> Entry:
    entry.result = result
    return entry


def audited(entry: Entry, result: str, response: Response) -> Response:
    staff().audit.write(with_result(entry, result))
    return response
