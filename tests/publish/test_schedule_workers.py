"""A day's schedule is rendered by every worker and each PDF is written as soon as it is made: the files are
those one process makes, byte for byte, and a failing row stops the rows not started."""
from __future__ import annotations

import contextlib
import csv
import gc
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from handouts import api
from handouts.publish import workers


def schedule(path: Path, rows: int) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient_name", "appointment", "driver_phone"])
        for i in range(rows):
            writer.writerow([f"Test Person {i}", f"2026-12-03 {9 + i}:00", f"(555) 010-{i:04d}"])
    return path


def test_workers_make_the_same_files_as_one_process(tmp_path):
    inputs = api.load_inputs(clinics=["example-clinic"])
    day = schedule(tmp_path / "day.csv", 3)
    lines: list[str] = []
    one = api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], day, tmp_path / "one", jobs=1)
    two = api.personalize_schedule(inputs, "example-clinic", ["day-of-infusion"], day, tmp_path / "two", jobs=2,
                                   progress=lines.append)
    assert [p.name for p in two] == [p.name for p in one] == ["row-001.pdf", "row-002.pdf", "row-003.pdf"]
    assert [p.read_bytes() for p in two] == [p.read_bytes() for p in one]
    assert sorted(lines) == [f"[{n}/3] row-00{n}.pdf: written" for n in (1, 2, 3)]


def test_workers_are_other_processes_and_an_error_stops_the_rest(tmp_path):
    def pids(items: int, jobs: int) -> dict[int, int]:
        """item -> the process that ran it"""
        return {index: pid for index, pid, _ in workers.each(lambda item: os.getpid(), list(range(items)), jobs)}

    seen = pids(4, 2)
    assert sorted(seen) == [0, 1, 2, 3] and os.getpid() not in seen.values()
    two = pids(2, 2)
    assert len(two) == 2 and os.getpid() not in two.values()
    # one job, or one item: it runs here, with no process forked
    assert pids(2, 1) == {0: os.getpid(), 1: os.getpid()}
    assert pids(1, 2) == {0: os.getpid()}

    def fail_first(item: int) -> int:
        if item == 0:
            raise ValueError("row 1 failed")
        time.sleep(0.05)
        (tmp_path / str(item)).touch()
        return item

    results = workers.each(fail_first, list(range(60)), 2)
    with pytest.raises(ValueError, match="row 1 failed"), contextlib.closing(results):
        for _, _, error in results:
            if error is not None:
                raise error
    assert len(list(tmp_path.iterdir())) < 20  # the items not started when it failed never ran


def test_a_worker_freezes_what_it_loaded_once_after_its_first_item():
    """The collector stops walking what the first document loaded, and collects young objects less often;
    later items are not frozen again (each freeze is a full collection first)."""
    def collector_state(item: int) -> tuple[int, int, int]:
        time.sleep(0.05)  # both workers take items
        return os.getpid(), gc.get_freeze_count(), gc.get_threshold()[0]

    by_worker: dict[int, list[tuple[int, int]]] = {}
    for _, (pid, frozen, threshold), _ in workers.each(collector_state, list(range(5)), 2):
        by_worker.setdefault(pid, []).append((frozen, threshold))
    assert len(by_worker) == 2 and all(states[0] == (0, gc.get_threshold()[0]) for states in by_worker.values())
    later = [state for states in by_worker.values() for state in states[1:]]
    assert later and all(frozen > 0 and threshold == workers.YOUNG_THRESHOLD for frozen, threshold in later)
    assert all(len({frozen for frozen, _ in states[1:]}) == 1 for states in by_worker.values() if len(states) > 1)


def test_a_build_limited_to_some_cores_starts_a_worker_per_core_it_may_use():
    """taskset or a container's cpuset: the cores this process may run on, not the machine's."""
    allowed = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(allowed)})
        assert workers.default_jobs() == 1
    finally:
        os.sched_setaffinity(0, allowed)
    assert workers.default_jobs() == len(allowed)


@pytest.mark.parametrize(("cores", "jobs"), [(3, 3), (None, 1)])
def test_without_core_affinity_the_core_count_is_used(monkeypatch, cores, jobs):
    """Systems without sched_getaffinity (macOS): every core, or one when the count is unknown."""
    monkeypatch.delattr(os, "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert workers.default_jobs() == jobs


def test_closing_the_results_ends_a_worker_in_the_middle_of_its_item(tmp_path):
    """Ctrl-C or a full disk in the caller: a worker busy with a long render is ended now, not when it is done."""
    def slow_second(item: int) -> int:
        if item == 1:
            (tmp_path / "busy").write_text(str(os.getpid()))
            time.sleep(60)
        return item

    results = workers.each(slow_second, [0, 1], 2)
    assert next(results)[:2] == (0, 0)
    for _ in range(400):  # 20 s at most: the second item starts in the other worker at once
        if (tmp_path / "busy").exists():
            break
        time.sleep(0.05)
    assert (tmp_path / "busy").exists(), "the second item never started in a worker"
    busy = int((tmp_path / "busy").read_text())
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(busy, 0)


@pytest.mark.parametrize(("parent", "exit_code"), [("own", 0), ("gone", 128 + signal.SIGTERM)])
def test_a_worker_whose_parent_is_gone_before_it_asked_to_die_with_it_ends_at_once(parent, exit_code):
    """A build killed between forking a worker and the worker's prctl: the worker must not wait on a pipe."""
    context = multiprocessing.get_context("fork")
    expected = os.getpid() if parent == "own" else -1  # -1: the parent it was told of is not its parent now
    child = context.Process(target=workers._die_with_parent, args=(expected,))
    child.start()
    child.join(20)
    assert child.exitcode == exit_code
