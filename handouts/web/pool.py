"""Render processes behind the web server, so concurrent requests do not queue behind one render.

A request's jobs (with the patient, in memory) are pickled to a worker over a pipe and the PDF comes back
the same way: nothing touches the disk. Workers start from a clean interpreter (forkserver: forking the
threaded web server could copy a held lock) and are replaced after MAX_TASKS renders, so memory stays flat
however long the server runs. processes=0 renders in the request's own thread, one at a time.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.util import Finalize

import pypdfium2 as pdfium

from handouts.plan.jobs import Job
from handouts.typeset import release_font_config, render_jobs

MAX_TASKS = 250          # renders per worker before it is replaced (bounds memory growth)
TIMEOUT_S = 300          # a render that takes longer is a bug; the request fails instead of hanging


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
    def __init__(self, processes: int):
        self.processes = processes
        self._lock = threading.Lock()  # WeasyPrint and PDFium are not documented as thread-safe
        self._executor = None
        if processes > 0:
            self._executor = ProcessPoolExecutor(
                max_workers=processes, mp_context=multiprocessing.get_context("forkserver"),
                initializer=_worker_init, initargs=(os.getpid(),), max_tasks_per_child=MAX_TASKS)

    def warm_up(self, job: Job) -> None:
        """Start every worker now and render JOB (a blank handout) in each, so the first requests do not pay
        for imports, fonts and templates."""
        if self._executor:
            for future in [self._executor.submit(render, [job]) for _ in range(self.processes)]:
                future.result(timeout=TIMEOUT_S)

    def render(self, jobs: list[Job], pad_to_even: bool = False, preview_width: int = 0):
        return self.submit(jobs, pad_to_even, preview_width)()

    def submit(self, jobs: list[Job], pad_to_even: bool = False, preview_width: int = 0):
        """Start a render now; call the returned function for (pdf, png)."""
        if self._executor is None:
            def run():
                with self._lock:
                    return render(jobs, pad_to_even, preview_width)
            return run
        future = self._executor.submit(render, jobs, pad_to_even, preview_width)
        return lambda: future.result(timeout=TIMEOUT_S)

    def close(self) -> None:
        if self._executor:
            self._executor.shutdown(wait=True, cancel_futures=True)
