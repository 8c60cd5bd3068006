"""The audit log: one JSON line per request that makes (or tries to make) a PDF. Never patient data.

A line names who, when, which clinic, handouts and language, blank or personalized, how many patients,
how many bytes and the result. Every value is either a number, a time, the signed-in user, or a name checked
against the project's own lists (clinics, handouts, languages): text a person typed into the form never
reaches this file. Lines are appended with O_APPEND in one write, so several processes can share the file.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError

AUDIT_FILE = "audit.jsonl"


@dataclass
class Entry:
    user: str
    kind: str                       # personalized | blank | schedule
    clinic: str | None = None
    handouts: list[str] = field(default_factory=list)
    language: str | None = None
    action: str = "download"        # preview | download | print | merged | zip
    patients: int = 0
    bytes: int = 0
    result: str = "ok"              # ok | refused | failed
    time: str = ""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class AuditLog:
    def __init__(self, path: Path):
        self.path = Path(path)

    def write(self, entry: Entry) -> None:
        entry.time = entry.time or now()
        line = (json.dumps(asdict(entry), separators=(",", ":"), ensure_ascii=True) + "\n").encode()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def read(self, since: dt.date, user: str | None = None, clinic: str | None = None) -> list[dict]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise HandoutsError(f"{self.path}: no audit log yet (the staff page writes it)") from None
        start = since.isoformat()
        out = []
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
                when = entry["time"]
            except (ValueError, KeyError, TypeError):
                raise HandoutsError(f"{self.path}:{number}: not an audit line") from None
            if when[:10] >= start and (user is None or entry.get("user") == user) \
                    and (clinic is None or entry.get("clinic") == clinic):
                out.append(entry)
        return out


def summary(entries: list[dict]) -> list[str]:
    """Lines for `handouts audit`: totals, then one line per user and clinic."""
    made = [e for e in entries if e.get("result") == "ok"]
    results = Counter(e.get("result") for e in entries)
    lines = [f"{len(entries)} request(s): {results['ok']} made PDFs, {results['refused']} refused "
             f"(bad input), {results['failed']} failed; {sum(e.get('patients', 0) for e in made)} patient(s), "
             f"{sum(e.get('bytes', 0) for e in made) / 1e6:.1f} MB"]
    if not entries:
        return lines
    first, last = min(e["time"] for e in entries), max(e["time"] for e in entries)
    lines.append(f"from {first} to {last}")
    groups: dict[tuple[str, str], Counter] = {}
    for e in entries:
        counts = groups.setdefault((e.get("user") or "-", e.get("clinic") or "-"), Counter())
        counts["requests"] += 1
        counts[e.get("kind", "?")] += e.get("result") == "ok"
        counts["patients"] += e.get("patients", 0) if e.get("result") == "ok" else 0
        counts["not ok"] += e.get("result") != "ok"
    width = max(len(user) for user, _ in groups) + 2
    lines.append(f"{'user':<{width}}{'clinic':<24}{'requests':>9}{'personal':>9}{'schedule':>9}{'blank':>7}"
                 f"{'patients':>9}{'not ok':>7}")
    for (user, clinic), c in sorted(groups.items()):
        lines.append(f"{user:<{width}}{clinic:<24}{c['requests']:>9}{c['personalized']:>9}{c['schedule']:>9}"
                     f"{c['blank']:>7}{c['patients']:>9}{c['not ok']:>7}")
    return lines
