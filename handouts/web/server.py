"""Serve the staff page with waitress, with logging that can never carry patient data.

Waitress writes no access log by default; the app logs method, path, status and time only.
WeasyPrint's own warnings are about CSS and fonts, but they are raised to ERROR here so that nothing
from a document's rendering reaches the log while a patient's handout is made.
"""
from __future__ import annotations

import logging
import signal
import sys

from waitress import serve as waitress_serve

from handouts.web.app import create_app, render_pool, warm_up
from handouts.web.config import WebConfig


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


def serve(config: WebConfig, host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    """Serve until stopped. Requests wait in `threads` threads while the render processes work."""
    configure_logging()
    app = create_app(config)
    pool = render_pool(app)
    signal.signal(signal.SIGTERM, _stop)  # `kill`, systemd, Kubernetes: stop the render processes too
    try:
        warm_up(app)
        logging.getLogger("handouts.web").info("staff page: http://%s:%s/ (%d render process(es); Ctrl+C to stop)",
                                               host, port, pool.processes)
        # Forwarded headers reach the app only with --trusted-proxy; it checks the sender itself (proxy.py).
        waitress_serve(app, host=host, port=port, threads=threads, ident="handouts",
                       clear_untrusted_proxy_headers=not config.trusted_proxies,
                       max_request_body_size=1024 * 1024)
    finally:
        pool.close()
    if _stopped:  # waitress ends its loop on SystemExit and returns normally: say how we stopped
        raise SystemExit(128 + signal.SIGTERM)


_stopped: list[int] = []


def _stop(signum, frame):
    """Exit 143 (128 + SIGTERM), as the README says and service managers expect of a stop by SIGTERM."""
    _stopped.append(signum)
    logging.getLogger("handouts.web").info("stopped (SIGTERM)")
    raise SystemExit(128 + signal.SIGTERM)
