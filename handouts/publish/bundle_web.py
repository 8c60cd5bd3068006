"""The web pages in a bundle (`handouts bundle --web`): the same selection as the press files, as web pages in
`web/<clinic>/` with each clinic's index.html, so the clinic can copy that folder onto its own site or portal.

They are listed in manifest.json and manifest.csv with their bytes and sha256 like every file of the delivery;
the columns that describe print (trim, bleed, pages, sheet) are left empty for them. Preflight checks press
PDFs, so it never sees them, and the job sheet says in one line that the folder is not for print."""
from __future__ import annotations

from pathlib import PurePosixPath

from handouts.plan.jobs import Job, plan
from handouts.publish import batch, web_index

FOLDER = PurePosixPath("web")
VARIANT = "web"
PRINT_ONLY = ("trim", "bleed_mm", "pages", "sheet", "sheets")  # manifest columns that say nothing of a web page


def plan_pages(inputs, handouts: list[str] | None, langs: list[str] | None) -> list[Job]:
    return plan(inputs.content, inputs.clinics, handouts, langs, [VARIANT])


def tasks(jobs: list[Job]) -> list[batch.Task]:
    """Each page at web/<clinic>/<handout>-<lang>-web.html, the name the index links to."""
    return [batch.Task(job, FOLDER / job.output_path) for job in jobs]


def rows(web_tasks: list[batch.Task], outcome: batch.Outcome, drafts: frozenset, fields: list[str],
         out_dir) -> list[dict]:
    """The manifest rows of the pages and of each clinic's index.html (written here), in the order of
    `fields`; an index is a draft when a page it links to is."""
    out = []
    draft_clinics = set()
    for task in web_tasks:
        draft = task.job.key in drafts
        if draft:
            draft_clinics.add(task.job.clinic.slug)
        out.append(_row(outcome.records[str(task.path)], draft, fields))
    for index in web_index.write_indexes(out_dir / FOLDER, [task.job for task in web_tasks]):
        record = {**index.record(FOLDER), "version": ""}
        out.append(_row(record, index.clinic in draft_clinics, fields))
    return out


def _row(record: dict, draft: bool, fields: list[str]) -> dict:
    known = {**record, "status": "draft" if draft else "release"}
    return {name: "" if name in PRINT_ONLY else known.get(name, "") for name in fields}
