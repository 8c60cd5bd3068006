"""Sign-in lockouts, shared by every server process through a locked JSON file (store.py).

Failures are counted per name *and* address, so a stranger's guesses lock the name for that stranger only,
not for its owner at the front desk. Over all names and addresses, at most GLOBAL_FAILURES failures are
allowed per GLOBAL_WINDOW_S; past that every sign-in waits for the window to end (a spray of guesses over
many names). An attempt counts as a failure from the moment it starts (until it succeeds), so concurrent
guesses cannot all be checked before the lock falls.
"""
from __future__ import annotations

import contextlib
import time
from pathlib import Path

from handouts.web.store import locked_json

LOCKOUTS_FILE = "lockouts.json"
MAX_FAILURES = 5                 # failed sign-ins in a row from one address ...
LOCK_SECONDS = 15 * 60           # ... lock the name there for this long
MAX_TRACKED = 10_000             # keys remembered in the file (unknown names count too); locks are kept first
GLOBAL = "*"                     # the key of the count over every name and address
GLOBAL_FAILURES = 100            # failed sign-ins per window over all names ...
GLOBAL_WINDOW_S = 60.0           # ... in this many seconds


def key(name: str, address: str | None) -> str:
    return f"{name} {address or '-'}"


class Lockouts:
    def __init__(self, path: Path, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS,
                 global_failures: int = GLOBAL_FAILURES):
        self.path = Path(path)
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self.global_failures = global_failures

    @contextlib.contextmanager
    def _state(self):
        with locked_json(self.path) as state:
            now = time.time()
            kept = {k: v for k, v in state.items()
                    if isinstance(v, dict) and (v.get("until", 0) > now or v.get("last", 0) > now - 86400)}
            yield kept
            if len(kept) > MAX_TRACKED:  # keep the locks, then the newest
                order = sorted(kept.items(), key=lambda kv: (kv[1].get("until", 0) > now, kv[1].get("last", 0)))
                kept = dict(order[-MAX_TRACKED:])
            state.clear()
            state.update(kept)

    def attempt(self, key: str) -> float:
        """Before a password is checked: seconds to wait (0: go on, and the attempt counts as a failure until
        succeeded(KEY) says otherwise)."""
        with self._state() as state:
            now = time.time()
            wait = max(0.0, state.get(key, {}).get("until", 0) - now)
            spray = state.setdefault(GLOBAL, {"since": now, "failures": 0})
            if now - spray.get("since", 0) > GLOBAL_WINDOW_S:
                spray.update(since=now, failures=0)
            if not wait and spray["failures"] >= self.global_failures:
                wait = spray["since"] + GLOBAL_WINDOW_S - now
            if wait:
                return max(wait, 1.0)
            spray["failures"] += 1
            spray["last"] = now
            self._count_failure(state, key, now)
            return 0.0

    def _count_failure(self, state: dict, key: str, now: float) -> None:
        entry = state.setdefault(key, {"failures": 0})
        entry["failures"] = entry.get("failures", 0) + 1
        entry["last"] = now
        if entry["failures"] >= self.max_failures:
            entry["until"], entry["failures"] = now + self.lock_seconds, 0

    def failed(self, key: str) -> None:
        with self._state() as state:
            self._count_failure(state, key, time.time())

    def locked_for(self, key: str) -> float:
        """Seconds the key stays locked (0: not locked)."""
        with self._state() as state:
            return max(0.0, state.get(key, {}).get("until", 0) - time.time())

    def succeeded(self, key: str) -> None:
        with self._state() as state:
            state.pop(key, None)
            spray = state.get(GLOBAL)
            if spray and spray.get("failures", 0) > 0:
                spray["failures"] -= 1
