"""One build at a time per output folder.

Two builds writing one folder would each rewrite the manifest from their own records, and the last one
wins. The first holds an exclusive lock (flock) on `.handouts.lock` in the folder; a second build is
refused at once with the process id of the holder. The kernel drops the lock when the holder exits,
however it ends, so a killed build never leaves the folder locked.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from handouts.errors import HandoutsError, display_path

LOCK_NAME = ".handouts.lock"


class OutputBusy(HandoutsError):
    """Another build is writing the same output folder."""


@contextlib.contextmanager
def hold(folder: Path):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise OutputBusy(f"{display_path(folder)}: another build (process {holder}) is writing this folder; "
                             f"wait for it to finish, or use another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)
