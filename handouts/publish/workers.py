"""Worker processes that never outlive their build.

- Each worker asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG), so `kill -9` of a build
  does not leave workers blocked on a pipe; on SIGTERM a worker removes its /tmp/weasyprint-* font folder
  and exits at once.
- Workers ignore SIGINT: Ctrl-C reaches the whole process group, and the parent alone decides to stop.
- When the parent stops early (Ctrl-C, SIGTERM, a full disk), pending jobs are cancelled and the workers
  are terminated instead of finishing the batch.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.util import Finalize

PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's own shutdown still ends the workers
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        _leave(signal.SIGTERM, None)


def _leave(signum, frame) -> None:
    from handouts.render import pdf  # already imported by _init; a module import is a lookup here

    # A second SIGTERM (the group's, then the parent's own) must not cut the folder's removal short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    pdf.release_font_config()
    os._exit(128 + signum)


def _init(parent: int) -> None:
    # WeasyPrint (0.8 s to import) is loaded in the workers, not in every command that imports the batch.
    from handouts.render.pdf import forget_font_config, release_font_config

    forget_font_config()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    _die_with_parent(parent)
    # Pool workers end through os._exit, which skips atexit and finalizers of live objects: register
    # the FontConfiguration's cleanup with multiprocessing's own exit hook, which does run.
    Finalize(None, release_font_config, exitpriority=100)


@contextlib.contextmanager
def pool(workers: int):
    """A fork-based process pool (workers inherit the loaded inputs) that is torn down on any exception."""
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                                   initargs=(os.getpid(),))
    try:
        yield executor
    except BaseException:
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # SIGTERM: each removes its font folder, then exits
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(timeout=5)
        raise
    else:
        executor.shutdown(wait=True)
