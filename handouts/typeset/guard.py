"""Renders that fail loudly and in bounded time.

WeasyPrint reports what it could not draw (an SVG that fails, an image it cannot decode, a font it cannot
load) only through its logger, and still writes a PDF: page 1 without its logo, a content stream left with
unbalanced save/restore operators. Here any warning or error it logs while a document is rendered fails
that document, each finished PDF's content streams are checked for balanced `q`/`Q`, and a render that
runs past its time limit is stopped.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import signal
import threading

import pikepdf

from handouts.errors import HandoutsError


class RenderProblem(HandoutsError):
    """A document that did not render as it should; the message is one line naming the file to fix."""

    def __init__(self, where: str, cause: str):
        self.cause = cause
        super().__init__(f"{where}: {cause}")


class RenderTimeout(RenderProblem):
    pass


class _Collect(logging.Handler):
    """WeasyPrint's warnings and errors of one thread (the web page renders in request threads)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextlib.contextmanager
def loud(where: str, private: bool = False):
    """Raise RenderProblem if WeasyPrint logs a warning or an error while the block runs.

    where: the input file the document comes from (the clinic file); private: the document carries
    patient details, so WeasyPrint's own words are not repeated."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    saved = logger.level, logger.propagate
    if logger.getEffectiveLevel() > logging.WARNING:
        # The web server quietens WeasyPrint (nothing of a render reaches its log): warnings are still
        # collected here, but not passed on to the server's handlers.
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])  # setLevel, not the attribute: it clears the loggers' level caches
        logger.propagate = saved[1]
    if handler.records:
        first = handler.records[0]
        cause = "WeasyPrint reported a problem" if private else _short(first.getMessage())
        more = f" (and {len(handler.records) - 1} more)" if len(handler.records) > 1 else ""
        raise RenderProblem(where, f"WeasyPrint could not draw everything: {cause}{more}")


def _short(message: str) -> str:
    """WeasyPrint's message on one short line: embedded data: URLs cut to their type."""
    message = re.sub(r"(data:[\w/+.-]+)[;,]\S*", r"\1 (embedded)", " ".join(message.split()))
    return message[:200]


@contextlib.contextmanager
def time_limit(seconds: float | None, where: str):
    """Stop the block with RenderTimeout after `seconds` (main thread only: it uses SIGALRM)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    timeout = RenderTimeout(where, f"took longer than {seconds:g} s (the --timeout); the document is too complex")
    fired = False

    def expired(signum, frame):
        nonlocal fired
        fired = True
        raise timeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except BaseException as exc:
        # WeasyPrint wraps what interrupts a fetch (a font, the logo) in errors of its own, some of them
        # BaseExceptions (FatalURLFetchingError): past the limit, the limit is the cause. Ctrl-C stays Ctrl-C.
        if fired and exc is not timeout and not isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise timeout from None
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Literal strings and comments may contain q and Q as text; they are removed before counting.
_STRING_OR_COMMENT = re.compile(rb"\((?:\\.|[^\\()])*\)|%[^\r\n]*")
_SAVE_RESTORE = re.compile(rb"(?<![^\s\[\]<>{}()/])([qQ])(?![^\s\[\]<>{}()/%])")


def unbalanced(stream: bytes) -> str | None:
    """Why a content stream's save/restore operators do not pair up, or None when they do."""
    depth = 0
    for match in _SAVE_RESTORE.finditer(_STRING_OR_COMMENT.sub(b" ", stream)):
        depth += 1 if match.group(1) == b"q" else -1
        if depth < 0:
            return "restores more graphics states than it saved"
    return f"leaves {depth} graphics state(s) saved" if depth else None


def check_streams(pdf: bytes, where: str) -> None:
    """Raise RenderProblem naming the first page whose content (or a form it draws) is unbalanced.
    Read with pikepdf (QPDF): a tenth of the time pypdf took, which was a tenth of a render."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        seen: set = set()
        for number, page in enumerate(document.pages, 1):
            contents = page.obj.get("/Contents")
            parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents else []
            # A page's content streams are one stream split in pieces: a q may close in the next piece.
            streams = [b"\n".join(part.read_bytes() for part in parts)] if parts else []
            streams += _forms(page.obj.get("/Resources"), seen)
            for data in streams:
                why = unbalanced(data)
                if why:
                    raise RenderProblem(where, f"page {number} was not drawn completely (its content {why})")


def _forms(resources, seen: set, depth: int = 0) -> list[bytes]:
    """The data of every form XObject reachable from `resources` (once each)."""
    out: list[bytes] = []
    if not isinstance(resources, pikepdf.Dictionary) or depth > 16:
        return out
    xobjects = resources.get("/XObject")
    for xobject in (xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ()):
        key = xobject.objgen if xobject.is_indirect else id(xobject)
        if key in seen:
            continue
        seen.add(key)
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
            out.append(xobject.read_bytes())
            out += _forms(xobject.get("/Resources"), seen, depth + 1)
    return out
