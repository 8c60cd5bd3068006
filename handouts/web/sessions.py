"""Sign-in sessions kept on the server, so that ending one ends it everywhere.

The cookie carries only a random token; the instance folder's sessions.json holds its SHA-256 (a copy of the
file signs no one in) with the user, when it started, when it was last used and from which address. A session
ends on sign-out, after the idle limit, when its user is removed, and when the user's password changes (each
record keeps a fingerprint of the password hash it was opened with). `handouts users sessions` lists them.
"""
from __future__ import annotations

import hashlib
import secrets
import time
from pathlib import Path

from handouts.web.accounts import User
from handouts.web.store import locked_json

SESSIONS_FILE = "sessions.json"
MAX_SESSIONS = 10_000       # the oldest are dropped past this (each is one sign-in)
TOUCH_EVERY_S = 30.0        # "last used" is written at most this often (less with a short idle limit)


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def fingerprint(user: User) -> str:
    """Changes whenever the user's password does."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


class Sessions:
    """idle_seconds: the server's idle limit, kept in each record so that `handouts users` knows it too."""

    def __init__(self, path: Path, idle_seconds: float = 0.0):
        self.path = Path(path)
        self.idle_seconds = idle_seconds

    def start(self, user: User, address: str | None) -> str:
        """A new session for USER; the token goes in the cookie."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with locked_json(self.path) as state:
            self._prune(state, now)
            state[_key(token)] = {"user": user.name, "password": fingerprint(user), "address": address or "",
                                  "started": now, "seen": now, "idle": self.idle_seconds}
        return token

    def check(self, token: str | None, user: User | None) -> str:
        """"ok", "idle" (ended by the idle limit) or "ended" (signed out, removed, password changed)."""
        if not token or user is None:
            return "ended"
        key, now = _key(token), time.time()
        with locked_json(self.path) as state:
            record = state.get(key)
            if not isinstance(record, dict) or record.get("user") != user.name \
                    or record.get("password") != fingerprint(user):
                state.pop(key, None)
                return "ended"
            if _idle(record, now):
                del state[key]
                return "idle"
            if now - record["seen"] > min(TOUCH_EVERY_S, self.idle_seconds / 4):
                record["seen"] = now
        return "ok"

    def end(self, token: str | None) -> None:
        if token:
            with locked_json(self.path) as state:
                state.pop(_key(token), None)

    def end_all(self, name: str) -> int:
        """End every session of NAME; how many there were."""
        with locked_json(self.path) as state:
            keys = [k for k, v in state.items() if isinstance(v, dict) and v.get("user") == name]
            for key in keys:
                del state[key]
        return len(keys)

    def all(self) -> list[dict]:
        """The open sessions, oldest first (without their keys)."""
        with locked_json(self.path) as state:
            self._prune(state, time.time())
            return sorted((dict(v) for v in state.values()), key=lambda v: v.get("started", 0))

    def _prune(self, state: dict, now: float) -> None:
        """Drop damaged and idle records, and the oldest past MAX_SESSIONS."""
        stale = [k for k, v in state.items() if not isinstance(v, dict) or _idle(v, now)]
        for key in stale:
            del state[key]
        for key, _ in sorted(state.items(), key=lambda kv: kv[1]["seen"])[:max(0, len(state) - MAX_SESSIONS + 1)]:
            del state[key]


def _idle(record: dict, now: float) -> bool:
    seen, idle = record.get("seen"), record.get("idle")
    if not isinstance(seen, float | int) or not isinstance(idle, float | int):
        return True  # damaged: ended
    return now - seen > idle
