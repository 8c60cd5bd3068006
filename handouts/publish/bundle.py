"""`handouts bundle`: every selected clinic x handout x language as press PDFs, patient packets, a
manifest (JSON + CSV), a job sheet, checked by preflight, and the same folder as a deterministic zip.

Packets are assembled with pikepdf from the rendered press PDFs rather than rendered from one long
HTML: the pages are then the very pages that passed preflight as single handouts, a packet needs no
second WeasyPrint render (so an unchanged bundle re-runs in well under a second), and blank pages for
right-hand starts are plain to add. The packet keeps PDF/X-4: output intent, XMP identification,
boxes and dates are carried over; its XMP DocumentID is derived from its parts. Its font subsets are
renamed after their programs (publish/fonts_merge.py): the parts' subsets share names. The marks and slug
of the parts are replaced by the packet's own (its name, its page numbers); blank pages have no content
stream. Booklets are imposed from the packet's pages without any slug, so their own marks are the only ones.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pikepdf

from handouts import files
from handouts.errors import HandoutsError
from handouts.plan import names, review
from handouts.plan.jobs import plan
from handouts.publish import batch, jobsheet, lock, preflight
from handouts.publish import booklet as imposition
from handouts.publish.conditions import check_condition
from handouts.publish.fonts_merge import retag_subsets
from handouts.publish.manifest import count_pages
from handouts.render import icc, press
from handouts.render import marks as marks_mod

VARIANT = "print"
MANIFEST_FIELDS = ["file", "clinic", "handout", "language", "variant", "standard", "trim", "bleed_mm", "pages",
                   "bytes", "sha256", "version"]
JOB_SHEET = "JOB-SHEET.txt"


class BundleRefused(HandoutsError):
    """Drafts in the selection, a preflight error, or a rendering failure."""


@dataclass(frozen=True)
class BundleResult:
    folder: Path
    zip_path: Path
    records: list[dict]
    outcome: batch.Outcome
    reports: list[preflight.Report]


def make(inputs, out_dir: Path, handouts=None, langs=None, jobs: int = 1, force: bool = False,
         icc_profile: Path | None = None, allow_draft: bool = False,
         reporter: batch.Reporter | None = None, output_condition: str | None = None,
         booklet: bool = False, sheet: str | None = None,
         timeout: float | None = batch.DEFAULT_TIMEOUT, marks: str = "crop") -> BundleResult:
    planned = plan(inputs.content, inputs.clinics, handouts, langs, [VARIANT], icc_profile,
                   output_condition=output_condition, marks=marks)
    if planned:
        profile = icc.check(planned[0].cmyk_profile)  # once, before any render: one line if it is unusable
        check_condition(output_condition, profile.target, profile.description)
    # the booklet sheet of each paper size, also checked before any render
    sheets = {p: imposition.sheet_for(p, sheet) for p in {j.clinic.model.paper for j in planned}} if booklet else {}
    drafts = [(job.key, reasons) for job in planned if (reasons := review.draft_reasons(job))]
    if drafts and not allow_draft:
        raise BundleRefused("refusing to bundle drafts (use --allow-draft for a proof run):\n" +
                            "\n".join(f"  {key}: {'; '.join(reasons)}" for key, reasons in drafts))
    version = inputs.content.model.version
    tasks = [batch.Task(job, PurePosixPath(names.press_name(job.clinic.slug, job.handout, job.lang,
                                                             review.version(job))))
             for job in planned]
    paths = [str(t.path) for t in tasks]
    if len(set(paths)) != len(paths):
        raise BundleRefused("two outputs would get the same file name; shorten a clinic folder name")
    out_dir = Path(out_dir)
    with lock.hold(out_dir):
        return _make(inputs, planned, tasks, out_dir, version, sheets, jobs, force, reporter, timeout,
                     marks, output_condition, icc_profile)


def _make(inputs, planned, tasks, out_dir: Path, version: str, sheets: dict, jobs: int, force: bool, reporter,
          timeout: float | None, marks: str, output_condition: str | None, icc_profile: Path | None) -> BundleResult:
    _remove_summaries(out_dir)  # a half-finished run must not leave the previous run's manifest behind
    outcome = batch.run(tasks, out_dir, jobs=jobs, force=force, reporter=reporter, timeout=timeout)
    if outcome.failed:
        raise BundleRefused("bundle not made; rendering failed:\n" + outcome.summary())
    records = [_public(outcome.records[str(t.path)]) for t in tasks]
    records += _packets(planned, records, out_dir, version, marks)
    records += _booklets(records, out_dir, version, sheets)
    reports = [preflight.check(out_dir / r["file"]) for r in records]
    bad = [r for r in reports if not r.ok]
    if bad:
        raise BundleRefused("bundle not made; preflight failed:\n" + "\n".join(line for r in bad for line in r.lines()))
    _write_manifests(out_dir, records)
    profile = planned[0].cmyk_profile if planned else Path(icc_profile or "")
    files.write_text(out_dir / JOB_SHEET, jobsheet.render(
        inputs.content.model, records, profile, marks, tac=preflight.DEFAULT_TAC,
        output_condition=output_condition, sheets=sheets))
    zip_path = out_dir.parent / f"{out_dir.name}.zip"
    files.write_bytes(zip_path, make_zip(out_dir, [r["file"] for r in records] +
                                          ["manifest.json", "manifest.csv", JOB_SHEET]))
    return BundleResult(folder=out_dir, zip_path=zip_path, records=records, outcome=outcome, reports=reports)


def _public(record: dict) -> dict:
    return {k: record[k] for k in MANIFEST_FIELDS}


def _remove_summaries(out_dir: Path) -> None:
    for name in ("manifest.json", "manifest.csv", JOB_SHEET):
        (out_dir / name).unlink(missing_ok=True)
    (out_dir.parent / f"{out_dir.name}.zip").unlink(missing_ok=True)


def _packets(planned, records, out_dir: Path, version: str, marks: str) -> list[dict]:
    """One packet per clinic and language: the handouts in content order, each on a right-hand page."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for job, record in zip(planned, records):
        groups.setdefault((job.clinic.slug, job.lang), []).append(record)
    out = []
    for (clinic, lang), parts in groups.items():
        if len(parts) < 2:
            continue
        name = names.packet_name(clinic, lang, version)
        bleed_pt = parts[0]["bleed_mm"] * 72 / 25.4
        data = build_packet([out_dir / p["file"] for p in parts], name, bleed_pt, marks)
        files.write_bytes(out_dir / name, data)
        first = parts[0]
        out.append({**first, "file": name, "handout": "packet:" + "+".join(p["handout"] for p in parts),
                    "pages": _count(data), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return out


def _booklets(records: list[dict], out_dir: Path, version: str, sheets: dict) -> list[dict]:
    """Each packet imposed for saddle stitching on the sheet of its paper size (none without sheets)."""
    out = []
    for packet in [r for r in records if sheets and r["handout"].startswith("packet:")]:
        pages = _without_marks((out_dir / packet["file"]).read_bytes())
        data = _finished(imposition.impose(pages, sheets[packet["trim"]]))
        name = names.booklet_name(packet["clinic"], packet["language"], version)
        files.write_bytes(out_dir / name, data)
        out.append({**packet, "file": name, "handout": "booklet:" + packet["handout"].removeprefix("packet:"),
                    "pages": _count(data), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return out


def _without_marks(data: bytes) -> bytes:
    """The packet's pages cut back to their BleedBox, its slug and marks removed: imposed as they are, the
    packet's marks would print inside the booklet sheet beside the booklet's own."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        marks_mod.apply(pdf, "", 0, "none")
        return press.save(pdf)


def _finished(data: bytes) -> bytes:
    """The booklet as the other press files are: PDF 1.6 header, PDF/X version in Info, no CropBox or ArtBox."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        press.tidy(pdf)
        return press.save(pdf)


def build_packet(paths: list[Path], name: str, bleed_pt: float, marks: str = "crop") -> bytes:
    sources = [pikepdf.open(p) for p in paths]
    try:
        packet = pikepdf.new()
        for src in sources:
            packet.pages.extend(src.pages)
            if len(src.pages) % 2:  # the next handout starts on a right-hand (odd) page
                _add_blank(packet, src.pages[-1])
        first = sources[0]
        packet.Root.OutputIntents = packet.copy_foreign(first.make_indirect(first.Root.OutputIntents))
        digest = hashlib.sha256(b"".join(Path(p).read_bytes() for p in paths)).digest()
        xmp = bytes(first.Root.Metadata.read_bytes())
        xmp = re.sub(rb"xmp\.did:[0-9a-f-]{36}", f"xmp.did:{uuid.UUID(bytes=digest[:16], version=4)}".encode(), xmp)
        xmp = re.sub(rb"(<dc:title>.*?<rdf:li[^>]*>).*?(</rdf:li>)", rb"\1Patient packet\2", xmp, flags=re.S)
        packet.Root.Metadata = packet.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
        for key in ("/Producer", "/Creator", "/Author", "/CreationDate", "/ModDate", "/Trapped"):
            if key in first.docinfo:
                packet.docinfo[key] = first.docinfo[key]
        packet.docinfo["/Title"] = pikepdf.String("Patient packet")
        retag_subsets(packet)  # each handout's subsets came under the same names
        press.tidy(packet)
        marks_mod.apply(packet, name, bleed_pt, marks)
        return press.save(packet)
    finally:
        for src in sources:
            src.close()


def _add_blank(pdf, like) -> None:
    """A blank page with the same media, trim and bleed boxes as `like`. No content stream at all: an empty
    one gets compressed to a zero-length Flate stream, which Ghostscript and MuPDF report as damaged."""
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, Resources=pikepdf.Dictionary())
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if box in like.obj:
            page[box] = pikepdf.Array([float(v) for v in like.obj[box]])
    pdf.pages.append(pikepdf.Page(page))


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
