"""`serve --trust-user-header X-Remote-User --trusted-proxy ADDR`: the user comes from a sign-on proxy's header,
believed only from that address; forwarded headers from anyone else are dropped."""
from __future__ import annotations

import http.client
import os
import subprocess
import sys

import pytest

from tests.helpers.webserver import ROOT, Server

PROXY = "127.0.0.2"  # the trusted proxy: this machine, from a second loopback address


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    instance = tmp_path_factory.mktemp("proxy") / "instance"
    subprocess.run([sys.executable, "-m", "handouts", "users", "add", "frontdesk", "--clinic", "harbour-health"],
                   input="front-desk-password-1\n", text=True, check=True, capture_output=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(ROOT), "HANDOUTS_PROJECT": str(ROOT),
                        "HANDOUTS_INSTANCE": str(instance)})
    running = Server(tmp_path_factory.mktemp("proxy-web"), ("--trust-user-header", "X-Remote-User",
                                                            "--trusted-proxy", PROXY, "--render-processes", "0"),
                     instance=instance)
    yield running
    running.stop()


def get(server, source: str, headers: dict) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60, source_address=(source, 0))
    try:
        connection.request("GET", "/", headers=headers)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_name_not_in_the_users_file_is_refused(proxied):
    status, html = get(proxied, PROXY, {"X-Remote-User": "nurse.lee", "X-Forwarded-Proto": "https"})
    assert status == 403 and "not on this page's list of users" in html and "example-clinic" not in html


def test_a_listed_user_keeps_their_clinics(proxied):
    status, html = get(proxied, PROXY, {"X-Remote-User": "frontdesk"})
    assert status == 200 and 'value="harbour-health"' in html and 'value="example-clinic"' not in html


def test_the_header_from_anyone_else_is_ignored(proxied):
    status, html = get(proxied, "127.0.0.1", {"X-Remote-User": "nurse.lee", "X-Forwarded-For": PROXY})
    assert status == 403 and "nurse.lee" not in html
    assert html == "Open this page through the clinic's sign-in."


def test_without_the_header_nobody_is_signed_in(proxied):
    status, _ = get(proxied, PROXY, {})
    assert status == 403
