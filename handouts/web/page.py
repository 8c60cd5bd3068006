"""What the staff page's views share: the loaded inputs, render pool and audit log (Staff), the audit entry
of a request, and page(): the page of one task (one patient, a day's schedule, blank stock) with its result.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Response, current_app, render_template, request
from flask_login import current_user

from handouts import files
from handouts.api import Inputs
from handouts.resolve.locale import language_name
from handouts.web import form as staff_form
from handouts.web.audit import AuditLog, Entry
from handouts.web.drafts import Drafts
from handouts.web.look import look_of
from handouts.web.pool import RenderPool
from handouts.web.remember import LastChoice, read_last, remember

MAX_SCHEDULE_ROWS = 300  # a bigger day goes through `handouts personalize --schedule`
TASKS = {"patient": "One patient", "schedule": "Today's schedule", "blank": "Blank stock"}


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
        self.drafts = Drafts(self.inputs.content, self.clinics)
        self.looks = {slug: look_of(clinic) for slug, clinic in self.clinics.items()}

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

    def write(self, entry: Entry, result: str) -> None:
        entry.result = result
        self.audit.write(entry)


def staff() -> Staff:
    return current_app.extensions["handouts.staff"]


def default_choice(s: Staff) -> staff_form.FormResult:
    """The user's last clinic, handouts and language (remembered), else the first clinic and longest handout."""
    allowed = s.languages_for(current_user)
    last = read_last(request, allowed, list(s.handouts))
    if last:
        return staff_form.FormResult(clinic=last.clinic, handouts=last.handouts, lang=last.lang)
    first = next(iter(allowed), "")
    return staff_form.FormResult(clinic=first, handouts=[s.default_handout], lang=allowed[first][0] if first else "")


def page(result: staff_form.FormResult | None = None, status: int = 200, task: str = "patient",
         title: str = "", **extra) -> Response:
    """The page of TASK. extra: preview, draft_question, check (a schedule's ScheduleCheck), blank_error."""
    s = staff()
    clinics = s.clinics_for(current_user)
    langs = sorted({lang for c in clinics for lang in c.model.languages}, key=lambda code: (code != "en", code))
    if result is None or not result.clinic:  # the default selection (with any message for the page)
        errors = result.errors if result else {}
        result = default_choice(s)
        result.errors = errors
    drafts = s.drafts.draft_languages(result.clinic, result.handouts or [s.default_handout])
    html = render_template(
        "index.html", task=task, tasks=TASKS, title=title, clinics=clinics, handouts=s.handouts, langs=langs,
        language_name=language_name, drafts=drafts, look=s.looks.get(result.clinic),
        inputs=staff_form.PATIENT_INPUTS, maxlen=staff_form.INPUT_MAX, result=result, user=current_user,
        max_rows=MAX_SCHEDULE_ROWS, **{name: extra.get(name) for name in
                                       ("preview", "draft_question", "check", "blank_error")})
    return Response(html, status=status, mimetype="text/html")


def zip_of(pending: list, entry: Entry) -> bytes:
    """A zip (in memory) of renders started in parallel, written like every zip of the project (files.zip_bytes)."""
    data = files.zip_bytes([(name, run_audited(entry, result)) for name, result in pending])
    entry.bytes = len(data)
    return data


def made_headers(pages: int, patients: int = 1) -> dict[str, str]:
    """What a file holds, for the page's script to say so once it is saved (static/staff.js): counts only,
    never a patient detail."""
    return {"X-Handouts-Patients": str(patients), "X-Handouts-Pages": str(pages)}


def run_audited(entry: Entry, result) -> bytes:
    """A started render's PDF; a render that fails is written to the audit log as failed before it raises."""
    try:
        return result()[0]
    except Exception:
        staff().write(entry, "failed")
        raise


def audited(entry: Entry, result: str, response: Response) -> Response:
    staff().write(entry, result)
    return response


def remembered(response: Response, clinic: str, handouts: list[str], lang: str) -> Response:
    """RESPONSE, setting the cookie that brings back this clinic, these handouts and this language next time."""
    s = staff()
    return remember(response, LastChoice(clinic, handouts, lang), s.languages_for(current_user), list(s.handouts),
                    secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")))
