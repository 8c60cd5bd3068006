"""A day's schedule is rendered by every worker and each PDF is written as soon as it is made: the files are
those one process makes, byte for byte, and a failing row stops the rows not started."""
from __future__ import annotations

import contextlib
import csv
import gc
import os
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
    seen = {index: pid for index, pid, error in workers.each(lambda item: os.getpid(), [0, 1, 2, 3], 2)}
    assert sorted(seen) == [0, 1, 2, 3] and os.getpid() not in seen.values()
    two = [pid for _, pid, _ in workers.each(lambda item: os.getpid(), [0, 1], 2)]
    assert len(two) == 2 and os.getpid() not in two
    # one job, or one item: it runs here, with no process forked
    assert [pid for _, pid, _ in workers.each(lambda item: os.getpid(), [0, 1], 1)] == [os.getpid()] * 2
    assert [pid for _, pid, _ in workers.each(lambda item: os.getpid(), [0], 2)] == [os.getpid()]

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


def test_a_worker_freezes_what_it_loaded_after_its_first_item():
    """The collector stops walking what the first document loaded, and collects young objects less often."""
    def collector_state(item: int) -> tuple[int, int, int]:
        return os.getpid(), gc.get_freeze_count(), gc.get_threshold()[0]

    states = [state for _, state, _ in workers.each(collector_state, [0, 1, 2], 2)]
    by_worker: dict[int, list[tuple[int, int]]] = {}
    for pid, frozen, threshold in states:
        by_worker.setdefault(pid, []).append((frozen, threshold))
    assert len(by_worker) == 2 and (0, 700) in {state for each in by_worker.values() for state in each}
    later = [state for each in by_worker.values() for state in each[1:]]
    assert later and all(frozen > 0 and threshold == workers.YOUNG_THRESHOLD for frozen, threshold in later)


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
    while not (tmp_path / "busy").exists():
        time.sleep(0.05)
    busy = int((tmp_path / "busy").read_text())
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(busy, 0)
