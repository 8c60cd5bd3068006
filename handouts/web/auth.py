"""Signing in: a name and password checked against the users file (Argon2), or the user named by a sign-on
proxy's header. Repeated failures lock the name for a while; a session ends after some idle minutes.

Without users and without a proxy header the page has no login; `serve` allows that on loopback only.
"""
from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, redirect, render_template, request, session, url_for
from flask_login import AnonymousUserMixin, LoginManager, UserMixin, current_user, login_user, logout_user

from handouts.web.accounts import NAME, Lockouts, User, Users
from handouts.web.proxy import VIA_PROXY

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

    def __init__(self, users: Users, lockouts: Lockouts, user_header: str | None, idle_minutes: float):
        self.users = users
        self.lockouts = lockouts
        self.user_header = user_header
        self.idle_seconds = idle_minutes * 60

    @property
    def required(self) -> bool:
        return bool(self.user_header or self.users.all())


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
    if auth().user_header:
        return None  # the proxy names the user on every request; sessions do not
    user = auth().users.get(name)
    return StaffUser(user) if user else None


def _user_from_header(req):
    settings = auth()
    if not settings.user_header or not req.environ.get(VIA_PROXY):
        return None
    name = req.headers.get(settings.user_header, "").strip().lower()
    if not NAME.match(name):
        return None
    return StaffUser(settings.users.get(name) or User(name))  # listed users keep their clinics


def _require_login():
    settings = auth()
    if request.endpoint in ("auth.login", "static") or not settings.required:
        return None
    if settings.user_header:
        if current_user.is_authenticated:
            return None
        return Response("Open this page through the clinic's sign-in.", status=403, mimetype="text/plain")
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    now = time.time()
    if now - session.get("seen", 0) > settings.idle_seconds:
        logout_user()
        session.clear()
        return redirect(url_for("auth.login", reason="idle"))
    session["seen"] = now
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
    wait = settings.lockouts.locked_for(name)
    if wait:
        return (f"Too many failed sign-ins for this name. Try again in {max(1, round(wait / 60))} minute(s), "
                f"or ask your administrator.", 429)
    user = settings.users.check_password(name, password[:1024])
    if user is None:
        settings.lockouts.failed(name)
        return "That name and password do not match. Please try again.", 401
    settings.lockouts.succeeded(name)
    session.clear()  # a new session for the signed-in user
    login_user(StaffUser(user))
    session.permanent = True
    session["seen"] = time.time()
    return None, 200


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
