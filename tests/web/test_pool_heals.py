"""The render pool heals: a worker killed mid-render or stuck past the timeout is replaced (the stuck one
killed), the page goes on making PDFs, and /health says 503 only when no worker can render."""
from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pypdf
import pytest

from handouts.web.app import create_app, render_pool
from handouts.web.config import WebConfig
from handouts.web.pool import RenderPool

FORM = {"clinic": "example-clinic", "handouts": "day-of-infusion", "lang": "en", "action": "download",
        "patient_name": "Ana Diaz"}


@pytest.fixture
def app(tmp_path):
    app = create_app(WebConfig(instance=tmp_path / "instance", render_processes=2))
    app.config["WTF_CSRF_ENABLED"] = False
    yield app
    render_pool(app).close()


def personalize(client):
    return client.post("/", data=FORM, headers={"Host": "localhost"})


def pages(pdf: bytes) -> int:
    import io
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is dead too
        return stat.read().split(") ")[1][0] != "Z"


def test_a_killed_worker_is_replaced_and_the_next_requests_render(app):
    client = app.test_client()
    assert personalize(client).status_code == 200
    pool = render_pool(app)
    for pid in pool.worker_pids():
        os.kill(pid, signal.SIGKILL)
    for _ in range(3):
        response = personalize(client)
        assert response.status_code == 200 and pages(response.data) >= 1
    assert client.get("/health", headers={"Host": "localhost"}).status_code == 200


def test_a_worker_killed_mid_render_costs_no_request(app):
    client = app.test_client()
    pool = render_pool(app)
    pool.healthy()
    pending = pool.call(time.sleep, 5)
    time.sleep(0.5)
    for pid in pool.worker_pids():
        os.kill(pid, signal.SIGKILL)
    pending()  # tried again in the new pool
    assert personalize(client).status_code == 200


def test_a_render_past_the_timeout_fails_and_its_worker_is_killed():
    pool = RenderPool(1, timeout_s=1)
    try:
        assert pool.healthy()
        stuck = pool.worker_pids()
        with pytest.raises(TimeoutError):
            pool.call(time.sleep, 60)()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in stuck) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in stuck)
        assert pool.healthy() and not set(pool.worker_pids()) & set(stuck)  # the next request has a new worker
    finally:
        pool.close()


def test_health_fails_when_no_worker_can_start(app):
    client = app.test_client()
    pool = render_pool(app)
    assert client.get("/health", headers={"Host": "localhost"}).status_code == 200
    pool._new_executor = lambda: ProcessPoolExecutor(1, initializer=os._exit, initargs=(1,))  # type: ignore
    for pid in pool.worker_pids():
        os.kill(pid, signal.SIGKILL)
    response = client.get("/health", headers={"Host": "localhost"})
    assert response.status_code == 503 and b"cannot render" in response.data
    assert personalize(client).status_code == 500
    with pytest.raises(BrokenProcessPool):
        pool.call(os.getpid)()
