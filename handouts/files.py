"""Files written whole or not at all (a temporary file beside the target, then a rename), zips that are
the same bytes for the same files, and input files read within bounds (regular files only, size capped)."""
from __future__ import annotations

import base64
import errno
import io
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

NOT_REPLACEABLE = "is not a regular file (a device, pipe, socket, folder or link to one); not replaced"


def check_replaceable(path: Path) -> None:
    """Refuse to replace anything but a regular file: the rename below would turn a device (`-o /dev/null`),
    a FIFO or a socket into a plain file, as root even the system's own. OSError names the path, so the CLI
    prints one line."""
    try:
        info = os.stat(path)  # follows links: /dev/stdout is a link to a pipe or terminal
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EEXIST, NOT_REPLACEABLE, str(path))


def write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write DATA to PATH whole or not at all, over nothing or a regular file only."""
    check_replaceable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # name the file the user asked for, not a temporary name
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        check_replaceable(path)  # again, just before the rename: the target may have changed meanwhile
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk says so without a file name
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def write_text(path: Path, text: str, mode: int = 0o644) -> None:
    write_bytes(path, text.encode("utf-8"), mode)


class ReadRefused(ValueError):
    """A file that is not read: not a regular file, or larger than the caller allows."""


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes, read without blocking on a FIFO or reading a device.

    O_NONBLOCK makes opening a FIFO return at once, so the file type is checked on the open descriptor
    (no window between a check and the open). OSError (missing, unreadable) passes through."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("is not a regular file (a folder, pipe or device); give a file")
        if info.st_size > max_bytes:
            raise ReadRefused(f"is too large ({info.st_size:,} bytes; at most {max_bytes:,})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)  # the file may grow after fstat
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ReadRefused(f"is too large (more than {max_bytes:,} bytes)")
    return data


ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: no clock time in the archive


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, data) entries: sorted, fixed dates and permissions, deflated; the same entries give the
    same bytes, so a rebuilt bundle or download can be compared with sha256."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


MAX_EMBEDDED = 5_000_000  # bytes: a logo inside a web page (the checks refuse far smaller logos already)


def data_uri(path: Path, media_type: str) -> str:
    """A file as a data: URI (the web page carries its logo inside itself: no request to any host)."""
    return f"data:{media_type};base64,{base64.b64encode(read_regular(path, MAX_EMBEDDED)).decode('ascii')}"
