"""Staff accounts: the users file (Argon2 hashes) and the session signing key (lockouts.py holds the
sign-in lockouts, sessions.py the open sessions).

Both live in the project's instance folder (settings.instance_dir(), 0700), each file 0600, so that
several server processes and restarts share them. No file here ever holds patient data.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from handouts import files
from handouts.errors import HandoutsError
from handouts.web.store import private_folder

USERS_FILE = "users.json"
KEY_FILE = "secret.key"
NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024              # the sign-in form reads no more than this

MAX_HASHING = 2                  # Argon2 checks at once in one server (64 MiB of memory each) ...
HASH_WAIT_S = 10.0               # ... the others wait this long at most, then are told to try again
_hashing = threading.BoundedSemaphore(MAX_HASHING)

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class Busy(HandoutsError):
    """Too many passwords are being checked at once."""


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
        """The user, or None. Busy when too many checks run already: a flood of sign-ins (names need not
        exist) must not take the server's memory, 64 MiB a check."""
        user = self.get(name)
        if not _hashing.acquire(timeout=HASH_WAIT_S):
            raise Busy("Too many sign-ins at once. Please try again in a minute.")
        try:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        finally:
            _hashing.release()
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
