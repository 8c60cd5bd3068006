"""The batch engine: render many jobs, in worker processes, skipping those whose inputs are unchanged.

- `jobs=1` renders in this process; `jobs=N` uses N forked workers, each with its own FontConfiguration
  (render/pdf.py keeps one per process) that it removes when the pool shuts it down.
- Only this (parent) process writes files: each PDF atomically, then its record in `.cache.json`, then
  the caller's manifest. Records of the files about to be re-rendered are dropped first, so a run
  killed at any moment leaves no truncated PDF and no manifest entry that does not match its file.
- A rendering failure of one job is reported and the others go on.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from handouts import files
from handouts.checks import readability
from handouts.plan import review, variants
from handouts.plan.jobs import Job
from handouts.publish import manifest, workers
from handouts.publish.cache import Ledger, inputs_key, job_key
from handouts.render import guard
from handouts.render.html import render_html


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
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def record_for(job, path: str, data: bytes, keys: tuple[str, str]) -> dict:
    """keys: (HTML key, input-file key), see publish/cache.py."""
    if job.patient is not None:  # privacy rule (README): personalized PDFs never reach the cache or manifest
        raise ValueError("a personalized job never goes into the manifest or the build cache")

    spec = variants.get(job.variant)
    paper = job.clinic.model.paper
    return {
        "file": path, "clinic": job.clinic.slug, "handout": job.handout, "language": job.lang,
        "variant": job.variant, "standard": spec.standard, "trim": paper,
        "bleed_mm": spec.bleed_for(paper), "pages": manifest.count_pages(data), "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "version": review.version(job), "cache_key": keys[0],
        "inputs_key": keys[1], "reading_level": readability.scores(job),
    }


DEFAULT_TIMEOUT = 300.0  # seconds per PDF; the sample handouts take about one


def run(tasks: list[Task], out_dir: Path, jobs: int = 1, force: bool = False, reporter: Reporter | None = None,
        on_change: Callable[[Ledger], None] | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Outcome:
    """Bring every task's output up to date. on_change(ledger) runs after each change (write a manifest).

    timeout: seconds one PDF may take; past it that PDF fails and the others go on."""
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    reporter = reporter or Reporter()
    reporter.start(len(tasks))
    ledger, outcome = Ledger(out_dir), Outcome()
    todo, relabelled = _sort(tasks, ledger, outcome, reporter, force)
    if todo:  # nothing of what is about to change may stay listed until it is written again
        ledger.forget(str(t.path) for t, _, _ in todo)
    if todo or relabelled:
        ledger.save()
    if on_change:
        on_change(ledger)

    def finished(task, key, data, error):
        path = str(task.path)
        if error is not None:
            outcome.failed.append((path, error))
            reporter.advance(path, f"FAILED: {error}")
            return
        files.write_bytes(out_dir / task.path, data)
        record = record_for(task.job, path, data, key)
        ledger.record(path, record)
        ledger.save()
        outcome.rendered.append(path)
        outcome.records[path] = record
        if on_change:
            on_change(ledger)
        reporter.advance(path, "rendered")

    if jobs <= 1 or len(todo) <= 1:
        for task, html, keys in todo:
            finished(task, keys, *_render(task.job, html, task.path.name, timeout))
    else:
        with workers.pool(min(jobs, len(todo))) as pool:
            futures = {pool.submit(_render, task.job, html, task.path.name, timeout): (task, keys)
                       for task, html, keys in todo}
            for future in as_completed(futures):
                task, keys = futures[future]
                try:
                    data, error = future.result()
                except Exception as exc:  # the worker itself died (out of memory, killed)
                    data, error = None, f"{exc.__class__.__name__}: {exc}"
                finished(task, keys, data, error)
    reporter.finish()
    outcome.failed.sort()
    return outcome


def _sort(tasks: list[Task], ledger: Ledger, outcome: Outcome, reporter: Reporter,
          force: bool) -> tuple[list, bool]:
    """Split the tasks into those whose output is up to date (recorded as skipped) and those to render:
    (task, html, (key, inputs key)) each, and whether a record got a new input key."""
    todo = []
    relabelled = False
    for task in tasks:
        path = str(task.path)
        try:
            # Cheap first: a key from the input files. Only when it changed is the HTML rendered and its
            # key compared (an edit that leaves the HTML as it was re-renders nothing).
            quick = inputs_key(task.job)
            if not force and ledger.fresh(path, quick, "inputs_key"):
                html, key = None, ""
            else:
                html = render_html(task.job)
                key = job_key(task.job, html)
        except Exception as exc:  # e.g. a logo gone since validation, an unreadable --icc profile
            outcome.failed.append((path, f"{exc.__class__.__name__}: {exc}"))
            reporter.advance(path, f"FAILED: {exc}")
            continue
        if html is None or (not force and ledger.fresh(path, key)):
            if html is not None:  # same HTML from changed input files: remember the new input key
                ledger.record(path, {**ledger.records[path], "inputs_key": quick})
                relabelled = True
            outcome.skipped.append(path)
            outcome.records[path] = ledger.records[path]
            reporter.advance(path, "unchanged")
        else:
            todo.append((task, html, (key, quick)))
    return todo, relabelled


def _render(job, html: str, name: str, timeout: float | None = None) -> tuple[bytes | None, str | None]:
    """Runs in a worker (or in-process): PDF bytes, or a one-line error message. Never raises.
    name: the output's file name, which press files print in their slug."""
    from handouts.render.pdf import render_pdf  # WeasyPrint's import: only when something is rendered

    try:
        with guard.time_limit(timeout, job.clinic.doc.name):
            return render_pdf(job, html, name), None
    except guard.RenderProblem as exc:  # names the clinic file: its logo, text or font
        return None, exc.format_message()
    except Exception as exc:
        return None, f"{exc.__class__.__name__}: {exc}"


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files of a killed run (files.py names them .NAME.XXXX.tmp) are removed, never used."""
    for path in out_dir.rglob(".*.tmp"):
        if path.is_file():
            path.unlink(missing_ok=True)
