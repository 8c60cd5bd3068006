"""Which tests each mutant runs, in what order, and for how long before it counts as hung.

The trace (tracemap.py) says which tests ran each statement and how long each test took; from that a mutant gets
the tests that ran its statement, quickest first, and its time limits.
"""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from mutants import Mutant
from tracemap import header_end, unprobed

ROOT = Path(__file__).resolve().parents[2]


Spans = dict[tuple[int, int], set[str]]


def probed_lines(source: str) -> set[int]:
    """The lines a probe stands for: every statement's own lines (a compound statement's header only)."""
    return {line for node in ast.walk(ast.parse(source)) if isinstance(node, ast.stmt) and not unprobed(node)
            for line in range(node.lineno, header_end(node) + 1)}


def covering_tests(mutant: Mutant, spans: dict[tuple[int, int], set[str]], probed: set[int],
                   stage_tests: tuple[str, ...] = (), readers: set[str] | None = None) -> list[str]:
    """The tests that ran the mutant's statement (none: no test runs it). Code run at import (class bodies,
    default values, shared types) and lines no probe stands for (decorators): every test of the stage, since
    such a value reaches tests through every module that uses it; a module constant that only the stage's own
    statements name: the tests that ran those statements (`readers`, from constant_readers)."""
    ids = set().union(*(ids for (first, last), ids in spans.items() if first <= mutant.line <= last))
    if "" in ids or mutant.line not in probed:
        ids = set(stage_tests) if readers is None else readers
    return sorted(i for i in ids if i)


@functools.cache
def _parsed(source: str) -> ast.Module:
    """A module's syntax tree, parsed once per run (constant_readers asks for it for every mutant)."""
    return ast.parse(source)


@functools.cache
def _named_elsewhere(pattern: str, modules: frozenset[str]) -> bool:
    """Whether a module of the package other than `modules` matches the pattern."""
    return any(re.search(pattern, path.read_text(encoding="utf-8")) for path in (ROOT / "handouts").rglob("*.py")
               if str(path.relative_to(ROOT)) not in modules)


def constant_readers(mutant: Mutant, sources: dict[str, str], hits: dict[str, Spans]) -> set[str] | None:
    """For a mutant in a module constant (`LIMIT = 3` at the top level): the tests that ran a statement naming
    it, in the stage's modules. None (every test of the stage) when the line is anything else, when any other
    module of the package names the constant (it may reach tests from there), or when a statement run at
    import names it (another constant built from it)."""
    assigned = [node for node in _parsed(sources[mutant.module]).body if isinstance(node, (ast.Assign, ast.AnnAssign))
                and node.lineno <= mutant.line <= (node.end_lineno or node.lineno)]
    targets = [t for node in assigned for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]
    if not targets or not all(isinstance(t, ast.Name) for t in targets):
        return None
    names = {t.id for t in targets if isinstance(t, ast.Name)}
    named = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    if _named_elsewhere(named.pattern, frozenset(sources)):
        return None
    readers: set[str] = set()
    for module, source in sources.items():
        lines = source.splitlines()
        for (first, last), ids in hits.get(module, {}).items():
            if (module, first) != (mutant.module, assigned[0].lineno) and named.search("\n".join(lines[first - 1:last])):
                if "" in ids:
                    return None
                readers |= ids
    return readers or None


def seconds_of(test: str, seconds: dict[str, float]) -> float:
    """A test's traced seconds; a test file's: the sum of its tests'."""
    if test in seconds:
        return seconds[test]
    return sum(s for test_id, s in seconds.items() if test_id.startswith(f"{test}::"))


def quickest_first(tests: list[str], seconds: dict[str, float]) -> list[str]:
    """The same tests, quickest first: a mutant is most often killed by the first test that fails (-x), so a
    quick test that notices it spares the slow ones. Only the order changes, never which tests run."""
    return sorted(tests, key=lambda test: (seconds_of(test, seconds), test))


def time_limit(tests: list[str], seconds: dict[str, float], given: float | None = None) -> float:
    """Seconds before a mutant counts as hung (and so as noticed): the tests' traced time (probes included, so
    slower than a mutant's run) three times over, plus a minute for pytest's start and a busy machine. Never
    less: a slow survivor cut off early would be counted as killed."""
    return given or 60 + 3 * sum(seconds_of(test, seconds) for test in tests)


def per_test_limit(tests: list[str], seconds: dict[str, float]) -> float:
    """Seconds before one test counts as hung (pytest-timeout): four times the slowest selected test's traced
    time, at least half a minute. A mutant that makes a loop endless is noticed in that time, not after the time
    limit of all its tests."""
    return max(30.0, 4 * max((seconds_of(test, seconds) for test in tests), default=0.0))
