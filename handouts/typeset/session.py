"""What a process keeps between renders: one FontConfiguration, shared by every document and by every
stylesheet parsed for them (WeasyPrint needs the same one for both), the parsed shared themes, and the
locked-down URL fetcher (data: URLs and files inside the templates, the clinic folder, the fonts and the
colour profile; nothing else on the machine, no network; a missing file stops the render)."""
from __future__ import annotations

import atexit
import os
import signal
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from handouts import settings
from handouts.fonts import faces
from handouts.plan import variants
from handouts.plan.jobs import Job
from handouts.typeset import guard

_font_config: FontConfiguration | None = None
_font_config_pid = 0  # the process that made it (and owns its temporary folder)
_SHEETS: dict[str, CSS] = {}
_SHEETS_LOCK = threading.Lock()
MAX_SHEETS = 64  # a batch goes clinic by clinic: a clinic's languages x variants x (draft or not) fit


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
    # Their @font-face files live in the folder about to go. Not waited for: a SIGTERM handler may run this
    # while its own thread holds the lock, parsing a theme (a process about to exit needs no tidy cache).
    if _SHEETS_LOCK.acquire(blocking=False):
        try:
            _SHEETS.clear()
        finally:
            _SHEETS_LOCK.release()
    if config is not None:
        config.__del__()  # rmtree of its temp folder; idempotent (ignore_errors)


def fetcher(job: Job) -> FolderFetcher:
    roots = [*settings.template_dirs(), job.clinic.folder, *faces.font_roots()]
    if variants.get(job.variant).cmyk:
        roots.append(job.cmyk_profile)  # exactly this file, for @color-profile
    return FolderFetcher(roots)


def base_url() -> str:
    return settings.template_dirs()[0].as_uri() + "/"  # the project's own templates/ (if any) first


def weasy_html(job: Job, html: str) -> HTML:
    """WeasyPrint's HTML for a job, fetching only from the templates, the clinic folder and the fonts."""
    return HTML(string=html, base_url=base_url(), url_fetcher=fetcher(job))


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
                sheet = CSS(string=css, base_url=base_url(), url_fetcher=fetcher(job), font_config=font_config())
            _SHEETS[css] = sheet
        return sheet


def parsed_sheets() -> int:
    """How many shared themes this process holds parsed."""
    return len(_SHEETS)
