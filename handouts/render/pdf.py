"""HTML -> PDF bytes with WeasyPrint: one FontConfiguration per process, a locked-down fetcher,
deterministic output (dates come from the content, the file identifier from the bytes)."""
from __future__ import annotations

import io
from functools import lru_cache

from .. import project
from ..jobs import Job
from . import fonts
from .fetcher import make_fetcher
from .html import render_html

# WeasyPrint options per variant. PDF/UA-1 implies tagging; the identifier is a hash of the file.
VARIANT_OPTIONS = {
    "office": {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True},
    "large-print": {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "pdf_identifier": True},
}


@lru_cache(maxsize=1)
def font_config():
    """Created on first use and reused for every document this process renders."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render_pdf(job: Job, html: str | None = None) -> bytes:
    from weasyprint import HTML

    html = html if html is not None else render_html(job)
    fetcher = make_fetcher([project.templates_dir(), job.clinic.folder, *fonts.font_roots()])
    document = HTML(string=html, base_url=project.templates_dir().as_uri() + "/", url_fetcher=fetcher)
    out = io.BytesIO()
    document.write_pdf(out, font_config=font_config(), **VARIANT_OPTIONS[job.variant])
    return out.getvalue()
