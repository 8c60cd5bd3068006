"""The real staff server (waitress, in a subprocess) and headless Debian chromium driven by Playwright.

Shared by the browser tests and bench/load_web.py. Import the fixtures into a test module to use them."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.helpers.staffpage import SIZES

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """args: more `handouts serve` options; instance: the server's private folder (users, key, audit log)."""

    def __init__(self, tmp: Path, args: tuple[str, ...] = (), instance: Path | None = None):
        self.port = free_port()
        self.instance = instance or tmp / "instance"
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "server.log"
        self.cwd = tmp / "cwd"  # the server's working folder: it must stay empty
        self.cwd.mkdir()
        # its TMPDIR: only font folders and the render pool's socket may appear there. Short, under /tmp: a Unix
        # socket path has at most 107 bytes, and pytest-xdist's tmp paths are longer than that allows.
        self.tmpdir = Path(tempfile.mkdtemp(prefix="hs-", dir="/tmp"))
        env = {**os.environ, "TMPDIR": str(self.tmpdir), "PYTHONPATH": str(ROOT), "HANDOUTS_PROJECT": str(ROOT),
               "HANDOUTS_INSTANCE": str(self.instance)}
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "handouts", "serve", "--port", str(self.port), *args],
            cwd=self.cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start in 60 s")

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("web"))
    yield running
    running.stop()


_chromium: dict = {"users": 0}  # one Playwright per test process: every module that imports the fixture shares it


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/setup (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    if not _chromium["users"]:
        _chromium["playwright"] = sync_playwright().start()
        _chromium["browser"] = _chromium["playwright"].chromium.launch(executable_path=CHROMIUM,
                                                                       args=CHROMIUM_ARGS, headless=True)
    _chromium["users"] += 1
    yield _chromium["browser"]
    _chromium["users"] -= 1
    if not _chromium["users"]:
        _chromium["browser"].close()
        _chromium["playwright"].stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1024, "height": 800})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized_page(browser, request):
    """A page in each window size the staff page is made for (a desktop and a phone)."""
    width, height = request.param
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": height})
    opened = context.new_page()
    opened.set_default_timeout(120_000)
    yield opened
    context.close()
