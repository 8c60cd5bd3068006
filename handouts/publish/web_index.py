"""index.html in each clinic's folder of web pages: every handout in every language, linked by file name, so
the folder can be copied as it is onto the clinic's own site or patient portal.

An index is written only when its bytes change (an unchanged rebuild leaves the file and its date alone), and
`handouts build` lists it in manifest.json with its sha256, through the same records as the pages themselves
(publish/cache.py), so a later build of other variants keeps it listed."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel import Locale

from handouts import files
from handouts.plan.jobs import Job, plan
from handouts.plan.variants import VARIANTS
from handouts.publish import manifest
from handouts.publish.cache import Ledger
from handouts.render.html import html_env
from handouts.resolve import resolve

INDEX = "index.html"
HANDOUT = "index"  # its `handout` in a manifest: it lists them all


@dataclass(frozen=True)
class Index:
    """One clinic's index.html as written."""

    path: PurePosixPath   # relative to the folder the pages were written in
    clinic: str
    languages: tuple[str, ...]
    data: bytes

    def record(self, folder: PurePosixPath | None = None) -> dict:
        """Its manifest fields (publish/manifest.py), its path inside `folder` of the output (if not its top)."""
        return {"file": str(folder / self.path if folder else self.path), "clinic": self.clinic, "handout": HANDOUT,
                "language": "+".join(self.languages), "variant": "web", "standard": VARIANTS["web"].standard,
                "pages": 1, "bytes": len(self.data), "sha256": hashlib.sha256(self.data).hexdigest()}


def write_indexes(out_dir: Path, jobs: list[Job]) -> list[Index]:
    """One index.html per clinic among the jobs' web pages that exist in out_dir (each job's output_path)."""
    by_clinic: dict[str, list[Job]] = {}
    for job in jobs:
        if job.output_path.suffix == ".html" and (out_dir / job.output_path).is_file():
            by_clinic.setdefault(job.clinic.slug, []).append(job)
    return [_write(out_dir, chosen) for chosen in by_clinic.values()]


def update_build(out_dir: Path, inputs, planned: list[Job]) -> list[Index]:
    """After a build: the index of every clinic that had web pages planned, listing all of that clinic's web
    pages in out_dir (also those of an earlier build of other handouts or languages), recorded for manifest.json.
    """
    clinics = {job.clinic.slug for job in planned if VARIANTS[job.variant].is_web}
    if not clinics:
        return []
    every_page = plan(inputs.content, [c for c in inputs.clinics if c.slug in clinics], variants=["web"])
    indexes = write_indexes(out_dir, every_page)
    ledger = Ledger(out_dir)
    changed = [index for index in indexes if ledger.records.get(str(index.path)) != index.record()]
    for index in changed:
        ledger.record(str(index.path), index.record())
    if changed:
        ledger.save()
        manifest.write(out_dir, {path: manifest.entry_from_record(record) for path, record in ledger.records.items()})
    ledger.close()
    return indexes


def _write(out_dir: Path, jobs: list[Job]) -> Index:
    clinic = jobs[0].clinic
    languages: dict[str, dict] = {}
    for job in jobs:
        doc = resolve(job)
        entry = languages.setdefault(job.lang, {"lang": job.lang, "dir": doc.dir, "name": language_name(job.lang),
                                                "pages": []})
        entry["pages"].append({"title": doc.title, "href": PurePosixPath(job.output_path).name})
    first = clinic.model.languages[0] if clinic.model.languages else jobs[0].lang
    listed = [languages[lang] for lang in clinic.model.languages if lang in languages]
    html = html_env().get_template("web-index.html.j2").render(
        clinic=clinic.model, lang=first, dir=languages.get(first, {}).get("dir", "ltr"), languages=listed)
    data = html.encode("utf-8")
    path = PurePosixPath(clinic.slug, INDEX)
    target = out_dir / path
    if not (target.is_file() and target.read_bytes() == data):  # unchanged: the file and its date stay
        files.write_bytes(target, data)
    return Index(path, clinic.slug, tuple(entry["lang"] for entry in listed), data)


def language_name(lang: str) -> str:
    """The language's name in itself ("Español", "العربية"), as a reader looks for it."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name() or lang
    except (ValueError, LookupError):
        return lang
    return name[:1].upper() + name[1:]  # a heading: "Español", not "español"
