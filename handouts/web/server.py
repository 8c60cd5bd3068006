"""Serve the staff page with waitress, with logging that can never carry patient data.

Waitress writes no access log by default; the app logs method, path, status and time only.
WeasyPrint's own warnings are about CSS and fonts, but they are raised to ERROR here so that nothing
from a document's rendering reaches the log while a patient's handout is made.
"""
from __future__ import annotations

import logging
import sys

from waitress import serve as waitress_serve

from handouts.web.app import LOOPBACK_NAMES, create_app


def configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("handouts.web").setLevel(logging.INFO)
    logging.getLogger("waitress").setLevel(logging.INFO)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # not used under waitress; its log quotes URLs


def default_hosts(host: str) -> tuple[str, ...]:
    """The listen address itself; a loopback address answers to every loopback name."""
    return LOOPBACK_NAMES if host in LOOPBACK_NAMES else (host,)


def serve(host: str = "127.0.0.1", port: int = 8000, content: str | None = None, threads: int = 4,
          allowed_hosts: tuple[str, ...] = ()) -> None:
    configure_logging()
    app = create_app(content, allowed_hosts=allowed_hosts or default_hosts(host))
    logging.getLogger("handouts.web").info("staff page: http://%s:%s/ (Ctrl+C to stop)", host, port)
    waitress_serve(app, host=host, port=port, threads=threads, ident="handouts",
                   clear_untrusted_proxy_headers=True, max_request_body_size=1024 * 1024)
