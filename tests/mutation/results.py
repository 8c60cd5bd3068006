"""What scripts/mutate found, kept between runs, and the score it prints.

A run of a whole stage takes an hour or more on this machine's two cores; a run stopped half-way (Ctrl-C, the
end of a session) would otherwise lose all it learnt. So each mutant's outcome is written to .mutate/results.json
as soon as it is known, with a digest of its module's source. A later run takes a kill from there while the
module's source is the same, and runs every survivor again (a new test may kill it). A hang is run again too:
on a machine busy with something else, a test that only runs slowly passes its time limit and looks like a hang
(a run beside other work once counted 29 of a stage's 39 "kills" that way). `--fresh` runs everything. The
equivalent list is read on every run: an entry added later counts at once.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections import defaultdict
from pathlib import Path

from mutants import Mutant

GOAL = 90.0
NOTICED = ("killed", "timeout")


def stage(module: str) -> str:
    """handouts/load/reader.py -> load"""
    return Path(module).parts[1]


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class Results:
    """Outcomes by mutant (its key and its place in the module's list, which the digest pins down)."""

    def __init__(self, path: Path, fresh: bool = False) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.table: dict[str, dict[str, str]] = {}
        if path.exists() and not fresh:
            self.table = json.loads(path.read_text(encoding="utf-8"))

    @staticmethod
    def _name(mutant: Mutant) -> str:
        return f"{mutant.key} | #{mutant.number}"

    def known(self, mutant: Mutant, source: str) -> str | None:
        """A kill found earlier on the same source; None when the mutant must run."""
        entry = self.table.get(self._name(mutant))
        if entry and entry["source"] == digest(source) and entry["outcome"] == "killed":
            return entry["outcome"]
        return None

    def keep(self, mutant: Mutant, source: str, outcome: str) -> None:
        with self.lock:
            self.table[self._name(mutant)] = {"source": digest(source), "outcome": outcome}
            self.path.parent.mkdir(exist_ok=True)
            partial = self.path.with_suffix(".partial")
            partial.write_text(json.dumps(self.table, indent=0, sort_keys=True), encoding="utf-8")
            partial.replace(self.path)  # a run stopped while writing leaves the last whole table


def report(results: dict[Mutant, str], reviewed: dict[str, str], reused: int = 0) -> bool:
    """Print the survivors and the score per stage; True when every stage reaches the goal."""
    by_stage: dict[str, list[tuple[Mutant, str]]] = defaultdict(list)
    for mutant, outcome in results.items():
        by_stage[stage(mutant.module)].append((mutant, outcome))
    met = True
    for name, items in sorted(by_stage.items()):
        alive = [(m, o) for m, o in items if o not in NOTICED and m.key not in reviewed]
        hung = sum(1 for m, o in items if o == "timeout" and m.key not in reviewed)
        equivalent = sum(1 for m, _ in items if m.key in reviewed)
        counted = len(items) - equivalent
        killed = counted - len(alive)
        score = 100.0 * killed / counted if counted else 100.0
        met &= score >= GOAL
        for mutant, outcome in sorted(alive, key=lambda item: (item[0].module, item[0].number)):
            print(f"{mutant.module}:{mutant.line}: {outcome}: {mutant.change} | {mutant.code}")
        print(f"{name}: {killed} of {counted} behaviour-changing mutants killed ({score:.1f} %; {hung} of them by "
              f"hanging past the time limit); {equivalent} reviewed as equivalent")
    if reused:
        print(f"({reused} kills taken from earlier runs on the same source: .mutate/results.json; --fresh runs them)")
    return met
