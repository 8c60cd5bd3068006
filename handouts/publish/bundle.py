"""`handouts bundle`: every selected clinic x handout x language as press PDFs, patient packets, a
manifest (JSON + CSV), a job sheet, checked by preflight, and the same folder as a deterministic zip.

Packets (publish/packet.py) are assembled with pikepdf from the rendered press PDFs rather than rendered
from one long HTML: the pages are then the very pages that passed preflight as single handouts, a packet
needs no second WeasyPrint render (so an unchanged bundle re-runs in well under a second), and blank pages
for right-hand starts are plain to add. Booklets are imposed from the packet's pages without any slug, so
their own marks are the only ones.

A delivery with drafts in it (--allow-draft) says so wherever a shop looks: the job sheet's first line, the
manifest's `status` column, the slug of every page and the zip's name.

With `web=True` the same selection also comes as web pages in `web/<clinic>/` (publish/bundle_web.py).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pikepdf

from handouts import files
from handouts.errors import HandoutsError
from handouts.models.print_shop import Order
from handouts.plan import names, review
from handouts.plan.jobs import plan
from handouts.press import crop_marks as marks_mod
from handouts.press import finish, icc
from handouts.publish import batch, bundle_web, jobsheet, lock, preflight, xjdf
from handouts.publish import booklet as imposition
from handouts.publish.manifest import count_pages
from handouts.publish.packet import build_packet

__all__ = ["BundleRefused", "BundleResult", "build_packet", "make", "make_zip"]

VARIANT = "print"
RENDER_FIELDS = ["file", "clinic", "handout", "language", "variant", "standard", "trim", "bleed_mm", "pages",
                 "bytes", "sha256", "version"]
# status: "release" or "draft" (proof only); sheet, sheets: the press sheet and how many of them a booklet
# takes (empty for files printed page by page: their pages are the trimmed size plus bleed and slug)
MANIFEST_FIELDS = [*RENDER_FIELDS, "status", "sheet", "sheets"]
JOB_SHEET = "JOB-SHEET.txt"
DRAFT_SUFFIX = "-DRAFT"  # of the zip's name


class BundleRefused(HandoutsError):
    """Drafts in the selection, a preflight error, or a rendering failure."""


@dataclass(frozen=True)
class BundleResult:
    folder: Path
    zip_path: Path
    records: list[dict]     # the press PDFs
    outcome: batch.Outcome
    reports: list[preflight.Report]
    warnings: tuple[str, ...] = ()  # one line each, e.g. an output condition the profile does not describe
    web: list[dict] = field(default_factory=list)  # the manifest rows of the web pages and indexes (--web)


@dataclass(frozen=True)
class _Run:
    """What one bundle run was asked for, beyond its jobs."""

    version: str
    sheets: dict            # paper size -> booklet Sheet (empty: no booklets)
    marks: str
    output_condition: str | None
    icc_profile: Path | None
    order: Order | None     # the shop's quantity, stock, deadline, contact, proof instructions
    drafts: frozenset       # keys of the jobs that are drafts (allowed by --allow-draft)
    warnings: tuple[str, ...]
    web_tasks: tuple[batch.Task, ...] = ()  # the web pages, if asked for


def make(inputs, out_dir: Path, handouts=None, langs=None, jobs: int = 1, force: bool = False,
         icc_profile: Path | None = None, allow_draft: bool = False,
         reporter: batch.Reporter | None = None, output_condition: str | None = None,
         booklet: bool = False, sheet: str | None = None,
         timeout: float | None = batch.DEFAULT_TIMEOUT, marks: str = "crop", order: Order | None = None,
         web: bool = False) -> BundleResult:
    """web: also the selection's web pages, with an index.html per clinic, in web/<clinic>/."""
    planned = plan(inputs.content, inputs.clinics, handouts, langs, [VARIANT], icc_profile,
                   output_condition=output_condition, marks=marks)
    warnings: tuple[str, ...] = ()
    if planned:
        profile = icc.check(planned[0].cmyk_profile)  # once, before any render: one line if it is unusable
        if refusal := profile.contradiction(output_condition):
            raise HandoutsError(refusal)
        warnings = tuple(w for w in [profile.mismatch(output_condition)] if w)
    # the booklet sheet of each paper size, also checked before any render
    sheets = {p: imposition.sheet_for(p, sheet) for p in {j.clinic.model.paper for j in planned}} if booklet else {}
    pages = bundle_web.plan_pages(inputs, handouts, langs) if web else []
    drafts = [(job.key, reasons) for job in planned + pages if (reasons := review.draft_reasons(job))]
    if drafts and not allow_draft:  # a page is a draft when its press file is: those name them all
        raise BundleRefused("refusing to bundle drafts (use --allow-draft for a proof run):\n" +
                            "\n".join(f"  {key}: {'; '.join(reasons)}" for key, reasons in drafts
                                      if not key.endswith("/" + bundle_web.VARIANT)))
    tasks = [batch.Task(job, PurePosixPath(names.press_name(job.clinic.slug, job.handout, job.lang,
                                                             review.version(job))))
             for job in planned]
    paths = [str(t.path) for t in tasks]
    if len(set(paths)) != len(paths):
        raise BundleRefused("two outputs would get the same file name; shorten a clinic folder name")
    run = _Run(inputs.content.model.version, sheets, marks, output_condition, icc_profile, order,
               frozenset(key for key, _ in drafts), warnings, tuple(bundle_web.tasks(pages)))
    out_dir = Path(out_dir)
    with lock.hold(out_dir):
        return _make(inputs, planned, tasks, out_dir, run, jobs, force, reporter, timeout)


def _make(inputs, planned, tasks, out_dir: Path, run: _Run, jobs: int, force: bool, reporter,
          timeout: float | None) -> BundleResult:
    _remove_summaries(out_dir)  # a half-finished run must not leave the previous run's manifest behind
    outcome = batch.run(tasks + list(run.web_tasks), out_dir, jobs=jobs, force=force, reporter=reporter, timeout=timeout)
    if outcome.failed:
        raise BundleRefused("bundle not made; rendering failed:\n" + outcome.summary())
    records = [_public(outcome.records[str(t.path)], t.job.key in run.drafts) for t in tasks]
    records += _packets(planned, records, out_dir, run)
    records += _booklets(records, out_dir, run)
    reports = [preflight.check(out_dir / r["file"]) for r in records]
    bad = [r for r in reports if not r.ok]
    if bad:
        raise BundleRefused("bundle not made; preflight failed:\n" + "\n".join(line for r in bad for line in r.lines()))
    web = bundle_web.rows(list(run.web_tasks), outcome, run.drafts, MANIFEST_FIELDS, out_dir)
    _write_manifests(out_dir, records + web)
    profile = planned[0].cmyk_profile if planned else Path(run.icc_profile or "")
    files.write_text(out_dir / JOB_SHEET, jobsheet.render(
        inputs.content.model, records, profile, run.marks, tac=preflight.DEFAULT_TAC,
        output_condition=run.output_condition, sheets=run.sheets, order=run.order, web=web))
    released = f"{inputs.content.model.released.isoformat()}T00:00:00Z"
    files.write_text(out_dir / xjdf.TICKET, xjdf.ticket(out_dir.name, records, run.sheets, run.order, released))
    zip_path = zip_path_for(out_dir, draft=bool(run.drafts))
    files.write_bytes(zip_path, make_zip(out_dir, [r["file"] for r in records + web] +
                                          ["manifest.json", "manifest.csv", JOB_SHEET, xjdf.TICKET]))
    return BundleResult(folder=out_dir, zip_path=zip_path, records=records, outcome=outcome, reports=reports,
                        warnings=run.warnings, web=web)


def zip_path_for(out_dir: Path, draft: bool) -> Path:
    """Beside the folder; a delivery with drafts in it is named so before anyone opens it."""
    return out_dir.parent / f"{out_dir.name}{DRAFT_SUFFIX if draft else ''}.zip"


def _public(record: dict, draft: bool) -> dict:
    return {**{k: record[k] for k in RENDER_FIELDS}, "status": "draft" if draft else "release",
            "sheet": "", "sheets": ""}


def _remove_summaries(out_dir: Path) -> None:
    for name in ("manifest.json", "manifest.csv", JOB_SHEET, xjdf.TICKET):
        (out_dir / name).unlink(missing_ok=True)
    for draft in (False, True):
        zip_path_for(out_dir, draft).unlink(missing_ok=True)


def _packets(planned, records, out_dir: Path, run: _Run) -> list[dict]:
    """One packet per clinic and language: the handouts in content order, each on a right-hand page."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for job, record in zip(planned, records):
        groups.setdefault((job.clinic.slug, job.lang), []).append(record)
    out = []
    for (clinic, lang), parts in groups.items():
        if len(parts) < 2:
            continue
        name = names.packet_name(clinic, lang, run.version)
        bleed_pt = parts[0]["bleed_mm"] * 72 / 25.4
        draft = any(p["status"] == "draft" for p in parts)
        data = build_packet([out_dir / p["file"] for p in parts], name, bleed_pt, run.marks, draft)
        files.write_bytes(out_dir / name, data)
        first = parts[0]
        out.append({**first, "file": name, "handout": "packet:" + "+".join(p["handout"] for p in parts),
                    "pages": _count(data), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                    "status": "draft" if draft else "release"})
    return out


def _booklets(records: list[dict], out_dir: Path, run: _Run) -> list[dict]:
    """Each packet imposed for saddle stitching on the sheet of its paper size (none without sheets)."""
    out = []
    for packet in [r for r in records if run.sheets and r["handout"].startswith("packet:")]:
        packet_path = out_dir / packet["file"]
        with pikepdf.open(packet_path) as source:
            title = str(source.docinfo.get("/Title", ""))
        name = names.booklet_name(packet["clinic"], packet["language"], run.version)
        chosen = run.sheets[packet["trim"]]
        imposed = imposition.impose(_without_marks(packet_path.read_bytes()), chosen, title, name,
                                    draft=packet["status"] == "draft")
        data = _finished(imposed)
        files.write_bytes(out_dir / name, data)
        pages = _count(data)
        out.append({**packet, "file": name, "handout": "booklet:" + packet["handout"].removeprefix("packet:"),
                    "pages": pages, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                    "sheet": chosen.describe(), "sheets": pages // 2})
    return out


def _without_marks(data: bytes) -> bytes:
    """The packet's pages cut back to their BleedBox, its slug and marks removed: imposed as they are, the
    packet's marks would print inside the booklet sheet beside the booklet's own."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        marks_mod.apply(pdf, "", 0, "none")
        return finish.save(pdf)


def _finished(data: bytes) -> bytes:
    """The booklet as the other press files are: PDF 1.6 header, PDF/X version in Info, no CropBox or ArtBox."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        finish.tidy(pdf)
        finish.share_profiles(pdf)
        return finish.save(pdf)


def _count(data: bytes) -> int:
    return count_pages(data)


def _write_manifests(out_dir: Path, records: list[dict]) -> None:
    files.write_text(out_dir / "manifest.json", json.dumps({"outputs": records}, indent=2) + "\n")
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: spreadsheet_safe(value) for name, value in record.items()} for record in records)
    files.write_text(out_dir / "manifest.csv", text.getvalue())


def spreadsheet_safe(value):
    """A cell that a spreadsheet would run as a formula (= + - @, or a tab or return before one) is written
    with a leading apostrophe, which spreadsheets show as text (OWASP's advice for CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def make_zip(folder: Path, names: list[str]) -> bytes:
    """Sorted entries, fixed dates and permissions: the same files give the same zip bytes."""
    return files.zip_bytes((f"{folder.name}/{name}", (folder / name).read_bytes()) for name in names)
