"""Staff accounts: the users file (Argon2 hashes), sign-in lockouts and the session signing key.

All three live in the project's instance folder (settings.instance_dir(), 0700), each file 0600, so that
several server processes and restarts share them. No file here ever holds patient data.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from handouts import files
from handouts.errors import HandoutsError
from handouts.web.store import locked_json, private_folder

USERS_FILE = "users.json"
LOCKOUTS_FILE = "lockouts.json"
KEY_FILE = "secret.key"
NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024              # the sign-in form reads no more than this
MAX_FAILURES = 5                 # failed sign-ins in a row ...
LOCK_SECONDS = 15 * 60           # ... lock the name for this long
MAX_TRACKED = 10_000             # names remembered in the lockout file (unknown names count too)

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True)
class User:
    name: str
    clinics: tuple[str, ...] = ()     # empty: every clinic
    password_hash: str = field(default="", repr=False)

    def may_use(self, clinic: str) -> bool:
        return not self.clinics or clinic in self.clinics


class Users:
    """The users file: {"users": {NAME: {"hash": ARGON2, "clinics": [SLUG, ...]}}}."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._cache: tuple[float, dict[str, User]] | None = None

    def all(self) -> dict[str, User]:
        """Read again whenever the file changed, so `handouts users` takes effect without a restart."""
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cache and self._cache[0] == mtime:
            return self._cache[1]
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            users = {name: User(name, tuple(entry.get("clinics", [])), entry["hash"])
                     for name, entry in data["users"].items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise HandoutsError(f"{self.path}: not a users file; recreate it with `handouts users add`") from None
        self._cache = (mtime, users)
        return users

    def get(self, name: str) -> User | None:
        return self.all().get(name)

    def check_password(self, name: str, password: str) -> User | None:
        user = self.get(name)
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        return user

    def save(self, users: dict[str, User]) -> None:
        private_folder(self.path.parent)
        data = {"users": {u.name: {"hash": u.password_hash, "clinics": list(u.clinics)}
                          for u in sorted(users.values(), key=lambda u: u.name)}}
        files.write_text(self.path, json.dumps(data, indent=2) + "\n", mode=0o600)

    def add(self, name: str, password: str, clinics: list[str]) -> User:
        if not NAME.match(name):
            raise HandoutsError(f"{name!r}: use lowercase letters, digits and . _ @ - (at most 64)")
        if len(password.strip()) < MIN_PASSWORD:
            raise HandoutsError(f"the password is too short: use at least {MIN_PASSWORD} characters that are "
                                f"not spaces")
        if len(password) > MAX_PASSWORD:
            raise HandoutsError(f"the password is too long: the sign-in form takes at most {MAX_PASSWORD} "
                                f"characters")
        users = dict(self.all())
        users[name] = User(name, tuple(clinics), _hasher.hash(password))
        self.save(users)
        return users[name]

    def remove(self, name: str) -> None:
        users = dict(self.all())
        if users.pop(name, None) is None:
            raise HandoutsError(f"no user called {name!r} in {self.path}")
        self.save(users)


class Lockouts:
    """Failed sign-ins per name, shared by every server process through a locked JSON file."""

    def __init__(self, path: Path, max_failures: int = MAX_FAILURES, lock_seconds: float = LOCK_SECONDS):
        self.path = Path(path)
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds

    @contextlib.contextmanager
    def _state(self):
        with locked_json(self.path) as state:
            now = time.time()
            kept = {k: v for k, v in state.items()
                    if isinstance(v, dict) and (v.get("until", 0) > now or v.get("last", 0) > now - 86400)}
            yield kept
            if len(kept) > MAX_TRACKED:  # keep the newest
                kept = dict(sorted(kept.items(), key=lambda kv: kv[1].get("last", 0))[-MAX_TRACKED:])
            state.clear()
            state.update(kept)

    def locked_for(self, name: str) -> float:
        """Seconds the name stays locked (0: not locked)."""
        with self._state() as state:
            return max(0.0, state.get(name, {}).get("until", 0) - time.time())

    def failed(self, name: str) -> None:
        with self._state() as state:
            entry = state.setdefault(name, {"failures": 0})
            entry["failures"] = entry.get("failures", 0) + 1
            entry["last"] = time.time()
            if entry["failures"] >= self.max_failures:
                entry["until"], entry["failures"] = time.time() + self.lock_seconds, 0

    def succeeded(self, name: str) -> None:
        with self._state() as state:
            state.pop(name, None)


def signing_key(folder: Path) -> bytes:
    """The session signing key: read from FOLDER/secret.key, created 0600 by the first process that needs it."""
    path = private_folder(folder) / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    for _ in range(50):  # another process may be writing it right now
        key = path.read_text(encoding="ascii").strip()
        if len(key) == 64:
            return bytes.fromhex(key)
        time.sleep(0.02)
    raise HandoutsError(f"{path}: not a signing key; delete it and start again (everyone signs in again)")
