"""Sessions live on the server: sign-out, a password change and removing the user end them everywhere (a
saved cookie replayed from elsewhere is worth nothing), `handouts users sessions` lists them, and removing the
last user while the server runs does not turn the login off."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import cli
from handouts.web.accounts import Users
from handouts.web.app import create_app
from handouts.web.config import WebConfig

PASSWORD = "correct horse battery"
HOST = {"Host": "localhost"}
FORM = {"clinic": "example-clinic", "handouts": "day-of-infusion", "lang": "en", "action": "download",
        "patient_name": "Ana Diaz"}


@pytest.fixture
def instance(tmp_path):
    folder = tmp_path / "instance"
    Users(folder / "users.json").add("ana", PASSWORD, [])
    Users(folder / "users.json").add("ben", PASSWORD, [])
    return folder


@pytest.fixture
def app(instance):
    app = create_app(WebConfig(instance=instance))
    app.config["WTF_CSRF_ENABLED"] = False  # sessions are under test here, not CSRF
    return app


def signed_in(app, name="ana"):
    client = app.test_client()
    response = client.post("/login", data={"username": name, "password": PASSWORD}, headers=HOST)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/", headers=HOST).status_code == 200
    return client


def replay(app, client):
    """The client's saved cookie, sent by another browser from another address."""
    other = app.test_client()
    other.set_cookie("session", client.get_cookie("session").value, domain="localhost")
    return other


def gets_a_pdf(client) -> bool:
    response = client.post("/", data=FORM, headers=HOST, environ_base={"REMOTE_ADDR": "127.0.0.9"})
    return response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_cookie_saved_before_sign_out_signs_no_one_in(app):
    client = signed_in(app)
    saved = replay(app, client)
    assert gets_a_pdf(saved)  # the replay works while the session is open ...
    client.post("/logout", headers=HOST)
    assert not gets_a_pdf(saved)  # ... and not after sign-out
    assert saved.get("/", headers={**HOST, "User-Agent": "other"}).headers["Location"] == "/login"


def test_a_password_change_ends_the_users_sessions_only(app, instance):
    ana, ben = signed_in(app, "ana"), signed_in(app, "ben")
    Users(instance / "users.json").add("ana", PASSWORD + " new", [])
    assert ana.get("/", headers=HOST).status_code == 302
    assert ben.get("/", headers=HOST).status_code == 200


def test_removing_every_user_while_serving_keeps_the_login(app, instance):
    client = signed_in(app)
    Users(instance / "users.json").remove("ana")
    assert client.get("/", headers=HOST).status_code == 302
    Users(instance / "users.json").remove("ben")
    anonymous = app.test_client()
    assert anonymous.get("/", headers=HOST).headers["Location"] == "/login"
    assert not gets_a_pdf(anonymous)
    (instance / "users.json").unlink()
    assert anonymous.get("/", headers=HOST).status_code == 302 and not gets_a_pdf(anonymous)


def test_users_sessions_lists_and_ends_them(app, instance, monkeypatch):
    client = signed_in(app)
    monkeypatch.setenv("HANDOUTS_INSTANCE", str(instance))
    listed = CliRunner().invoke(cli, ["users", "sessions"])
    assert listed.exit_code == 0 and listed.output.startswith("ana\t") and "127.0.0.1" in listed.output
    ended = CliRunner().invoke(cli, ["users", "sessions", "--end", "ana"])
    assert ended.exit_code == 0
    assert client.get("/", headers=HOST).status_code == 302
    assert CliRunner().invoke(cli, ["users", "sessions"]).output == ""


def test_users_add_needs_clinics_named_and_a_real_password(instance, monkeypatch):
    monkeypatch.setenv("HANDOUTS_INSTANCE", str(instance))
    widened = CliRunner().invoke(cli, ["users", "add", "carol"], input=PASSWORD + "\n")
    assert widened.exit_code == 2 and "--all-clinics" in widened.output
    for password in (" " * 10, "x" * 1025):
        result = CliRunner().invoke(cli, ["users", "add", "carol", "--all-clinics"], input=password + "\n")
        assert result.exit_code == 1, result.output
    assert Users(instance / "users.json").get("carol") is None
