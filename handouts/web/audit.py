"""The audit log: one JSON line per request that makes (or tries to make) a PDF, and per sign-in. Never
patient data.

A line names who, when, which clinic, handouts and language, blank or personalized, how many patients,
how many bytes and the result; a sign-in line names the user and the address it came from. Every value is
either a number, a time, a user name, an address, or a name checked against the project's own lists
(clinics, handouts, languages): text a person typed into the form never reaches this file.

The file is append-only and chained: each line carries the SHA-256 of the line before ("prev"), so a line
changed, removed or inserted later breaks the chain at the next one (`handouts audit --verify`). Lines are
appended under an exclusive lock (several processes share the file), the write is checked and flushed to
disk, and a failed write raises: the request then fails instead of handing out a PDF that was not recorded.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.web.audit_report import summary

__all__ = ["AUDIT_FILE", "AuditLog", "Entry", "summary"]
AUDIT_FILE = "audit.jsonl"
GENESIS = "0" * 64              # the "prev" of a log's first line
TAIL_BYTES = 64 * 1024          # the last line is found within this many bytes of the end


@dataclass
class Entry:
    user: str
    kind: str                       # personalized | blank | schedule | sign-in
    clinic: str | None = None
    handouts: list[str] = field(default_factory=list)
    language: str | None = None
    action: str = "download"        # preview | download | print | merged | zip | password | proxy
    patients: int = 0
    bytes: int = 0
    result: str = "ok"              # ok | refused | failed; for sign-in: ok | refused | locked | busy
    time: str = ""
    address: str | None = None      # sign-ins only: where from


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def line_hash(line: bytes) -> str:
    return hashlib.sha256(line.rstrip(b"\n")).hexdigest()


class AuditLog:
    def __init__(self, path: Path):
        self.path = Path(path)

    def write(self, entry: Entry) -> None:
        """Append ENTRY, chained to the line before. OSError when it could not be written whole and flushed
        (nothing of it is left in the file then)."""
        entry.time = entry.time or now()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            last = _last_line(fd, size)
            lead = b"\n" if last and not last.endswith(b"\n") else b""  # a torn line stays a line of its own
            record = {**asdict(entry), "prev": line_hash(last) if last else GENESIS}
            line = lead + (json.dumps(record, separators=(",", ":"), ensure_ascii=True) + "\n").encode()
            try:
                written = os.write(fd, line)
                if written != len(line):
                    raise OSError(28, "the audit log could not be written whole (disk full?)", str(self.path))
                os.fsync(fd)
            except OSError:
                os.ftruncate(fd, size)  # no partial line for the next one to merge with
                raise
        finally:
            os.close(fd)

    def lines(self) -> list[bytes]:
        try:
            return self.path.read_bytes().splitlines()
        except FileNotFoundError:
            raise HandoutsError(f"{self.path}: no audit log yet (the staff page writes it)") from None

    def read(self, since: dt.date, user: str | None = None, clinic: str | None = None,
             bad: list[str] | None = None) -> list[dict]:
        """The entries from SINCE on; a line that is not an audit line is skipped and named in BAD."""
        start = since.isoformat()
        out = []
        for number, raw in enumerate(self.lines(), 1):
            entry = parse_line(raw)
            if entry is None:
                if bad is not None:
                    bad.append(f"{self.path}:{number}: not an audit line (skipped)")
                continue
            if entry["time"][:10] >= start and (user is None or entry.get("user") == user) \
                    and (clinic is None or entry.get("clinic") == clinic):
                out.append(entry)
        return out

    def verify(self) -> tuple[int, int, str | None]:
        """(lines checked, lines from before the chain, the first break as FILE:LINE: message or None).

        Lines without "prev" at the start of the file were written before the chain existed: counted, not
        checked. After the first chained line every line must carry the hash of the one before."""
        previous: bytes | None = None
        lines, unchained = self.lines(), 0
        for number, raw in enumerate(lines, 1):
            entry = parse_line(raw)
            if entry is None:
                return number, unchained, f"{self.path}:{number}: not an audit line (damaged or edited)"
            if "prev" not in entry and unchained == number - 1:
                unchained, previous = number, raw
                continue
            expected = line_hash(previous) if previous is not None else GENESIS
            if entry.get("prev") != expected:
                return number, unchained, (f"{self.path}:{number}: the chain breaks here: a line before it was changed, "
                                f"removed or inserted")
            previous = raw
        return len(lines), unchained, None


def parse_line(raw: bytes) -> dict | None:
    """The entry on one line, or None when the line is not one (not UTF-8 JSON, or a field of the wrong type)."""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("time"), str):
        return None
    for name in ("patients", "bytes"):
        if not isinstance(entry.get(name, 0), int) or isinstance(entry.get(name, 0), bool):
            return None
    for name in ("user", "kind", "result"):
        if not isinstance(entry.get(name, ""), str):
            return None
    return entry


def _last_line(fd: int, size: int) -> bytes:
    """The file's last line (with its newline, if it has one)."""
    start = max(0, size - TAIL_BYTES)
    tail = os.pread(fd, size - start, start)
    cut = tail.rstrip(b"\n").rfind(b"\n")
    return tail[cut + 1:] if cut >= 0 or start == 0 else tail
