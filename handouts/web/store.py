"""Small JSON state files in the instance folder (lockouts, sessions), shared by every server process and
the `handouts users` command through an exclusive lock on a companion .lock file."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from handouts import files


def private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def locked_json(path: Path) -> Iterator[dict]:
    """The file's object, held under the lock while the block runs and written back (0600) after it. A missing
    or damaged file counts as empty: these files hold only state that may be lost (a lock, a sign-in)."""
    private_folder(path.parent)
    fd = os.open(path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        if not isinstance(state, dict):
            state = {}
        yield state
        files.write_text(path, json.dumps(state), mode=0o600)
    finally:
        os.close(fd)
