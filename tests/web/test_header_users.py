"""Behind a sign-on proxy a name missing from the users file is refused unless the operator lets such names
use every clinic; uploads are held in memory, never spooled to a temporary file; `serve` refuses an instance
folder it cannot write at start (not a 500 on every sign-in)."""
from __future__ import annotations

import io

import pytest
from flask import request

from handouts.web.accounts import Users
from handouts.web.app import create_app
from handouts.web.config import WebConfig

PROXY = "127.0.0.2"


def proxied_app(tmp_path, **options):
    instance = tmp_path / "instance"
    Users(instance / "users.json").add("frontdesk", "front-desk-password-1", ["harbour-health"])
    return create_app(WebConfig(instance=instance, trust_user_header="X-Remote-User", trusted_proxies=(PROXY,),
                                **options))


def get_as(app, name):
    return app.test_client().get("/", headers={"Host": "localhost", "X-Remote-User": name},
                                 environ_base={"REMOTE_ADDR": PROXY})


@pytest.mark.parametrize("all_clinics, status", [(False, 403), (True, 200)])
def test_an_unlisted_name_gets_in_only_when_the_operator_said_so(tmp_path, all_clinics, status):
    app = proxied_app(tmp_path, unlisted_users_all_clinics=all_clinics)
    response = get_as(app, "nurse.lee")
    assert response.status_code == status
    assert (b'value="example-clinic"' in response.data) is all_clinics
    listed = get_as(app, "frontdesk")  # a listed user keeps her clinics either way
    assert listed.status_code == 200 and b'value="example-clinic"' not in listed.data


def test_an_upload_near_the_limit_stays_in_memory(tmp_path):
    app = create_app(WebConfig(instance=tmp_path / "instance"))
    seen = {}

    @app.post("/probe-upload")
    def probe():
        seen["stream"] = type(request.files["schedule"].stream)
        return "ok"

    app.config["WTF_CSRF_ENABLED"] = False
    data = {"schedule": (io.BytesIO(b"patient_name\n" + b"Ana Diaz\n" * 57_500), "schedule.csv")}  # 518 KB
    response = app.test_client().post("/probe-upload", data=data, headers={"Host": "localhost"},
                                      content_type="multipart/form-data")
    assert response.status_code == 200, response.data
    assert seen["stream"] is io.BytesIO  # Werkzeug's default spools a part over 500 KB to a temp file


def test_serve_refuses_an_instance_folder_it_cannot_write(tmp_path):
    import os
    import subprocess
    import sys

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    result = subprocess.run([sys.executable, "-m", "handouts", "serve", "--port", "1"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "HANDOUTS_INSTANCE": str(blocked / "instance")})
    assert result.returncode == 1 and "the instance folder is not writable" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
