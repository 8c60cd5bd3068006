"""Signing in: a name and password checked against the users file (Argon2), or the user named by a sign-on
proxy's header. Repeated failures lock the name for a while; a session is a record on the server
(sessions.py) that ends on sign-out, after some idle minutes, or when the user is removed or changes password.

Without users and without a proxy header the page has no login; `serve` allows that on loopback only.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, session, url_for
from flask_login import AnonymousUserMixin, LoginManager, UserMixin, current_user, login_user, logout_user

from handouts.web import lockouts
from handouts.web.accounts import MAX_PASSWORD, NAME, Busy, User, Users
from handouts.web.audit import AuditLog, Entry
from handouts.web.audit_report import SIGN_IN
from handouts.web.lockouts import Lockouts
from handouts.web.proxy import VIA_PROXY
from handouts.web.sessions import Sessions

bp = Blueprint("auth", __name__)
LOCAL = "local"  # the user recorded in the audit log when the page has no login (loopback only)


class StaffUser(UserMixin):
    def __init__(self, user: User):
        self.user = user
        self.id = user.name

    @property
    def name(self) -> str:
        return self.user.name

    def may_use(self, clinic: str) -> bool:
        return self.user.may_use(clinic)


class Anonymous(AnonymousUserMixin):
    name = LOCAL

    @staticmethod
    def may_use(clinic: str) -> bool:
        return True


class Auth:
    """The sign-in settings of one app: users file, lockouts, header, idle limit."""

    def __init__(self, users: Users, lockouts: Lockouts, user_header: str | None, idle_minutes: float,
                 sessions: Sessions, audit: AuditLog):
        self.users = users
        self.audit = audit
        self.lockouts = lockouts
        self.user_header = user_header
        self.idle_seconds = idle_minutes * 60
        self.sessions = sessions
        self.unlisted_all_clinics = False  # a proxy's name not in the users file: refused (see WebConfig)
        self._login_on = False

    @property
    def required(self) -> bool:
        """Once the page has had a login it keeps it: removing the last user (or the users file) while the
        server runs must not open the page to anyone (the no-login rule is for loopback at start only)."""
        if not self._login_on:
            self._login_on = bool(self.user_header or self.users.all())
        return self._login_on


def auth() -> Auth:
    return current_app.extensions["handouts.auth"]


def init_app(app, settings: Auth) -> None:
    app.extensions["handouts.auth"] = settings
    manager = LoginManager(app)
    manager.anonymous_user = Anonymous
    manager.session_protection = "basic"
    manager.user_loader(_load_user)
    manager.request_loader(_user_from_header)
    app.before_request(_require_login)
    app.register_blueprint(bp)


def _load_user(name: str):
    settings = auth()
    if settings.user_header:
        return None  # the proxy names the user on every request; sessions do not
    user = settings.users.get(name)
    g.session_status = settings.sessions.check(session.get("sid"), user)
    return StaffUser(user) if user and g.session_status == "ok" else None


def _user_from_header(req):
    settings = auth()
    if not settings.user_header or not req.environ.get(VIA_PROXY):
        return None
    name = req.headers.get(settings.user_header, "").strip().lower()
    if not NAME.match(name):
        return None
    listed = settings.users.get(name)
    if listed is None and not settings.unlisted_all_clinics:
        g.unlisted = True  # default-deny: signed in at the proxy is not yet allowed here
        return None
    return StaffUser(listed or User(name))  # listed users keep their clinics


def _require_login():
    settings = auth()
    if request.endpoint in ("auth.login", "static", "health") or not settings.required:
        return None
    if settings.user_header:
        if current_user.is_authenticated:
            return None
        if g.get("unlisted"):
            return Response("Your name is not on this page's list of users. Ask your administrator to add you "
                            "(`handouts users add NAME --clinic SLUG`).", status=403, mimetype="text/plain")
        return Response("Open this page through the clinic's sign-in.", status=403, mimetype="text/plain")
    if not current_user.is_authenticated:
        idle = g.get("session_status") == "idle"
        session.clear()  # a cookie whose session ended on the server is worth nothing: drop it
        return redirect(url_for("auth.login", reason="idle") if idle else url_for("auth.login"))
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    settings = auth()
    if not settings.required or settings.user_header:
        return redirect(url_for("staff.index"))
    message, status, name = None, 200, ""
    if request.args.get("reason") == "idle":
        message = f"You were signed out after {settings.idle_seconds / 60:g} minutes without use. Please sign in again."
    if request.method == "POST":
        name = request.form.get("username", "").strip().lower()[:64]
        message, status = _check(settings, name, request.form.get("password", ""))
        if message is None:
            return redirect(url_for("staff.index"))
    # The name is kept after a failed sign-in (only the password is typed again).
    return Response(render_template("login.html", message=message, idle=request.args.get("reason") == "idle",
                                    name=name), status=status, mimetype="text/html")


def _check(settings: Auth, name: str, password: str) -> tuple[str | None, int]:
    where = request.remote_addr
    attempt = lockouts.key(name, where)
    wait = settings.lockouts.attempt(attempt)
    if wait:
        _record(settings, name, "locked")
        return (f"Too many failed sign-ins for this name. Try again in {max(1, round(wait / 60))} minute(s), "
                f"or ask your administrator.", 429)
    try:
        user = settings.users.check_password(name, password[:MAX_PASSWORD])
    except Busy as exc:
        settings.lockouts.succeeded(attempt)  # not a failure: the password was not looked at
        _record(settings, name, "busy")
        return exc.format_message(), 503
    if user is None:
        _record(settings, name, "refused")
        return "That name and password do not match. Please try again.", 401
    settings.lockouts.succeeded(attempt)
    session.clear()  # a new session for the signed-in user
    login_user(StaffUser(user))
    session.permanent = True
    session["sid"] = settings.sessions.start(user, where)
    _record(settings, name, "ok")
    return None, 200


def _record(settings: Auth, name: str, result: str) -> None:
    """A sign-in line in the audit log: the name when it could be one (never other typed text), the address."""
    settings.audit.write(Entry(user=name if NAME.match(name) else "-", kind=SIGN_IN, action="password",
                               result=result, address=request.remote_addr))


@bp.post("/logout")
def logout():
    auth().sessions.end(session.get("sid"))
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
