"""Which tests run which lines of the modules under mutation: a pytest plugin (`-p tracemap`) and, through
sitecustomize.py beside it, every Python process those tests start (the CLI runs in subprocesses).

The modules are compiled with a probe before each statement (an import hook), so nothing else is slowed:
tracing every call with sys.settrace made a WeasyPrint render some twenty times slower.

MUTATE_TRACE_FILES: the modules' absolute paths, separated by os.pathsep. MUTATE_TRACE_OUT: a folder; each
process (forked workers too) writes trace-PID-*.json there when it exits, by atexit or by os._exit:
{path: [[first line, last line, [test ids]], ...]}. The running test's id travels to child processes in
MUTATE_TEST_ID. Statements run outside any test (imports,
collection) are filed under "" (a mutant there is run against every test of its module). The pytest process also
writes seconds.json: {test id: seconds}, so the runner can try the quickest tests first.
"""
from __future__ import annotations

import ast
import atexit
import functools
import importlib.machinery
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

_FILES = frozenset(p for p in os.environ.get("MUTATE_TRACE_FILES", "").split(os.pathsep) if p)
_HITS: dict[str, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
_SECONDS: dict[str, float] = defaultdict(float)  # test id -> set-up, call and tear-down time (pytest process only)
PROBE = "__mutate_hit__"


def hit(path: str, first: int, last: int) -> None:
    _HITS[path][(first, last)].add(os.environ.get("MUTATE_TEST_ID", ""))


def header_end(node: ast.stmt) -> int:
    """The last line of a statement's own code: a compound statement's header, without its body."""
    inner = [child for name in ("body", "orelse", "finalbody", "handlers") for child in getattr(node, name, [])]
    if not inner:
        return node.end_lineno or node.lineno
    return max(node.lineno, min(child.lineno for child in inner) - 1)


def unprobed(stmt: ast.stmt) -> bool:
    """`from __future__` must stay first, and a probe before a docstring would make it a plain string."""
    future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
    return future or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))


class _Probes(ast.NodeTransformer):
    def generic_visit(self, node: ast.AST) -> ast.AST:
        super().generic_visit(node)
        for name in ("body", "orelse", "finalbody"):
            statements = getattr(node, name, None)
            if isinstance(statements, list) and statements and isinstance(statements[0], ast.stmt):
                setattr(node, name, [part for stmt in statements for part in self._probed(stmt)])
        return node

    @staticmethod
    def _probed(stmt: ast.stmt) -> list[ast.stmt]:
        if unprobed(stmt):
            return [stmt]
        call = ast.Call(ast.Name(PROBE, ast.Load()), [ast.Constant(stmt.lineno), ast.Constant(header_end(stmt))], [])
        return [ast.copy_location(ast.Expr(call), stmt), stmt]


class _ProbedLoader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname: str) -> Any:  # never a cached .pyc: it has no probes
        tree = _Probes().visit(ast.parse(self.get_data(self.path), self.path))
        return compile(ast.fix_missing_locations(tree), self.path, "exec", dont_inherit=True)

    def exec_module(self, module: Any) -> None:
        module.__dict__[PROBE] = functools.partial(hit, self.path)
        super().exec_module(module)


class _Finder:
    @staticmethod
    def find_spec(fullname: str, path: Any = None, target: Any = None) -> Any:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.origin in _FILES:
            spec.loader = _ProbedLoader(fullname, spec.origin)
        return spec


def _write() -> None:
    out = os.environ.get("MUTATE_TRACE_OUT")
    if out and _HITS:
        table = {path: [[a, b, sorted(ids)] for (a, b), ids in spans.items()] for path, spans in _HITS.items()}
        # a file of its own even if a later process gets the same pid (many short-lived workers are forked)
        handle, _ = tempfile.mkstemp(prefix=f"trace-{os.getpid()}-", suffix=".json", dir=out)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(json.dumps(table))
    if out and _SECONDS:
        Path(out, "seconds.json").write_text(json.dumps(_SECONDS), encoding="utf-8")


def _forget() -> None:
    """In a forked child (a pool worker): write only what the child itself runs."""
    _HITS.clear()
    _SECONDS.clear()


_EXIT = os._exit  # the real one, before start() replaces it


def _write_then_exit(code: int) -> None:
    _write()
    _EXIT(code)


def start() -> None:
    """Probe the modules this process imports from now on, and write what ran when it exits.

    os._exit skips atexit, and it is how pool workers end (multiprocessing's fork start) and how the CLI ends
    after Ctrl-C or SIGTERM: without writing there, the lines only a worker or a stopped build runs would be
    mapped to no test, and their mutants never tried."""
    if _FILES and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
        atexit.register(_write)
        os.register_at_fork(after_in_child=_forget)
        os._exit = _write_then_exit


def pytest_configure(config: Any) -> None:
    start()


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    os.environ["MUTATE_TEST_ID"] = nodeid


def pytest_runtest_logreport(report: Any) -> None:
    _SECONDS[report.nodeid] += report.duration


def pytest_runtest_logfinish(nodeid: str, location: Any) -> None:
    os.environ.pop("MUTATE_TEST_ID", None)
