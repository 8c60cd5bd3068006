"""The batch engine: render many jobs, in worker processes, skipping those whose inputs are unchanged.

- `jobs=1` renders in this process; `jobs=N` uses N forked workers (publish/workers.py). A worker makes
  the job's HTML, compares its key with the file's record, and renders only when it changed.
- Only this (parent) process writes files: each PDF atomically, then its record, appended to the ledger's
  journal (publish/cache.py) and to manifest.json (manifest.Appender): a flat cost per PDF.
- The outputs about to be made again are set aside (`.NAME.pdf.stale`) and their records dropped before the
  first render, so a run killed at any moment leaves a manifest listing exactly the PDFs in the folder, with
  their hashes, and no truncated PDF. A set-aside file comes back if its job turns out unchanged or fails.
- A rendering failure of one job is reported and the others go on: WeasyPrint's warnings and errors, an
  overflow or an unfinished page (typeset/guard.py), or a PDF taking longer than `timeout` seconds.
"""
from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from handouts import files
from handouts.checks import last_page, readability
from handouts.plan import review, variants
from handouts.plan.jobs import Job
from handouts.publish import manifest, workers
from handouts.publish.cache import Ledger, inputs_key, job_key
from handouts.render.epub import package_epub
from handouts.render.html import render_parts
from handouts.render.web import render_web
from handouts.resolve import resolve
from handouts.typeset import guard


@dataclass(frozen=True)
class Task:
    job: Job
    path: PurePosixPath  # relative to the output folder


@dataclass
class Outcome:
    rendered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    records: dict[str, dict] = field(default_factory=dict)  # every finished output of this run, by path

    def summary(self) -> str:
        text = f"{len(self.rendered)} rendered, {len(self.skipped)} unchanged (skipped), {len(self.failed)} failed"
        return text + "".join(f"\n  FAILED {path}: {message}" for path, message in self.failed)


class Reporter:
    """Progress as plain lines (the default when stderr is not a terminal)."""

    def __init__(self, emit: Callable[[str], None] | None = None):
        self.emit = emit

    def start(self, total: int) -> None:
        self.total, self.done = total, 0

    def advance(self, path: str, status: str) -> None:
        self.done += 1
        if self.emit:
            self.emit(f"[{self.done}/{self.total}] {path}: {status}")

    def finish(self) -> None:
        pass


def default_jobs() -> int:
    return workers.default_jobs()


def record_for(job, path: str, data: bytes, keys: tuple[str, str], pages: int | None = None) -> dict:
    """keys: (HTML key, input-file key), see publish/cache.py. pages: from the layout (else read from data)."""
    if job.patient is not None:  # privacy rule (docs/privacy.md): personalized PDFs never reach the cache or manifest
        raise ValueError("a personalized job never goes into the manifest or the build cache")

    spec = variants.get(job.variant)
    paper = job.clinic.model.paper
    return {
        "file": path, "clinic": job.clinic.slug, "handout": job.handout, "language": job.lang,
        "variant": job.variant, "standard": spec.standard, "trim": paper, "bleed_mm": spec.bleed_for(paper),
        "pages": manifest.count_pages(data) if pages is None else pages, "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "version": review.version(job), "cache_key": keys[0],
        "inputs_key": keys[1], "reading_level": readability.scores(job),
    }


DEFAULT_TIMEOUT = 300.0  # seconds per PDF; the sample handouts take about one


@dataclass
class _Todo:
    task: Task
    quick: str  # the input-file key
    known: dict | None  # the record of the file set aside, if it was intact
    expect: str | None  # the HTML key that means "unchanged" (None: render whatever it is)


def run(tasks: list[Task], out_dir: Path, jobs: int = 1, force: bool = False, reporter: Reporter | None = None,
        write_manifest: bool = False, timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Bring every task's output up to date (and out_dir/manifest.json with them, if write_manifest).

    timeout: seconds one PDF may take; past it that PDF fails and the others go on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    reporter = reporter or Reporter()
    reporter.start(len(tasks))
    ledger, outcome = Ledger(out_dir), Outcome()
    todo = _sort(tasks, ledger, force, outcome, reporter)
    for item in todo:  # nothing about to change stays listed, or in place, until it is written again
        _set_aside(out_dir / item.task.path)
    ledger.forget(str(item.task.path) for item in todo)
    if todo or ledger.replayed:
        ledger.save()
    book = manifest.Appender(out_dir, _entries(ledger)) if write_manifest and todo else None
    if write_manifest and not todo:
        manifest.write(out_dir, _entries(ledger))
    results = workers.each(functools.partial(_work, timeout=timeout), [(i.task.job, i.expect, i.task.path.name) for i in todo], jobs)
    try:
        for index, made, error in results:
            item = todo[index]
            if error is not None:  # the worker itself died (out of memory, killed)
                made = ("failed", "", None, 0, f"{error.__class__.__name__}: {error}")  # noqa: PLW2901
            record, status = _finish(item, made, out_dir, outcome)
            if record is not None:
                ledger.record(str(item.task.path), record)
                if book:
                    book.add(manifest.entry_from_record(record))
            reporter.advance(str(item.task.path), status)  # after the record: a line seen is a file listed
    finally:
        results.close()  # interrupted (Ctrl-C): the workers stop before the records are saved
        if todo:
            ledger.save()
        ledger.close()
        if book:
            book.close(_entries(ledger))
    reporter.finish()
    outcome.failed.sort()
    return outcome


def _entries(ledger: Ledger) -> dict[str, manifest.Entry]:
    return {path: manifest.entry_from_record(record) for path, record in ledger.records.items()}


def _sort(tasks: list[Task], ledger: Ledger, force: bool, outcome: Outcome, reporter: Reporter) -> list[_Todo]:
    """Skip what is fresh by its input-file key (cheap: no HTML); the rest goes to the workers."""
    todo = []
    for task in tasks:
        path = str(task.path)
        try:
            quick = inputs_key(task.job)
        except Exception as exc:  # e.g. a logo gone since validation, an unreadable --icc profile
            outcome.failed.append((path, f"{exc.__class__.__name__}: {exc}"))
            reporter.advance(path, f"FAILED: {exc}")
            continue
        if not force and ledger.fresh(path, quick, "inputs_key"):
            outcome.skipped.append(path)
            outcome.records[path] = ledger.records[path]
            reporter.advance(path, "unchanged")
            continue
        known = ledger.records.get(path)
        intact = known is not None and ledger.fresh(path, known.get("cache_key", ""))
        todo.append(_Todo(task, quick, known if intact else None,
                          None if force or not intact or known is None else known["cache_key"]))
    return todo


def _finish(item: _Todo, result: tuple, out_dir: Path, outcome: Outcome) -> tuple[dict | None, str]:
    """Write what a worker made: (the record to keep for the output or None, the progress status)."""
    status, key, data, pages, error = result
    path, target = str(item.task.path), out_dir / item.task.path
    if status == "rendered":
        files.write_bytes(target, data)
        _stale(target).unlink(missing_ok=True)
        record = record_for(item.task.job, path, data, (key, item.quick), pages)
        outcome.rendered.append(path)
    else:  # unchanged HTML, or failed: the file set aside is what there is
        if _stale(target).is_file():
            os.replace(_stale(target), target)
        if status == "failed":
            outcome.failed.append((path, error))
            return item.known, f"FAILED: {error}"
        assert item.known is not None
        record = {**item.known, "inputs_key": item.quick}  # same HTML from changed input files
        outcome.skipped.append(path)
    outcome.records[path] = record
    return record, status


def _work(item: tuple[Job, str | None, str], timeout: float | None = None
          ) -> tuple[str, str, bytes | None, int, str | None]:
    """Runs in a worker (or in-process): (status, HTML key, PDF, pages, one-line error). Never raises.
    item: (job, the HTML key meaning "unchanged", the output's file name, which press files print in their slug)."""
    from handouts.typeset import render_counted

    job, expect, name = item
    try:
        if variants.get(job.variant).is_web:
            return _web_page(job, expect)
        parts = render_parts(job)
        key = job_key(job, parts[0] + "\0" + parts[1])
        if key == expect:
            return "unchanged", key, None, 0, None
        with guard.time_limit(timeout, job.clinic.doc.name):
            data, pages = render_counted(job, parts, name)
        near_empty = last_page.near_empty_last_page(data, name)  # a last page of a line or two: a wasted sheet
        if near_empty:
            return "failed", "", None, 0, near_empty
        return "rendered", key, data, pages, None
    except guard.RenderProblem as exc:  # names the clinic file: its logo, text or font
        return "failed", "", None, 0, exc.format_message()
    except Exception as exc:
        return "failed", "", None, 0, f"{exc.__class__.__name__}: {exc}"


def _web_page(job: Job, expect: str | None) -> tuple[str, str, bytes | None, int, str | None]:
    """The web variants: one HTML file (render/web.py), or that page as an EPUB (render/epub.py), no WeasyPrint;
    "pages" is 1. The EPUB is made from the page alone, so the page's key tells whether it changed."""
    doc = resolve(job)
    html = render_web(doc)
    key = job_key(job, html)
    if key == expect:
        return "unchanged", key, None, 0, None
    data = package_epub(doc, html) if variants.get(job.variant).extension == "epub" else html.encode("utf-8")
    return "rendered", key, data, 1, None


def _stale(target: Path) -> Path:
    return target.with_name(f".{target.name}.stale")


def _set_aside(target: Path) -> None:
    if target.is_file():
        os.replace(target, _stale(target))


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files of a killed run (files.py names them .NAME.XXXX.tmp) are removed, never used; so are
    the outputs it had set aside (.NAME.pdf.stale, .NAME.html.stale: out of date, and no longer listed)."""
    for pattern in (".*.tmp", ".*.pdf.stale", ".*.html.stale"):
        for path in out_dir.rglob(pattern):
            if path.is_file():
                path.unlink(missing_ok=True)
