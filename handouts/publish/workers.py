"""Worker processes shared by the batch and the day's schedule; they never outlive their build.

- Workers are forked after the items are set, so they inherit the loaded inputs (and patient rows) in
  memory: only an item's index goes down the pipe, and the result (PDF bytes) comes back. Nothing is
  pickled to disk, nothing is re-imported.
- WeasyPrint is imported once in the parent before the fork, not once per worker.
- After its first document a worker freezes what it has loaded (modules, fonts, parsed themes) out of
  the garbage collector's way (`gc.freeze()`) and collects young objects less often: the collector spent
  about a tenth of the batch walking objects that live as long as the process.
- Each worker asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG), so `kill -9` of a build
  does not leave workers blocked on a pipe; on SIGTERM a worker removes its /tmp/weasyprint-* font folder
  and exits at once. It removes that folder too when the pool shuts it down.
- Workers ignore SIGINT: Ctrl-C reaches the whole process group, and the parent alone decides to stop.
- When the parent stops early (Ctrl-C, SIGTERM, a full disk, the caller closing the results), pending
  items are cancelled and the workers are terminated instead of finishing the batch.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing.util import Finalize
from typing import Any

PR_SET_PDEATHSIG = 1
_WORK: tuple[Callable[[Any], Any], list] | None = None  # (function, items) of the running pool
_WARM = False
YOUNG_THRESHOLD = 10_000  # objects allocated between collections of the youngest generation (default 700)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def each(work: Callable[[Any], Any], items: list, jobs: int) -> Generator[tuple[int, Any, BaseException | None], None, None]:
    """(index, result, None) or (index, None, error) for every item, in the order they finish.

    work(item) runs in this process when jobs <= 1 or there is one item, else in `jobs` forked workers."""
    global _WORK
    if jobs <= 1 or len(items) <= 1:
        for index, item in enumerate(items):
            try:
                yield index, work(item), None
            except Exception as exc:
                yield index, None, exc
        return
    import handouts.typeset.engine  # noqa: F401  (0.8 s of WeasyPrint import, done once here instead of per worker)

    _WORK = (work, items)
    try:
        with pool(min(jobs, len(items))) as executor:
            futures = {executor.submit(_call, index): index for index in range(len(items))}
            for future in as_completed(futures):
                try:
                    yield futures[future], future.result(), None
                except Exception as exc:  # the work raised, or the worker died (out of memory, killed)
                    yield futures[future], None, exc
    finally:
        _WORK = None


@contextlib.contextmanager
def pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A fork-based process pool (workers inherit the loaded inputs) that is torn down on any exception,
    including the caller closing a generator that holds it (GeneratorExit)."""
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


def _call(index: int):
    global _WARM
    assert _WORK is not None, "workers are forked by each()"
    work, items = _WORK
    result = work(items[index])
    if not _WARM:
        _WARM = True
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    return result


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's own shutdown still ends the workers
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        _leave(signal.SIGTERM, None)


def _leave(signum, frame) -> None:
    from handouts import typeset  # already imported by _init; a module import is a lookup here

    # A second SIGTERM (the group's, then the parent's own) must not cut the folder's removal short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    typeset.release_font_config()
    os._exit(128 + signum)


def _init(parent: int) -> None:
    # Imported by each() before the fork (pool() alone may be used without it): a lookup then.
    from handouts.typeset import forget_font_config, release_font_config

    forget_font_config()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    _die_with_parent(parent)
    # Pool workers end through os._exit, which skips atexit and finalizers of live objects: register
    # the FontConfiguration's cleanup with multiprocessing's own exit hook, which does run.
    Finalize(None, release_font_config, exitpriority=100)
