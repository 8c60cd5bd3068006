"""Worker processes shared by the batch and the day's schedule.

- Workers are forked after the items are set, so they inherit the loaded inputs (and patient rows) in
  memory: only an item's index goes down the pipe, and the result (PDF bytes) comes back. Nothing is
  pickled to disk, nothing is re-imported.
- WeasyPrint is imported once in the parent before the fork, not once per worker.
- After its first document a worker freezes what it has loaded (modules, fonts, parsed themes) out of
  the garbage collector's way (`gc.freeze()`) and collects young objects less often: the collector spent
  about a tenth of the batch walking objects that live as long as the process.
- Each worker removes its FontConfiguration's temporary folder when the pool shuts it down.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing.util import Finalize
from typing import Any

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
    import handouts.render.pdf  # noqa: F401  (0.8 s of WeasyPrint import, done once here instead of per worker)

    _WORK = (work, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context,
                                 initializer=_worker_init) as pool:
            futures = {pool.submit(_call, index): index for index in range(len(items))}
            try:
                for future in as_completed(futures):
                    try:
                        yield futures[future], future.result(), None
                    except Exception as exc:  # the work raised, or the worker died (out of memory, killed)
                        yield futures[future], None, exc
            finally:  # the caller stopped early (an error): the items not started yet never start
                pool.shutdown(wait=True, cancel_futures=True)
    finally:
        _WORK = None


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


def _worker_init() -> None:
    # Pool workers end through os._exit, which skips atexit and finalizers of live objects: register
    # the FontConfiguration's cleanup with multiprocessing's own exit hook, which does run.
    from handouts.render.pdf import release_font_config

    Finalize(None, release_font_config, exitpriority=100)
