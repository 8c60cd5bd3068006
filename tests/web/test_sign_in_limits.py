"""Sign-in limits: a stranger's guesses lock the name for the stranger's address only, concurrent guesses get
no more password checks than the limit, junk names cannot evict a lock, a spray over many names meets a
global limit, and a flood of sign-ins checks only a few passwords at a time (Argon2 takes 64 MiB each)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

from handouts.web.accounts import Users
from handouts.web.app import create_app
from handouts.web.config import WebConfig
from handouts.web.lockouts import MAX_TRACKED, Lockouts, key

PASSWORD = "correct horse battery"
HOST = {"Host": "localhost"}


def sign_in(client, name, password, address):
    return client.post("/login", headers=HOST, data={"username": name, "password": password},
                       environ_base={"REMOTE_ADDR": address}).status_code


def app_with_ana(tmp_path):
    instance = tmp_path / "instance"
    Users(instance / "users.json").add("ana", PASSWORD, [])
    app = create_app(WebConfig(instance=instance))
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def test_guesses_from_elsewhere_do_not_lock_the_owner_out(tmp_path):
    client = app_with_ana(tmp_path).test_client()
    statuses = [sign_in(client, "ana", "guess", "127.0.0.66") for _ in range(6)]
    assert statuses == [401] * 5 + [429]  # locked for the guesser ...
    assert sign_in(client, "ana", PASSWORD, "127.0.0.66") == 429
    assert sign_in(client, "ana", PASSWORD, "127.0.0.2") == 302  # ... not for ana at her desk


def test_concurrent_guesses_get_no_more_checks_than_the_limit(tmp_path):
    client_app = app_with_ana(tmp_path)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(
        sign_in(client_app.test_client(), "ana", "guess", "127.0.0.66"))) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(statuses) == [401] * 5 + [429] * 11


def test_junk_names_cannot_evict_a_lock(tmp_path):
    lockouts = Lockouts(tmp_path / "lockouts.json", max_failures=1, global_failures=10 ** 9)
    lockouts.attempt(key("ana", "127.0.0.66"))
    with lockouts._state() as state:  # newer junk keys than the lock, as 10,000 guessed names would leave
        state.update({key(f"junk{n}", "x"): {"failures": 1, "last": 9e12} for n in range(MAX_TRACKED + 50)})
    assert len(json.loads((tmp_path / "lockouts.json").read_text())) == MAX_TRACKED
    assert lockouts.locked_for(key("ana", "127.0.0.66")) > 0


def test_a_spray_over_many_names_meets_the_global_limit(tmp_path):
    lockouts = Lockouts(tmp_path / "lockouts.json", global_failures=20)
    waits = [lockouts.attempt(key(f"name{n}", f"127.0.1.{n}")) for n in range(25)]
    assert waits[:20] == [0.0] * 20 and all(w > 0 for w in waits[20:])


def test_a_flood_of_sign_ins_checks_few_passwords_at_once(tmp_path):
    """16 at once, with names that do not exist: peak memory stays far below 16 x 64 MiB."""
    script = textwrap.dedent(f"""
        import resource, threading
        from pathlib import Path
        from handouts.web.accounts import Busy, Users
        users = Users(Path({str(tmp_path / "users.json")!r}))
        def guess(name):
            try:
                users.check_password(name, "guess")
            except Busy:  # told to try again: what the page says to the 503
                pass
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        threads = [threading.Thread(target=guess, args=(f"nobody{{n}}",)) for n in range(16)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 400, f"{result.stdout} MiB more at the peak"
