"""The engine: laying out jobs with WeasyPrint and writing their PDFs.

- session.py: what a process keeps between renders (one FontConfiguration, the parsed shared themes, the
  locked-down URL fetcher).
- hooks.py: the few WeasyPrint internals patched at import (no public hook exists for them).
- write.py: a laid-out document to deterministic, finished PDF bytes (press variants included).
- Here: laying out jobs and the checks every render goes through: any WeasyPrint warning or error, anything
  running past its column or the page, or a page's drawing left unfinished fails the PDF with one line
  naming the clinic file (typeset/guard.py, typeset/overflow.py).
"""
from __future__ import annotations

import contextlib
import io
from functools import lru_cache
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from handouts.plan import variants
from handouts.plan.jobs import Job
from handouts.render.html import render_html, render_parts
from handouts.typeset import guard, overflow, reuse
from handouts.typeset.hooks import svg_colours_for
from handouts.typeset.session import (
    FolderFetcher,
    ForbiddenResource,
    font_config,
    forget_font_config,
    release_font_config,
    shared_sheet,
    weasy_html,
)
from handouts.typeset.write import write_document

__all__ = ["FolderFetcher", "ForbiddenResource", "check_layout", "draw_logo", "font_config", "forget_font_config",
           "release_font_config", "render_counted", "render_document", "render_jobs", "render_merged", "render_pdf",
           "render_personal", "weasy_html"]


@contextlib.contextmanager
def _loud(where: str, private: bool):
    """guard.loud, and a file WeasyPrint could not fetch (a BaseException in WeasyPrint, which would pass
    through `except Exception` and take a batch worker down) as the same one-line RenderProblem."""
    with guard.loud(where, private=private):
        try:
            yield
        except FatalURLFetchingError as exc:
            cause = exc.__cause__ or exc
            raise guard.RenderProblem(where, f"a file it needs could not be read: {cause}") from None


def render_document(job: Job, html: str, stylesheets: tuple = ()):
    """Lay out one job's HTML (WeasyPrint's Document: pages, boxes)."""
    with svg_colours_for(job):
        return weasy_html(job, html).render(font_config=font_config(), stylesheets=list(stylesheets),
                                            **variants.get(job.variant).pdf_options)


def check_layout(document, where: str) -> None:
    why = overflow.find(document)
    if why:
        raise guard.RenderProblem(where, why)


def render_pdf(job: Job, html: str | None = None, name: str | None = None) -> bytes:
    """One job's PDF (name: the file name printed in the slug of press variants; default: the job's output file
    name). RenderProblem (naming the clinic file) if WeasyPrint logs any warning or error, if
    anything runs past its column or the page, or if a page's drawing is left unfinished."""
    html = html if html is not None else render_html(job)
    where = job.clinic.doc.name
    with _loud(where, private=job.patient is not None):
        document = render_document(job, html)
        check_layout(document, where)
        data = write_document(document, job, html, name)
    guard.check_streams(data, where)
    return data


def render_counted(job: Job, parts: tuple[str, str, str] | None = None, name: str | None = None
                   ) -> tuple[bytes, int]:
    """(the PDF, its page count from the layout): the same bytes as render_pdf(job), with the shared theme
    parsed once per clinic x language x variant instead of once per document. parts: render_parts(job);
    name: as for render_pdf."""
    html, shared, id_text = parts or render_parts(job)
    where = job.clinic.doc.name
    with _loud(where, private=job.patient is not None):
        document = render_document(job, html, (shared_sheet(job, shared),))
        check_layout(document, where)
        data = write_document(document, job, id_text, name)
    guard.check_streams(data, where)
    return data, len(document.pages)


def render_personal(job: Job, reuse_pages: bool = True) -> bytes:
    """One patient's handout: the visit box ends page 1 (reuse.PATIENT_PAGE), and the pages after it come
    from the patient-free render this process keeps (typeset/reuse.py); the whole render when the row's
    page 1 does not hold its visit box, or with reuse_pages=False. Same text, tags and pages either way."""
    where = job.clinic.doc.name
    with _loud(where, private=True):
        document, id_text = _personal_layout(job, reuse_pages)
        check_layout(document, where)
        data = write_document(document, job, id_text)
    guard.check_streams(data, where)
    return data


def _personal_layout(job: Job, reuse_pages: bool = True) -> tuple:
    """A patient's handout laid out (page 1 its own, the pages after it reused when they can be), and the
    text its document id derives from."""
    html, shared, id_text = render_parts(job)
    sheets = (shared_sheet(job, shared), shared_sheet(job, reuse.PATIENT_PAGE))

    def lay_out(each: Job, text: str):
        return render_document(each, text, sheets)

    document = reuse.reused_document(job, html, lay_out) if reuse_pages else None
    return document or lay_out(job, html), id_text


_BLANK_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>blank</title>'
               '<style>@page {{ size: {size}; }}</style></head><body></body></html>')


@lru_cache(maxsize=4)
def _blank_page(paper: str):
    size = "letter" if paper == "letter" else "A4"
    return HTML(string=_BLANK_PAGE.format(size=size)).render(font_config=font_config()).pages[0]


def render_merged(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    """Several jobs -> one PDF, laid out by WeasyPrint itself (no PDF surgery): each job is laid out to a
    Document with the shared FontConfiguration (a patient's as render_personal lays it out: a day's schedule
    lays out only each row's page 1), then the pages are written as one file. `pad_to_even` adds a blank
    page after a job with an odd page count, so on a duplex printer every set starts on a fresh sheet."""
    if not jobs:
        raise ValueError("render_merged needs at least one job")
    where = jobs[0].clinic.doc.name
    with _loud(where, private=any(job.patient is not None for job in jobs)):
        laid_out = [_personal_layout(job) if job.patient is not None else _layout(job) for job in jobs]
        pages = []
        for job, (document, _) in zip(jobs, laid_out):
            check_layout(document, job.clinic.doc.name)
            pages += document.pages
            if pad_to_even and len(document.pages) % 2:
                pages.append(_blank_page(job.clinic.model.paper))
        data = write_document(laid_out[0][0].copy(pages), jobs[0], "".join(text for _, text in laid_out))
    guard.check_streams(data, where)
    return data


def _layout(job: Job) -> tuple:
    html = render_html(job)
    return render_document(job, html), html


def render_jobs(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    """One PDF: a single job as render_pdf makes it (a patient's as render_personal), several jobs merged
    in order."""
    if len(jobs) == 1 and not pad_to_even:
        return render_personal(jobs[0]) if jobs[0].patient is not None else render_counted(jobs[0])[0]
    return render_merged(jobs, pad_to_even=pad_to_even)


_LOGO_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>logo</title></head>'
              '<body><img src="{uri}" alt="logo" style="height: 20mm; width: auto"></body></html>')


def draw_logo(logo: Path, folder: Path, seconds: float) -> None:
    """Draw a logo alone, as a handout's header does (the same fetcher over the clinic folder, the same
    fonts); RenderProblem if WeasyPrint logs anything, leaves the drawing unfinished or takes too long."""
    folder = folder.resolve()  # `--clinic clinics/x` gives a relative folder; a base URL must be absolute
    html = HTML(string=_LOGO_PAGE.format(uri=logo.as_uri()), base_url=folder.as_uri() + "/",
                url_fetcher=FolderFetcher([folder]))
    out = io.BytesIO()
    with _loud("logo", private=False), guard.time_limit(seconds, "logo"):
        html.write_pdf(out, font_config=font_config())
    guard.check_streams(out.getvalue(), "logo")
