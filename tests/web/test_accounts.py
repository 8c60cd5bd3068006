"""Users file, lockouts, signing key and audit log, without a server."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from handouts.errors import HandoutsError
from handouts.web.accounts import Users, signing_key
from handouts.web.audit import AuditLog, Entry, summary
from handouts.web.lockouts import Lockouts


def test_users_are_stored_as_argon2_hashes_in_a_private_file(tmp_path):
    users = Users(tmp_path / "instance" / "users.json")
    users.add("ana", "a long enough password", ["harbour-health"])
    assert oct((tmp_path / "instance").stat().st_mode & 0o777) == "0o700"
    assert oct(users.path.stat().st_mode & 0o777) == "0o600"
    assert "a long enough password" not in users.path.read_text()
    assert users.check_password("ana", "a long enough password").clinics == ("harbour-health",)
    assert users.check_password("ana", "a long enough passwore") is None
    assert users.check_password("nobody", "a long enough password") is None
    assert users.get("ana").may_use("harbour-health") and not users.get("ana").may_use("example-clinic")
    with pytest.raises(HandoutsError, match="too short"):
        users.add("bo", "short", [])
    with pytest.raises(HandoutsError, match="lowercase letters"):
        users.add("Bo Smith", "a long enough password", [])
    users.remove("ana")
    assert users.get("ana") is None


def test_a_name_is_locked_after_repeated_failures_and_unlocked_after_a_success(tmp_path):
    lockouts = Lockouts(tmp_path / "lockouts.json", max_failures=3, lock_seconds=60)
    for _ in range(2):
        lockouts.failed("ana")
    assert lockouts.locked_for("ana") == 0
    lockouts.succeeded("ana")  # a success clears the count
    for _ in range(2):
        lockouts.failed("ana")
    assert lockouts.locked_for("ana") == 0
    lockouts.failed("ana")
    assert 55 < lockouts.locked_for("ana") <= 60
    assert lockouts.locked_for("bo") == 0
    assert Lockouts(tmp_path / "lockouts.json").locked_for("ana") > 0  # another process sees the same lock


def test_the_signing_key_is_made_once_and_kept_private(tmp_path):
    first = signing_key(tmp_path / "instance")
    assert len(first) == 32 and signing_key(tmp_path / "instance") == first
    assert oct((tmp_path / "instance" / "secret.key").stat().st_mode & 0o777) == "0o600"


def test_audit_lines_and_their_summary(tmp_path):
    log = AuditLog(tmp_path / "audit.jsonl")
    log.write(Entry(user="ana", kind="personalized", clinic="harbour-health", handouts=["aftercare"], language="en",
                    patients=1, bytes=40_000, time="2026-12-01T09:00:00Z"))
    log.write(Entry(user="ana", kind="schedule", clinic="harbour-health", patients=12, bytes=900_000,
                    action="merged", time="2026-12-02T07:30:00Z"))
    log.write(Entry(user="bo", kind="blank", clinic="example-clinic", result="failed", time="2026-12-02T08:00:00Z"))
    lines = (tmp_path / "audit.jsonl").read_text().splitlines()
    assert json.loads(lines[0]) == {"user": "ana", "kind": "personalized", "clinic": "harbour-health",
                                    "handouts": ["aftercare"], "language": "en", "action": "download",
                                    "patients": 1, "bytes": 40000, "result": "ok", "time": "2026-12-01T09:00:00Z",
                                    "address": None, "prev": "0" * 64}
    report = summary(log.read(dt.date(2026, 12, 2)))
    assert report[0] == "2 request(s): 1 made PDFs, 0 refused (bad input), 1 failed; 12 patient(s), 0.9 MB"
    assert len(log.read(dt.date(2026, 12, 1), user="ana")) == 2
    assert log.read(dt.date(2026, 12, 1), clinic="example-clinic")[0]["user"] == "bo"
    (tmp_path / "audit.jsonl").write_text("not json\n" + "\n".join(lines) + "\n")
    bad: list[str] = []
    assert len(log.read(dt.date(2026, 12, 1), bad=bad)) == 3  # the damaged line is named and skipped
    assert bad == [f"{tmp_path / 'audit.jsonl'}:1: not an audit line (skipped)"]
