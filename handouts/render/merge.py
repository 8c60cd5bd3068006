"""Several jobs -> one PDF, laid out by WeasyPrint itself (no PDF surgery): each job is rendered to a
Document with the shared FontConfiguration, then the pages are written as one file.

`pad_to_even` adds a blank page after a job with an odd page count, so that on a duplex printer every
job (every patient's set) starts on a fresh sheet.
"""
from __future__ import annotations

import io
from functools import lru_cache

from .. import variants
from ..jobs import Job
from .html import render_html
from .pdf import deterministic, font_config, weasy_html

_BLANK_PAGE = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>blank</title>' \
              '<style>@page {{ size: {size}; }}</style></head><body></body></html>'


def render_document(job: Job, html: str):
    return weasy_html(job, html).render(font_config=font_config(), **variants.get(job.variant).pdf_options)


@lru_cache(maxsize=4)
def _blank_page(paper: str):
    from weasyprint import HTML

    size = "letter" if paper == "letter" else "A4"
    return HTML(string=_BLANK_PAGE.format(size=size)).render(font_config=font_config()).pages[0]


def render_merged(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    if not jobs:
        raise ValueError("render_merged needs at least one job")
    htmls = [render_html(job) for job in jobs]
    documents = [render_document(job, html) for job, html in zip(jobs, htmls)]
    pages = []
    for job, document in zip(jobs, documents):
        pages += document.pages
        if pad_to_even and len(document.pages) % 2:
            pages.append(_blank_page(job.clinic.model.paper))
    out = io.BytesIO()
    with deterministic(jobs[0], "".join(htmls)):
        documents[0].copy(pages).write_pdf(out, **variants.get(jobs[0].variant).pdf_options)
    return out.getvalue()
