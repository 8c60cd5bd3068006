"""The audit log is chained and checked: `handouts audit --verify` names the first line after one that was
changed or removed, a write that cannot finish leaves nothing half-written (and the PDF is not handed out), a
damaged line is named and skipped by the report, and sign-ins are recorded with name and address."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from handouts.cli import cli
from handouts.web.accounts import Users
from handouts.web.app import create_app
from handouts.web.audit import AuditLog, Entry
from handouts.web.config import WebConfig

HOST = {"Host": "localhost"}


def filled(path, count=5) -> AuditLog:
    log = AuditLog(path)
    for n in range(count):
        log.write(Entry(user=("ana", "bo")[n % 2], kind="blank", clinic="example-clinic", bytes=1000 + n,
                        time=f"2026-12-0{n + 1}T09:00:00Z"))
    return log


def audit(instance, *args):
    return CliRunner().invoke(cli, ["audit", *args], env={"HANDOUTS_INSTANCE": str(instance)})


def test_an_untouched_log_verifies(tmp_path):
    filled(tmp_path / "audit.jsonl")
    result = audit(tmp_path, "--verify")
    assert result.exit_code == 0 and "5 line(s), chain whole" in result.output


@pytest.mark.parametrize("edit, broken", [
    (lambda lines: lines[:1] + lines[2:], 2),                                    # bo's line removed
    (lambda lines: [lines[0].replace('"ana"', '"eve"'), *lines[1:]], 2),         # a name changed
    (lambda lines: lines[1:], 1),                                                # the first line removed
])
def test_a_changed_or_removed_line_breaks_the_chain_at_the_next(tmp_path, edit, broken):
    path = tmp_path / "audit.jsonl"
    filled(path)
    path.write_text("\n".join(edit(path.read_text().splitlines())) + "\n")
    result = audit(tmp_path, "--verify")
    assert result.exit_code == 1 and f"audit.jsonl:{broken}: " in result.output, result.output


@pytest.mark.parametrize("line", [b'{"time": 5, "user": "x"}', b"\xff\xfe", b'{"time": "2026-12-09", "bytes": "9"}'])
def test_a_damaged_line_is_named_and_skipped_by_the_report(tmp_path, line):
    path = tmp_path / "audit.jsonl"
    filled(path, 2)
    path.write_bytes(path.read_bytes() + line + b"\n")
    filled(path, 1)  # written after the damage: still a line of its own
    result = CliRunner().invoke(cli, ["audit", "--since", "2026-01-01"],
                                env={"HANDOUTS_INSTANCE": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "audit.jsonl:3: not an audit line (skipped)" in result.output
    assert "3 request(s): 3 made PDFs" in result.output


def test_a_write_cut_short_leaves_no_partial_line(tmp_path):
    """RLIMIT_FSIZE stops the write part-way, as a full disk does."""
    path = tmp_path / "audit.jsonl"
    filled(path, 2)
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import resource, signal
        from handouts.web.audit import AuditLog, Entry
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 40}, {len(before) + 40}))
        try:
            AuditLog({str(path)!r}).write(Entry(user="ana", kind="blank", handouts=["x" * 500]))
        except OSError as exc:
            print("refused", exc.errno)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("refused"), result.stdout + result.stderr
    assert path.read_bytes() == before
    filled(path, 1)
    assert AuditLog(path).verify()[2] is None


def test_no_pdf_is_handed_out_when_the_audit_line_cannot_be_written(tmp_path):
    instance = tmp_path / "instance"
    app = create_app(WebConfig(instance=instance))
    app.config["WTF_CSRF_ENABLED"] = False
    (instance / "audit.jsonl").mkdir(parents=True)  # cannot be opened for writing
    response = app.test_client().post("/", headers=HOST, data={
        "clinic": "example-clinic", "handouts": "day-of-infusion", "lang": "en", "action": "download"})
    assert response.status_code == 500 and not response.data.startswith(b"%PDF")


def test_sign_ins_are_recorded_with_name_and_address(tmp_path):
    instance = tmp_path / "instance"
    Users(instance / "users.json").add("ana", "correct horse battery", [])
    app = create_app(WebConfig(instance=instance))
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    for name, password in (("ana", "wrong password"), ("Ana Diaz 1980", "x"), ("ana", "correct horse battery")):
        client.post("/login", headers=HOST, data={"username": name, "password": password},
                    environ_base={"REMOTE_ADDR": "127.0.0.7"})
    entries = AuditLog(instance / "audit.jsonl").read(dt.date(2000, 1, 1))
    assert [(e["kind"], e["user"], e["result"], e["address"]) for e in entries] == [
        ("sign-in", "ana", "refused", "127.0.0.7"), ("sign-in", "-", "refused", "127.0.0.7"),
        ("sign-in", "ana", "ok", "127.0.0.7")]
    assert "Diaz" not in (instance / "audit.jsonl").read_text()
    assert json.loads((instance / "audit.jsonl").read_text().splitlines()[0])["prev"] == "0" * 64
