"""Incremental builds: a cache key per output, kept in `.cache.json` in the output folder.

The key hashes everything a PDF depends on: the job's HTML (content, clinic values and templates,
already combined), the bytes of the logo, the font files, the CMYK profile (press variants), the
variant's WeasyPrint options and the versions of handouts and WeasyPrint. A file is reused only when
its key is unchanged AND its bytes still hash to the sha256 recorded when it was written.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from stat import S_ISREG
from urllib.parse import unquote, urlparse

from handouts import files, settings
from handouts.errors import display_path
from handouts.files import ReadRefused
from handouts.fonts import faces
from handouts.plan import review, variants

CACHE = ".cache.json"
JOURNAL = ".cache.journal"  # records since the last snapshot, one JSON line each
FORMAT = 1


@cache
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file, remembered per (path, size, mtime) so fonts are hashed once per process. Only a
    regular file is read: a pipe given as --icc would block the build forever, a device never end."""
    info = os.stat(path)
    if not S_ISREG(info.st_mode):
        raise ReadRefused(f"{display_path(path)}: is not a regular file (a folder, pipe or device); give a file")
    return _file_digest(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=1)
def _versions() -> dict:
    """Package versions, plus a hash of handouts' own code: an edited renderer in a checkout (same
    version number) must not reuse PDFs made by the old code."""
    code = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        code.update(path.read_bytes())
    return {**{name: metadata.version(name) for name in ("handouts", "weasyprint")}, "code": code.hexdigest()}


def job_key(job, html: str) -> str:
    spec = variants.get(job.variant)
    parts = {
        "versions": _versions(),
        "variant": [spec.name, spec.pdf_options, spec.cmyk, spec.bleed_mm, spec.marks],
        "marks": job.marks,
        "html": hashlib.sha256(html.encode("utf-8")).hexdigest(),
        "logo": file_digest(job.clinic.logo_path),
        "fonts": sorted(file_digest(Path(unquote(urlparse(rule["path"]).path)))
                        for name in faces.stack(job.clinic.model.brand.font) for rule in faces.face_rules(name)),
        "profile": [file_digest(job.cmyk_profile), job.output_condition] if spec.cmyk else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


# Libraries whose output ends up in the HTML (dates, QR code, CSS colours, font choice) besides WeasyPrint.
HTML_LIBRARIES = ("handouts", "weasyprint", "jinja2", "markupsafe", "babel", "segno", "tinycss2", "pillow",
                  "fonttools", "fontpkg", "pydantic", "pyyaml")


@lru_cache(maxsize=1)
def _library_versions() -> dict:
    return {name: metadata.version(name) for name in HTML_LIBRARIES}


def _templates_digest(folder: str) -> str:
    """Every template file, with its path (file digests are remembered per size and mtime)."""
    return hashlib.sha256(json.dumps([(str(p), file_digest(p)) for p in sorted(Path(folder).rglob("*"))
                                      if p.is_file()]).encode()).hexdigest()


def inputs_key(job) -> str:
    """A key from the job's input files, computed without rendering its HTML (fast no-op rebuilds).

    It covers every file the HTML is made from (content, translations, clinic.yaml, logo, templates,
    fonts, CMYK profile, with their paths: absolute paths appear in the HTML), the libraries that shape
    the HTML, the job's selectors and its DRAFT reasons (they depend on today's date). Two jobs with the
    same inputs_key have the same HTML; a changed inputs_key falls back to the HTML key (job_key), so an
    edit that does not change the HTML (a YAML comment) re-renders nothing."""
    spec = variants.get(job.variant)
    paths = [job.content.doc.path, *(t.doc.path for t in job.content.translations.values()),
             job.clinic.doc.path, job.clinic.logo_path]
    if spec.cmyk:
        paths.append(job.cmyk_profile)
    parts = {
        "versions": _versions(), "libraries": _library_versions(),
        "variant": [spec.name, spec.pdf_options, spec.cmyk, spec.bleed_mm, spec.marks],
        "job": [job.clinic.slug, job.handout, job.lang, job.variant, str(job.cmyk_profile), job.marks,
                job.output_condition],
        "files": [(str(Path(f).resolve()), file_digest(Path(f))) for f in paths],
        "templates": [[str(folder), _templates_digest(str(folder))] for folder in settings.template_dirs()],
        "fonts": sorted((rule["path"], file_digest(Path(unquote(urlparse(rule["path"]).path))))
                        for name in faces.stack(job.clinic.model.brand.font) for rule in faces.face_rules(name)),
        "draft": review.draft_reasons(job),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class Ledger:
    """What is in the output folder: path -> record (manifest fields + cache key + sha256).

    A snapshot (`.cache.json`) plus a journal (`.cache.journal`): record() and forget() append one line,
    so a change costs the same with 10 or 10,000 outputs, and a run killed at any moment leaves every
    change it made before; save() writes the snapshot and empties the journal. A torn last line (killed
    mid-write) is ignored."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.path = out_dir / CACHE
        self.journal = out_dir / JOURNAL
        self.records: dict[str, dict] = {}
        self._fd: int | None = None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                self.records = dict(data["outputs"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.records = {}  # missing or damaged: everything is rebuilt, nothing trusted
        self.replayed = self._replay()

    def _replay(self) -> bool:
        try:
            lines = self.journal.read_bytes().splitlines()
        except OSError:
            return False
        for line in lines:
            try:
                change = json.loads(line)
                if "put" in change:
                    self.records[change["put"]] = dict(change["record"])
                else:
                    self.records.pop(change["drop"], None)
            except (ValueError, KeyError, TypeError, AttributeError):
                break  # the torn line of a killed run is the last one
        return True

    def fresh(self, path: str, key: str, field: str = "cache_key") -> bool:
        """The file is there, unchanged since written, and made from inputs with this key (field:
        "cache_key" for the HTML key, "inputs_key" for the input-file key)."""
        record = self.records.get(path)
        target = self.out_dir / path
        return bool(record and record.get(field) == key and target.is_file()
                    and hashlib.sha256(target.read_bytes()).hexdigest() == record.get("sha256"))

    def forget(self, paths) -> None:
        for path in paths:
            if self.records.pop(path, None) is not None:
                self._append({"drop": path})

    def record(self, path: str, record: dict) -> None:
        self.records[path] = record
        self._append({"put": path, "record": record})

    def _append(self, change: dict) -> None:
        if self._fd is None:
            self._fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, json.dumps(change, sort_keys=True).encode() + b"\n")  # one write: whole or absent

    def save(self) -> None:
        """The snapshot, then an empty journal (killed in between: replaying the journal changes nothing)."""
        data = {"format": FORMAT, "outputs": {k: self.records[k] for k in sorted(self.records)}}
        files.write_text(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        self.close()
        self.journal.unlink(missing_ok=True)
        self.replayed = False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
