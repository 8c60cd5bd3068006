"""HTML -> PDF bytes. The one module that touches WeasyPrint.

- One FontConfiguration per process, shared by every document (and by any CSS parsed for them).
- A locked-down URL fetcher: data: URLs and files inside the templates, the clinic folder, the fonts and
  the colour profile; nothing else on the machine, no network; a missing file stops the render.
- Deterministic bytes: dates come from the content; the PDF/X XMP DocumentID is derived from the HTML by a
  `finisher` (WeasyPrint's public hook, run before the file identifier is computed from the bytes).
- What has no public hook is patched once, at import, and guarded by tests/render/test_pdf.py, which fails if
  WeasyPrint renames what is patched:
  * `weasyprint.svg.color`: in CMYK variants, sRGB colours inside SVG images (the logo, the crop marks) are
    converted like the CSS colours. The wrapper reads the profile of the render running in this thread
    (a ContextVar), so concurrent renders in threads never see each other's setting.
  * SOURCE_DATE_EPOCH (read by fontTools when WeasyPrint instances a variable font) is set to the content's
    release date. It is set, never restored: every render of the same content sets the same value, so
    renders in threads cannot race on it.
  * `weasyprint.pdf.fonts.Font.__init__`: each font's `to_unicode` becomes a pdf_text.GlyphLog, which
    hears of every glyph drawn with its own text (render/pdf_text.py gives glyphs drawn for another
    letter codes of their own, so Arabic and Vietnamese extract as written).
  * `weasyprint.pdf.tags._build_box_tree`: notes which HTML element each structure element comes from
    (render/pdf_tags.py joins the pieces of an element split over pages, and makes the page margin boxes
    artifacts).
"""
from __future__ import annotations

import atexit
import calendar
import contextlib
import contextvars
import hashlib
import io
import os
import re
import signal
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pydyf
import weasyprint.svg
from weasyprint import CSS, HTML
from weasyprint.pdf import fonts as weasy_fonts
from weasyprint.pdf import tags as weasy_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from handouts import settings
from handouts.errors import RenderFailed
from handouts.plan import variants
from handouts.plan.jobs import Job
from handouts.render import cmyk, color, fonts, guard, icc, overflow, pdf_tags, pdf_text, press
from handouts.render.html import render_html, render_parts

_font_config: FontConfiguration | None = None
_font_config_pid = 0  # the process that made it (and owns its temporary folder)
_INHERITED: list = []  # in a forked worker: the parent's FontConfiguration and parsed themes
_svg_cmyk_profile: contextvars.ContextVar[str | None] = contextvars.ContextVar("svg_cmyk_profile", default=None)
_parse_svg_color = weasyprint.svg.color


def _svg_color(string):
    parsed = _parse_svg_color(string)
    profile = _svg_cmyk_profile.get()
    return color.svg_color_to_cmyk(parsed, profile) if profile else parsed


weasyprint.svg.color = _svg_color

_font_init = weasy_fonts.Font.__init__
_build_box_tree = weasy_tags._build_box_tree
_origins: contextvars.ContextVar[pdf_tags.Origins | None] = contextvars.ContextVar("origins", default=None)


def _logging_font_init(self, *args, **kwargs):
    _font_init(self, *args, **kwargs)
    self.to_unicode = pdf_text.GlyphLog()


def _noting_build_box_tree(box, *args, **kwargs):
    origins, html = _origins.get(), getattr(box, "element", None)
    for element in _build_box_tree(box, *args, **kwargs):
        if origins is not None:
            origins.note(element, html)
        yield element


weasy_fonts.Font.__init__ = _logging_font_init
weasy_tags._build_box_tree = _noting_build_box_tree


class ForbiddenResource(ValueError):
    pass


class FolderFetcher(URLFetcher):
    """Serves `data:` URLs and `file:` URLs inside the allowed folders; refuses everything else.

    Failures stop the rendering (fail_on_errors) instead of silently dropping a logo or a font."""

    def __init__(self, allowed_roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [Path(r).resolve() for r in allowed_roots]

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ForbiddenResource(f"{url}: only local files may be used")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ForbiddenResource(f"{url}: outside the allowed folders")
        return super().fetch(url, headers)


def font_config() -> FontConfiguration:
    """Created on first use and reused for every document this process renders."""
    global _font_config, _font_config_pid
    if _font_config is None:
        # SIGTERM waits while the folder is made and remembered, so a stop can always find it to remove it.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        try:
            _font_config, _font_config_pid = FontConfiguration(), os.getpid()
            atexit.register(release_font_config)  # its /tmp/weasyprint-* folder goes at exit (Ctrl-C, SIGTERM)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return _font_config


def forget_font_config() -> None:
    """In a forked worker: drop the parent's FontConfiguration without removing its folder (the parent
    still uses it); the worker makes its own on first use, and parses the shared themes again with it
    (a stylesheet and the document must use the same FontConfiguration)."""
    global _font_config
    if _font_config is not None:
        _font_config._folder = None  # this process's copy only: its __del__ must not rmtree the parent's folder
    # Kept referenced, never dropped: workers end by os._exit, and nothing of the parent's may run finalizers.
    _INHERITED.append((_font_config, dict(_SHEETS)))
    _font_config = None
    with _SHEETS_LOCK:
        _SHEETS.clear()


def release_font_config() -> None:
    """Drop this process's FontConfiguration so it removes its /tmp/weasyprint-* folder now
    (worker processes call this at exit: they may end without running finalizers)."""
    global _font_config
    if _font_config_pid != os.getpid():  # a forked worker keeps its parent's (dropping it would run its __del__)
        return
    config, _font_config = _font_config, None
    with _SHEETS_LOCK:  # their @font-face files live in the folder about to go
        _SHEETS.clear()
    if config is not None:
        config.__del__()  # rmtree of its temp folder; idempotent (ignore_errors)


def _fetcher(job: Job) -> FolderFetcher:
    roots = [*settings.template_dirs(), job.clinic.folder, *fonts.font_roots()]
    if variants.get(job.variant).cmyk:
        roots.append(job.cmyk_profile)  # exactly this file, for @color-profile
    return FolderFetcher(roots)


def _base_url() -> str:
    return settings.template_dirs()[0].as_uri() + "/"  # the project's own templates/ (if any) first


def weasy_html(job: Job, html: str) -> HTML:
    """WeasyPrint's HTML for a job, fetching only from the templates, the clinic folder and the fonts."""
    return HTML(string=html, base_url=_base_url(), url_fetcher=_fetcher(job))


def _document_id_finisher(job: Job, html: str):
    """A finisher that makes the PDF/X XMP DocumentID a uuid derived from the HTML and the variant, so equal
    inputs give equal bytes and a changed document gets a new id."""
    digest = hashlib.sha256(f"{job.variant}\0{html}".encode()).digest()
    stable = f"xmp.did:{uuid.UUID(bytes=digest[:16], version=4)}".encode()

    def finish(document, pdf) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            return
        stream = pdf.objects[int(reference.split()[0])]
        stream.stream = [re.sub(rb"xmp\.did:[0-9a-f-]{36}", stable, chunk) for chunk in stream.stream]

    return finish


def _with_output_intent(job: Job, finisher):
    """In press files, after `finisher`: the output intent names the profile's output condition (read from
    the profile, or the job's override) and holds the profile file's own bytes, where WeasyPrint writes
    Pillow's re-serialisation and only the description."""
    if not variants.get(job.variant).cmyk:
        return finisher
    profile = icc.read(job.cmyk_profile)
    fields = profile.intent(job.output_condition)

    def finish(document, pdf) -> None:
        finisher(document, pdf)
        for intent in pdf.catalog.get("OutputIntents", []):
            for key, value in fields.items():
                intent[key] = pydyf.String(value)
            pdf.objects[int(intent["DestOutputProfile"].split()[0])].stream = [profile.data]

    return finish


@contextlib.contextmanager
def _svg_colours_for(job: Job):
    """SVG images are parsed at layout and drawn at write time: both see the job's colour space."""
    token = _svg_cmyk_profile.set(str(job.cmyk_profile) if variants.get(job.variant).cmyk else None)
    try:
        yield
    finally:
        _svg_cmyk_profile.reset(token)


def _finisher(job: Job, html: str, origins: pdf_tags.Origins):
    """Text that extracts as written, the structure tree fixed, then the stable document id."""
    document_id = _document_id_finisher(job, html)

    def finish(document, pdf) -> None:
        pdf_text.remap(document, pdf)
        pdf_tags.fix(pdf, origins)
        document_id(document, pdf)

    return finish


def _write(document, job: Job, html: str, name: str | None = None) -> bytes:
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(job.content.model.released.timetuple()))
    out = io.BytesIO()
    origins = pdf_tags.Origins()
    token = _origins.set(origins)
    try:
        with _svg_colours_for(job):
            document.write_pdf(out, finisher=_with_output_intent(job, _finisher(job, html, origins)),
                               **variants.get(job.variant).pdf_options)
    finally:
        _origins.reset(token)
    if variants.get(job.variant).cmyk:
        return _finish_press(out.getvalue(), job, name or job.output_path.name)
    return out.getvalue()


def _finish_press(data: bytes, job: Job, name: str) -> bytes:
    """CMYK all the way down, marks outside the bleed, PDF/X details (render/press.py)."""
    spec = variants.get(job.variant)
    bleed_pt = spec.bleed_for(job.clinic.model.paper) * 72 / 25.4
    try:
        return press.finish(data, profile=str(job.cmyk_profile), bleed_pt=bleed_pt, name=name,
                            marks=job.marks if bleed_pt else "none")
    except cmyk.ConversionError as exc:
        logo = f"{job.clinic.folder.name}/{job.clinic.model.brand.logo}"
        raise RenderFailed(f"{logo}: {exc}: the {job.variant} PDF needs colours it can turn into CMYK; "
                           "use flat colours or linear/radial gradients in the logo") from None


def render_document(job: Job, html: str, stylesheets: tuple = ()):
    """Lay out one job's HTML (WeasyPrint's Document: pages, boxes)."""
    with _svg_colours_for(job):
        return weasy_html(job, html).render(font_config=font_config(), stylesheets=list(stylesheets),
                                            **variants.get(job.variant).pdf_options)


def render_pdf(job: Job, html: str | None = None, name: str | None = None) -> bytes:
    """One job's PDF (name: the file name printed in the slug of press variants; default: the job's output file
    name). RenderProblem (naming the clinic file) if WeasyPrint logs any warning or error, if
    anything runs past its column or the page, or if a page's drawing is left unfinished."""
    html = html if html is not None else render_html(job)
    where = job.clinic.doc.name
    with guard.loud(where, private=job.patient is not None):
        document = render_document(job, html)
        check_layout(document, where)
        data = _write(document, job, html, name)
    guard.check_streams(data, where)
    return data


def check_layout(document, where: str) -> None:
    why = overflow.find(document)
    if why:
        raise guard.RenderProblem(where, why)


_SHEETS: dict[str, CSS] = {}
_SHEETS_LOCK = threading.Lock()
MAX_SHEETS = 64  # a batch goes clinic by clinic: a clinic's languages x variants x (draft or not) fit


def shared_sheet(job: Job, css: str) -> CSS:
    """The shared theme (theme.css.j2, part="shared") parsed once per distinct text in this process, with the
    process's FontConfiguration, so its @font-face rules are loaded once too. WeasyPrint gives a stylesheet
    passed to render() the user origin: the document's own <style> (page.css.j2) wins where both set a
    property, which is why only the margin-box `content` and @color-profile live there."""
    with _SHEETS_LOCK:  # renders may run in threads (the web page); the parsed sheet is only read
        sheet = _SHEETS.get(css)
        if sheet is None:
            if len(_SHEETS) >= MAX_SHEETS:
                _SHEETS.pop(next(iter(_SHEETS)))
            # A theme WeasyPrint warns about fails every document that uses it, not only the first: kept
            # only when it parsed quietly.
            with guard.loud(job.clinic.doc.name, private=job.patient is not None):
                sheet = CSS(string=css, base_url=_base_url(), url_fetcher=_fetcher(job), font_config=font_config())
            _SHEETS[css] = sheet
        return sheet


def render_counted(job: Job, parts: tuple[str, str, str] | None = None, name: str | None = None
                   ) -> tuple[bytes, int]:
    """(the PDF, its page count from the layout): the same bytes as render_pdf(job), with the shared theme
    parsed once per clinic x language x variant instead of once per document. parts: render_parts(job);
    name: as for render_pdf."""
    html, shared, id_text = parts or render_parts(job)
    where = job.clinic.doc.name
    with guard.loud(where, private=job.patient is not None):
        document = render_document(job, html, (shared_sheet(job, shared),))
        check_layout(document, where)
        data = _write(document, job, id_text, name)
    guard.check_streams(data, where)
    return data, len(document.pages)


_BLANK_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>blank</title>'
               '<style>@page {{ size: {size}; }}</style></head><body></body></html>')


@lru_cache(maxsize=4)
def _blank_page(paper: str):
    size = "letter" if paper == "letter" else "A4"
    return HTML(string=_BLANK_PAGE.format(size=size)).render(font_config=font_config()).pages[0]


def render_merged(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    """Several jobs -> one PDF, laid out by WeasyPrint itself (no PDF surgery): each job is rendered to a
    Document with the shared FontConfiguration, then the pages are written as one file. `pad_to_even` adds a
    blank page after a job with an odd page count, so on a duplex printer every set starts on a fresh sheet."""
    if not jobs:
        raise ValueError("render_merged needs at least one job")
    htmls = [render_html(job) for job in jobs]
    where = jobs[0].clinic.doc.name
    with guard.loud(where, private=any(job.patient is not None for job in jobs)):
        documents = [render_document(job, html) for job, html in zip(jobs, htmls)]
        pages = []
        for job, document in zip(jobs, documents):
            check_layout(document, job.clinic.doc.name)
            pages += document.pages
            if pad_to_even and len(document.pages) % 2:
                pages.append(_blank_page(job.clinic.model.paper))
        data = _write(documents[0].copy(pages), jobs[0], "".join(htmls))
    guard.check_streams(data, where)
    return data


def render_jobs(jobs: list[Job], pad_to_even: bool = False) -> bytes:
    """One PDF: a single job as render_pdf makes it, several jobs merged in order."""
    if len(jobs) == 1 and not pad_to_even:
        return render_counted(jobs[0])[0]
    return render_merged(jobs, pad_to_even=pad_to_even)


_LOGO_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>logo</title></head>'
              '<body><img src="{uri}" alt="logo" style="height: 20mm; width: auto"></body></html>')


def draw_logo(logo: Path, folder: Path, seconds: float) -> None:
    """Draw a logo alone, as a handout's header does (the same fetcher over the clinic folder, the same
    fonts); RenderProblem if WeasyPrint logs anything, leaves the drawing unfinished or takes too long."""
    html = HTML(string=_LOGO_PAGE.format(uri=logo.as_uri()), base_url=folder.as_uri() + "/",
                url_fetcher=FolderFetcher([folder]))
    out = io.BytesIO()
    with guard.loud("logo"), guard.time_limit(seconds, "logo"):
        html.write_pdf(out, font_config=font_config())
    guard.check_streams(out.getvalue(), "logo")
