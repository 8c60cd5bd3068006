"""Render processes behind the web server, so concurrent requests do not queue behind one render.

A request's jobs (with the patient, in memory) are pickled to a worker over a pipe and the PDF comes back
the same way: nothing touches the disk. Workers start from a clean interpreter (forkserver: forking the
threaded web server could copy a held lock) and are replaced after MAX_TASKS renders, so memory stays flat
however long the server runs. processes=0 renders in the request's own thread, one at a time.
"""
from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.util import Finalize

import pypdfium2 as pdfium

from handouts.plan.jobs import Job
from handouts.typeset import release_font_config, render_jobs

MAX_TASKS = 250          # renders per worker before it is replaced (bounds memory growth)
TIMEOUT_S = 300          # a render that takes longer is a bug; the request fails instead of hanging
HEALTH_TIMEOUT_S = 20    # a worker that cannot answer a ping this soon cannot render either


def render(jobs: list[Job], pad_to_even: bool = False, preview_width: int = 0) -> tuple[bytes, bytes | None]:
    """The PDF of JOBS, and page 1 as a PNG when preview_width > 0. Runs in a worker."""
    pdf = render_jobs(jobs, pad_to_even=pad_to_even)
    return pdf, preview_png(pdf, preview_width) if preview_width else None


def preview_png(pdf: bytes, width_px: int) -> bytes:
    """Page 1 as a PNG, in memory (no temp files)."""
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width_px / page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def _worker_init(server_pid: int) -> None:
    # Workers end through os._exit: clean WeasyPrint's font folder through multiprocessing's exit hook.
    Finalize(None, release_font_config, exitpriority=100)
    threading.Thread(target=_exit_with, args=(server_pid,), daemon=True, name="watch-server").start()


def _exit_with(server_pid: int) -> None:
    """A worker whose server was killed would wait for work forever (it holds its own queue's write end):
    end it within a second of the server."""
    while True:
        time.sleep(1)
        try:
            os.kill(server_pid, 0)
        except ProcessLookupError:
            release_font_config()
            os._exit(0)


class RenderPool:
    """Render processes that heal: a worker that died (killed, out of memory) or overran TIMEOUT_S is replaced
    by a new pool for the next request, and the stuck one is killed, so one bad render never stops the page."""

    def __init__(self, processes: int, timeout_s: float = TIMEOUT_S):
        self.processes = processes
        self.timeout_s = timeout_s
        self._lock = threading.Lock()  # WeasyPrint and PDFium are not documented as thread-safe
        self._swap = threading.Lock()  # guards which executor is current
        self._executor = self._new_executor() if processes > 0 else None

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes, mp_context=multiprocessing.get_context("forkserver"),
            initializer=_worker_init, initargs=(os.getpid(),), max_tasks_per_child=MAX_TASKS)

    def warm_up(self, job: Job) -> None:
        """Start every worker now and render JOB (a blank handout) in each, so the first requests do not pay
        for imports, fonts and templates."""
        if self._executor:
            for result in [self.call(render, [job]) for _ in range(self.processes)]:
                result()

    def render(self, jobs: list[Job], pad_to_even: bool = False, preview_width: int = 0):
        return self.submit(jobs, pad_to_even, preview_width)()

    def submit(self, jobs: list[Job], pad_to_even: bool = False, preview_width: int = 0):
        """Start a render now; call the returned function for (pdf, png)."""
        return self.call(render, jobs, pad_to_even, preview_width)

    def call(self, function, *args):
        """Start FUNCTION(*ARGS) in a worker now; the returned function waits for its result. A render whose
        worker died is tried once more in a new pool (it may have died for another request's sake)."""
        if self._executor is None:
            def run_here():
                with self._lock:
                    return function(*args)
            return run_here
        executor, future = self._start(function, args)

        def result():
            try:
                return self._wait(executor, future)
            except BrokenProcessPool:
                again, retry = self._start(function, args)
                return self._wait(again, retry)
        return result

    def _start(self, function, args) -> tuple[ProcessPoolExecutor, Future]:
        for _ in range(2):
            with self._swap:
                executor = self._executor
            assert executor is not None
            try:
                return executor, executor.submit(function, *args)
            except BrokenProcessPool:  # broken since the last request: replace it and submit again
                self._replace(executor)
        raise BrokenProcessPool("the render processes could not be started")

    def _wait(self, executor: ProcessPoolExecutor, future: Future):
        try:
            return future.result(timeout=self.timeout_s)
        except BrokenProcessPool:
            self._replace(executor)
            raise
        except TimeoutError:  # the worker would go on rendering and take the next request's turn
            self._replace(executor, kill=True)
            raise

    def _replace(self, old: ProcessPoolExecutor, kill: bool = False) -> None:
        with self._swap:
            if self._executor is not old:
                return  # another request replaced it already
            self._executor = self._new_executor()
        processes = list(getattr(old, "_processes", None) or {})  # private, but the only list of its workers
        if kill:
            for pid in processes:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        old.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        with self._swap:
            return list(getattr(self._executor, "_processes", None) or {})

    def healthy(self, timeout_s: float = HEALTH_TIMEOUT_S) -> bool:
        """Whether a worker answers within timeout_s (a dead pool is replaced on the way)."""
        if self._executor is None:
            return True
        try:
            executor, future = self._start(os.getpid, ())
            try:
                future.result(timeout=timeout_s)
            except BrokenProcessPool:
                self._replace(executor)
                executor, future = self._start(os.getpid, ())
                future.result(timeout=timeout_s)
        except (BrokenProcessPool, TimeoutError):
            return False
        return True

    def close(self) -> None:
        with self._swap:
            executor = self._executor
        if executor:
            executor.shutdown(wait=True, cancel_futures=True)
