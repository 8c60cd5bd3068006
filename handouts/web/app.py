"""The staff web page (Flask): pick clinic, handouts and language, fill in the patient, preview, download, print.

Privacy: patient data arrives only in POST bodies, is rendered in memory and goes back in the response;
nothing is written to disk, kept in the session or logged (the request log names method, path, status).
Every response says Cache-Control: no-store.
"""
from __future__ import annotations

import base64
import io
import logging
import os
import threading
import time

import pypdfium2 as pdfium
from flask import Flask, Response, g, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from handouts import api, files
from handouts.errors import HandoutsError
from handouts.plan.jobs import plan
from handouts.render.locale import language_name
from handouts.web import form as staff_form

log = logging.getLogger("handouts.web")

# WeasyPrint and PDFium are not documented as thread-safe: one render at a time per process.
_render_lock = threading.Lock()
MAX_FORM_BYTES = 64 * 1024


def preview_png(pdf: bytes, width_px: int = 680) -> bytes:
    """Page 1 as a PNG, in memory (no temp files)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width_px / page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def create_app(content: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.urandom(32),            # per process: nothing to store or leak
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=8 * 3600,         # a working day
        TEMPLATES_AUTO_RELOAD=False,
    )
    CSRFProtect(app)
    inputs = api.load_inputs(content)
    clinics = {c.slug: c for c in inputs.clinics}
    languages = {slug: list(c.model.languages) for slug, c in clinics.items()}
    handouts = inputs.content.model.handouts
    handout_names = list(handouts)
    default_handout = max(handout_names, key=lambda h: len(handouts[h].visit_box))
    all_langs = sorted({lang for langs in languages.values() for lang in langs},
                       key=lambda code: (code != "en", code))

    def page(result: staff_form.FormResult | None = None, preview: str | None = None, status: int = 200):
        result = result or staff_form.FormResult(clinic=inputs.clinics[0].slug, handouts=[default_handout],
                                                 lang=all_langs[0])
        html = render_template(
            "index.html", clinics=inputs.clinics, handouts=handouts, langs=all_langs, language_name=language_name,
            inputs=staff_form.PATIENT_INPUTS, maxlen=staff_form.INPUT_MAX, result=result, preview=preview)
        return Response(html, status=status, mimetype="text/html")

    @app.before_request
    def _start_clock():
        g.started = time.perf_counter()

    @app.after_request
    def _private(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'")
        # The request log: method, path (never the query string), status, time. No form data.
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        log.info("%s %s %s %.2fs", request.method, request.path, response.status_code, elapsed)
        return response

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        return page(staff_form.FormResult(clinic=inputs.clinics[0].slug, handouts=[default_handout],
                                          lang=all_langs[0],
                                          errors={"form": "This page was open too long or came from elsewhere. "
                                                          "Please fill in the form again."}), status=400)

    @app.errorhandler(413)
    def _too_large(exc):
        return Response("The form is too large. Please shorten the note.", status=413, mimetype="text/plain")

    @app.errorhandler(Exception)
    def _internal(exc):
        if getattr(exc, "code", None) and exc.code < 500:  # 404, 405: Flask's own pages
            return exc
        # The class name only: an exception's message could quote patient text.
        log.error("internal error on %s %s: %s", request.method, request.path, exc.__class__.__name__)
        return Response("Sorry, something went wrong. Nothing was saved. Please try again.", status=500,
                        mimetype="text/plain")

    @app.get("/")
    def index():
        return page()

    @app.post("/")
    def personalize():
        result = staff_form.read(request.form, languages, handout_names)
        if result.errors:
            return page(result, status=400)
        action = request.form.get("action", "preview")
        try:
            with _render_lock:
                pdf = api.personalize(inputs, result.clinic, result.handouts, result.lang, result.patient)
                png = preview_png(pdf) if action == "preview" else None
        except HandoutsError as exc:
            result.errors["form"] = exc.format_message()
            return page(result, status=400)
        if png is not None:
            return page(result, preview="data:image/png;base64," + base64.b64encode(png).decode("ascii"))
        name = f"{result.clinic}-{'-'.join(result.handouts)}-{result.lang}.pdf"  # never the patient's name
        disposition = "inline" if action == "print" else "attachment"
        return Response(pdf, mimetype="application/pdf",
                        headers={"Content-Disposition": f'{disposition}; filename="{name}"'})

    @app.post("/blank")
    def blank():
        slug = request.form.get("clinic", "")
        if slug not in clinics:
            return page(staff_form.FormResult(clinic=inputs.clinics[0].slug, handouts=[default_handout],
                                              lang=all_langs[0], errors={"blank": "Choose a clinic from the list."}),
                        status=400)
        pdfs = []
        for job in plan(inputs.content, [clinics[slug]]):
            with _render_lock:
                pdfs.append((job.output_path.name, api.render_one(job)))
        return Response(files.zip_bytes(pdfs), mimetype="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{slug}-blank-handouts.zip"'})

    return app
