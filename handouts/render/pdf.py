"""HTML -> PDF bytes with WeasyPrint: one FontConfiguration per process, a locked-down fetcher,
deterministic output (dates come from the content, the file identifier from the bytes, the XMP
DocumentID of PDF/X from the HTML), options per variant from handouts/variants.py."""
from __future__ import annotations

import calendar
import contextlib
import hashlib
import io
import os
import uuid

from .. import project, variants
from ..jobs import Job
from . import color, fonts
from .fetcher import make_fetcher
from .html import render_html

_font_config = None


def font_config():
    """Created on first use and reused for every document this process renders."""
    global _font_config
    if _font_config is None:
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
    return _font_config


def release_font_config() -> None:
    """Drop this process's FontConfiguration so it removes its /tmp/weasyprint-* folder now
    (worker processes call this at exit: they may end without running finalizers)."""
    global _font_config
    config, _font_config = _font_config, None
    if config is not None:
        config.__del__()  # rmtree of its temp folder; idempotent (ignore_errors)


@contextlib.contextmanager
def deterministic(job: Job, html: str):
    """Two scoped patches of WeasyPrint module globals, undone after the render:

    - the PDF/X writer's random XMP DocumentID (uuid4 in weasyprint.pdf.metadata) becomes a uuid
      derived from the HTML and the variant, so equal inputs give equal bytes and a changed document
      gets a new id (patching beats rewriting the XMP afterwards: the file is written once, its
      /ID hash stays right);
    - SOURCE_DATE_EPOCH (the content's release date) for fontTools, which stamps the clock into the
      `head` table when WeasyPrint turns a variable font (Source Sans 3) into a static one;
    - in CMYK variants, sRGB colours in SVG images (the logo, WeasyPrint's own crop marks, drawn as
      SVG in black) are converted like the CSS colours, so no DeviceRGB is left in a press file.
    """
    import weasyprint.pdf.metadata as metadata
    import weasyprint.svg as svg

    digest = hashlib.sha256(f"{job.variant}\0{html}".encode()).digest()
    stable_id = uuid.UUID(bytes=digest[:16], version=4)
    saved = metadata.uuid4, svg.color
    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    released = job.content.model.released
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(released.timetuple()))
    metadata.uuid4 = lambda: stable_id
    if variants.get(job.variant).cmyk:
        profile, parse = str(job.cmyk_profile), saved[1]
        svg.color = lambda string: color.svg_color_to_cmyk(parse(string), profile)
    try:
        yield
    finally:
        metadata.uuid4, svg.color = saved
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch


def weasy_html(job: Job, html: str):
    """WeasyPrint's HTML for a job, fetching only from the templates, the clinic folder and the fonts."""
    from weasyprint import HTML

    roots = [project.templates_dir(), job.clinic.folder, *fonts.font_roots()]
    if variants.get(job.variant).cmyk:
        roots.append(job.cmyk_profile)  # exactly this file, for @color-profile
    return HTML(string=html, base_url=project.templates_dir().as_uri() + "/", url_fetcher=make_fetcher(roots))


def render_pdf(job: Job, html: str | None = None) -> bytes:
    html = html if html is not None else render_html(job)
    out = io.BytesIO()
    with deterministic(job, html):
        weasy_html(job, html).write_pdf(out, font_config=font_config(), **variants.get(job.variant).pdf_options)
    return out.getvalue()
