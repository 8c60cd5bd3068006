"""The staff page's views: one patient's PDF or preview, a clinic's blank handouts, the clinic's colours.
A day's schedule has its own views (day.py), under the same blueprint.

Privacy: patient data arrives only in POST bodies, is rendered in memory (in a render process, over a pipe)
and goes back in the response; nothing is written to disk, kept in the session or logged. The audit log
records who made what (see audit.py), never a patient value. The page remembers a clinic, handouts and a
language (remember.py), never a patient detail.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask_login import current_user

from handouts.errors import HandoutsError
from handouts.plan import personal
from handouts.plan.jobs import plan
from handouts.publish.personal import check_printable
from handouts.render.web import render_web
from handouts.resolve.locale import language_name
from handouts.web import day
from handouts.web import form as staff_form
from handouts.web.look import clinic_css
from handouts.web.page import Staff, audited, made_headers, page, remembered, staff, zip_of
from handouts.web.preview import page_count, preview_of

__all__ = ["Staff", "bp", "page"]  # app.py builds the Staff and answers a stale form with page()

bp = Blueprint("staff", __name__)
bp.register_blueprint(day.bp)
ACTIONS = ("print", "download", "preview", "web")


@bp.get("/")
def index():
    return page()


@bp.get("/blank")
def blank_page():
    return page(task="blank", title="Blank stock")


@bp.get("/clinic/<slug>.css")
def clinic_style(slug: str):
    look = staff().looks.get(slug)
    if look is None or not current_user.may_use(slug):
        abort(404)
    return Response(clinic_css(look), mimetype="text/css")


@bp.post("/")
def personalize():
    s = staff()
    result = staff_form.read(request.form, s.languages_for(current_user), list(s.handouts))
    action = request.form.get("action", "print")
    action = action if action in ACTIONS else "preview"
    entry = s.entry("personalized", result.clinic, result.handouts, result.lang, action=action, patients=1)
    if action == "web" and not result.errors and len(result.handouts) != 1:
        result.errors["handouts"] = "Choose one handout for a web page."
    if result.errors:
        count = len(result.errors)
        return audited(entry, "refused", page(result, status=400, title=f"Please check the form ({count} "
                                                                        f"problem{'s' if count > 1 else ''})"))
    if action != "preview" and request.form.get("draft_ok") != "yes" \
            and s.drafts.is_draft(result.clinic, result.handouts, result.lang):
        # Nothing is made, so nothing is audited: the user is asked first.
        return page(result, title=f"{language_name(result.lang)} is a draft – please confirm", draft_question=action)
    if action == "web":
        return web_page(s, result, entry)
    try:
        check_printable(result.patient, s.clinics[result.clinic])
        jobs = personal.personal_jobs(s.inputs.content, s.clinics[result.clinic], result.handouts, result.lang,
                                      result.patient)
        pdf = s.pool.render(jobs)[0]
    except HandoutsError as exc:
        result.errors["form"] = exc.format_message()
        return audited(entry, "refused", page(result, status=400, title="Please check the form (1 problem)"))
    except Exception:
        s.write(entry, "failed")
        raise
    entry.bytes = len(pdf)
    if action == "preview":
        preview = preview_of(pdf)
        pages = f"{preview.page_count} page{'s' if preview.page_count > 1 else ''}"
        response = page(result, preview=preview, title=f"Preview ready – {pages}")
    else:
        name = f"{result.clinic}-{'-'.join(result.handouts)}-{result.lang}.pdf"  # never the patient's name
        disposition = "inline" if action == "print" else "attachment"
        response = Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'{disposition}; filename="{name}"', **made_headers(page_count(pdf))})
    return audited(entry, "ok", remembered(response, result.clinic, result.handouts, result.lang))


def web_page(s: Staff, result: staff_form.FormResult, entry) -> Response:
    """One patient's handout as a web page (render/web.py), made in this process and only sent back."""
    try:
        check_printable(result.patient, s.clinics[result.clinic])
        job, = personal.personal_jobs(s.inputs.content, s.clinics[result.clinic], result.handouts, result.lang,
                                      result.patient, variant="web")
        html = render_web(job).encode("utf-8")
    except HandoutsError as exc:
        result.errors["form"] = exc.format_message()
        return audited(entry, "refused", page(result, status=400, title="Please check the form (1 problem)"))
    entry.bytes = len(html)
    name = f"{result.clinic}-{result.handouts[0]}-{result.lang}.html"  # never the patient's name
    response = Response(html, mimetype="text/html", headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return audited(entry, "ok", remembered(response, result.clinic, result.handouts, result.lang))


@bp.post("/blank")
def blank():
    s = staff()
    slug = request.form.get("clinic", "")
    entry = s.entry("blank", slug, action="zip")
    if slug not in s.clinics or not current_user.may_use(slug):
        return audited(entry, "refused", page(status=400, task="blank", title="Please check the form (1 problem)",
                                              blank_error="Choose a clinic from the list."))
    jobs = plan(s.inputs.content, [s.clinics[slug]])
    entry.handouts = sorted({job.handout for job in jobs})
    data = zip_of([(job.output_path.name, s.pool.submit([job])) for job in jobs], entry)
    return audited(entry, "ok", Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{slug}-blank-handouts.zip"'}))
