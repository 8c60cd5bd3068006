"""The staff web page (Flask): the app factory. Views live in blueprints: staff.py (the form, PDFs) and
auth.py (sign-in); accounts.py, audit.py and pool.py hold what they share.

Every response says Cache-Control: no-store and carries a strict Content-Security-Policy. The request log
names method, path, status and time: never a query string or form data.
"""
from __future__ import annotations

import io
import logging
import time
from pathlib import Path

from flask import Flask, Request, Response, current_app, g, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from handouts import api, settings
from handouts.plan.jobs import plan
from handouts.web import auth, staff
from handouts.web.accounts import Users, signing_key
from handouts.web.audit import AuditLog
from handouts.web.config import WebConfig, host_name
from handouts.web.form import FormResult
from handouts.web.lockouts import LOCKOUTS_FILE, Lockouts
from handouts.web.pool import RenderPool
from handouts.web.proxy import TrustedProxy
from handouts.web.sessions import SESSIONS_FILE, Sessions

log = logging.getLogger("handouts.web")
MAX_REQUEST_BYTES = 512 * 1024  # the form, or a schedule of a few hundred patients


def create_app(config: WebConfig | str | Path | None = None) -> Flask:
    """config: a WebConfig, or (as before) just the content file, with the project's instance folder."""
    if not isinstance(config, WebConfig):
        config = WebConfig(instance=settings.instance_dir(), content=str(config) if config else None)
    app = Flask(__name__)
    app.request_class = InMemoryRequest
    app.config.update(
        SECRET_KEY=signing_key(config.instance),   # shared by every process and restart: sessions survive
        HANDOUTS_ALLOWED_HOSTS={name.strip().lower().strip("[]") for name in config.allowed_hosts},
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=bool(config.trusted_proxies),  # behind the TLS proxy the cookie never goes plain
        PERMANENT_SESSION_LIFETIME=max(60, int(config.idle_minutes * 60)),
        WTF_CSRF_TIME_LIMIT=8 * 3600,              # a working day
        TEMPLATES_AUTO_RELOAD=False,
    )
    CSRFProtect(app)
    inputs = api.load_inputs(config.content)
    audit = AuditLog(config.audit_file)
    app.extensions["handouts.staff"] = staff.Staff(inputs, RenderPool(config.render_processes), audit)
    sign_in = auth.Auth(Users(config.users_file), Lockouts(config.instance / LOCKOUTS_FILE),
                        config.trust_user_header, config.idle_minutes,
                        Sessions(config.instance / SESSIONS_FILE, config.idle_minutes * 60), audit)
    sign_in.unlisted_all_clinics = config.unlisted_users_all_clinics
    auth.init_app(app, sign_in)
    app.register_blueprint(staff.bp)
    app.add_url_rule("/health", "health", _health)
    app.before_request(_start_clock)
    app.before_request(_known_host)
    app.after_request(_private)
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(413, _too_large)
    app.register_error_handler(Exception, _internal)
    app.wsgi_app = TrustedProxy(app.wsgi_app, config.proxy_networks(),  # type: ignore[method-assign]
                                config.trust_user_header)  # the middleware idiom of Flask's docs
    return app


class InMemoryRequest(Request):
    """Uploads stay in memory: Werkzeug spools a file part over 500 KB to a temporary file on disk, and a
    schedule is patient data. MAX_REQUEST_BYTES bounds what is held."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def render_pool(app: Flask) -> RenderPool:
    return app.extensions["handouts.staff"].pool


def warm_up(app: Flask) -> None:
    """Render one blank handout in every render process before the first request."""
    shared = app.extensions["handouts.staff"]
    clinic = shared.inputs.clinics[0]
    shared.pool.warm_up(plan(shared.inputs.content, [clinic], [shared.default_handout],
                             [clinic.model.languages[0]])[0])


def _health():
    """For the service manager or a monitor: 200 while a render process answers, else 503, so that a page
    that can no longer make PDFs is restarted instead of answering its form forever. No sign-in needed."""
    if render_pool(current_app).healthy():
        return Response("ok\n", mimetype="text/plain")
    return Response("cannot render\n", status=503, mimetype="text/plain")


def _start_clock():
    g.started = time.perf_counter()


def _known_host():
    allowed = current_app.config["HANDOUTS_ALLOWED_HOSTS"]
    if host_name(request.headers.get("Host", "")) not in allowed:
        return Response("Unknown host name. Open the address the server was started with.", status=421,
                        mimetype="text/plain")
    return None


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    log.info("%s %s %s %.2fs", request.method, request.path, response.status_code, elapsed)
    return response


def _csrf(exc):
    message = "This page was open too long or came from elsewhere. Please fill in the form again."
    if request.endpoint == "auth.login":
        return Response(message, status=400, mimetype="text/plain")
    return staff.page(FormResult(errors={"form": message}), status=400)


def _too_large(exc):
    return Response("The form is too large. Please shorten the note, or split the schedule.", status=413,
                    mimetype="text/plain")


def _internal(exc):
    if getattr(exc, "code", None) and exc.code < 500:  # 404, 405: Flask's own pages
        return exc
    # The class name only: an exception's message could quote patient text.
    log.error("internal error on %s %s: %s", request.method, request.path, exc.__class__.__name__)
    return Response("Sorry, something went wrong. Nothing was saved. Please try again.", status=500,
                    mimetype="text/plain")
