"""The staff page refuses other Host names (DNS rebinding), hidden direction controls and characters no font
prints; `serve` stops on SIGTERM (exit 143, with a line) and leaves no WeasyPrint folder behind."""
from __future__ import annotations

import http.cookiejar
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from handouts.web.app import create_app
from handouts.web.config import host_name
from tests.helpers.webserver import Server


@pytest.fixture(scope="module")
def client():
    app = create_app()
    app.config["WTF_CSRF_ENABLED"] = False  # the form's own checks are under test here, not CSRF
    return app.test_client()


@pytest.mark.parametrize("header, name", [("127.0.0.1:8000", "127.0.0.1"), ("[::1]:8000", "::1"),
                                          ("LocalHost", "localhost"), ("evil.example:80", "evil.example")])
def test_host_name(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("host, status", [("localhost", 200), ("127.0.0.1:8000", 200), ("evil.example", 421),
                                          ("127.0.0.1.evil.example", 421), ("", 421)])
def test_only_the_servers_own_host_names_are_served(client, host, status):
    assert client.get("/", headers={"Host": host}).status_code == status


def post(client, **fields):
    form = {"clinic": "example-clinic", "handouts": "day-of-infusion", "lang": "en", "action": "download", **fields}
    return client.post("/", data=form, headers={"Host": "localhost"})


@pytest.mark.parametrize("field, value", [("patient_name", "Ana \u202eziaD"), ("provider", "Dr \u2067Ruiz\u2069"),
                                          ("note", "Bring \u200fsocks")])
def test_direction_controls_are_refused_with_a_message(client, field, value):
    response = post(client, **{field: value})
    assert response.status_code == 400
    assert b"invisible text-direction character" in response.data


def test_a_character_no_font_prints_is_refused_without_quoting_it(client):
    response = post(client, patient_name="Ana \U0001F600 Diaz")
    assert response.status_code == 400
    assert b"cannot print" in response.data
    assert "\U0001F600".encode() not in response.data.split(b"<form")[0]  # not quoted in the message


def test_cli_refuses_the_same_and_makes_no_file(tmp_path):
    out = tmp_path / "new" / "ana.pdf"
    for name in ("Ana \u202eziaD", "Ana \U0001F600"):
        result = subprocess.run([sys.executable, "-m", "handouts", "personalize", "--clinic", "example-clinic",
                                 "--handout", "day-of-infusion", "--patient-name", name, "-o", str(out)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and result.stderr.startswith("--patient-name: "), result.stderr
        assert "Ana" not in result.stderr
    assert not out.exists()


def test_folders_made_for_personal_output_are_owner_only(tmp_path):
    from handouts.publish.personal import write_private

    target = tmp_path / "a" / "b" / "ana.pdf"
    write_private(target, b"%PDF-1.7 test")
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert target.stat().st_mode & 0o777 == 0o600


def test_serve_refuses_every_address_without_allowed_hosts():
    result = subprocess.run([sys.executable, "-m", "handouts", "serve", "--host", "0.0.0.0", "--trust-user-header",
                             "X-Remote-User", "--trusted-proxy", "10.0.0.5"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--allowed-host" in result.stderr


def test_the_real_server_refuses_another_host_and_stops_cleanly_on_sigterm(tmp_path):
    server = Server(tmp_path)
    try:
        request = urllib.request.Request(server.url + "/", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 421
        # one real render, so that WeasyPrint makes its font folder
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = opener.open(server.url + "/", timeout=60).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        form = {"csrf_token": token, "clinic": "example-clinic", "handouts": "aftercare", "lang": "en",
                "action": "download"}
        with opener.open(server.url + "/", data=urllib.parse.urlencode(form).encode(), timeout=120) as response:
            assert response.read()[:5] == b"%PDF-"
        assert any(p.name.startswith("weasyprint-") for p in server.tmpdir.iterdir())  # the test sees what it counts
    finally:
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=30)
        server.log.close()
    assert code == 143, server.log_path.read_text()  # 128 + SIGTERM, as service managers expect
    assert "stopped (SIGTERM)" in server.log_path.read_text()
    assert not [p for p in server.tmpdir.iterdir() if p.name.startswith("weasyprint-")], \
        "serve left a WeasyPrint folder behind"
