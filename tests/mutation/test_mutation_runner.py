"""The mutation runner's own parts: the changes it makes, the probes' lines, and the reviewed equivalent list."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from mutants import mutants, mutated_source
from runner import CORE, equivalents, modules_of
from selection import constant_readers, covering_tests, per_test_limit, probed_lines, quickest_first

ROOT = Path(__file__).resolve().parents[2]
SOURCE = '''"""A docstring: never changed."""
LIMIT = 3


def over(values, strict=True):
    if not values:
        raise ValueError("empty")
    return [v for v in values if v > LIMIT and strict]
'''


def test_each_mutant_is_one_change_of_behaviour():
    found = mutants("m.py", SOURCE)
    assert [(m.line, m.change) for m in found] == [
        (2, "3 -> 4"), (5, "True -> False"), (6, "not x -> x"), (7, "raise -> pass"), (6, "condition -> False"),
        (8, "> -> >="), (8, "and -> or"), (8, "return x -> return None")]
    for mutant in found:
        changed = mutated_source(SOURCE, mutant.number)
        assert changed != ast.unparse(ast.parse(SOURCE)), mutant.change
        assert '"""A docstring: never changed."""' in changed or "'A docstring: never changed.'" in changed


def test_the_same_change_twice_on_one_code_line_has_two_names():
    """So the equivalent list can name one of them: a name shared by both would leave the other unrun."""
    source = "prctl(1, 0, 0)\nif x:\n    continue\nif y:\n    continue\n"
    keys = [m.key for m in mutants("m.py", source)]
    assert keys == ["m.py | prctl(1, 0, 0) | 1 -> 2", "m.py | prctl(1, 0, 0) | 0 -> 1 (1 of 2)",
                    "m.py | prctl(1, 0, 0) | 0 -> 1 (2 of 2)", "m.py | continue | continue -> pass (1 of 2)",
                    "m.py | if x: | condition -> False", "m.py | continue | continue -> pass (2 of 2)",
                    "m.py | if y: | condition -> False"]


def test_a_mutant_changes_what_the_code_does():
    namespace: dict = {}
    exec(mutated_source(SOURCE, 5), namespace)  # > -> >=
    assert namespace["over"]([3, 4]) == [3, 4]
    exec(mutated_source(SOURCE, 3), namespace)  # raise -> pass
    assert namespace["over"]([]) == []


def test_the_probes_stand_for_headers_not_bodies():
    assert probed_lines(SOURCE) == {2, 5, 6, 7, 8}
    spans = {(2, 2): {""}, (5, 5): {""}, (6, 6): {"t1", "t2"}, (7, 7): {"t2"}, (8, 8): set()}
    raise_mutant = next(m for m in mutants("m.py", SOURCE) if m.change == "raise -> pass")
    assert covering_tests(raise_mutant, spans, probed_lines(SOURCE)) == ["t2"]
    constant = mutants("m.py", SOURCE)[0]  # module level: run at import, so every test of the stage
    assert covering_tests(constant, spans, probed_lines(SOURCE), ("t1", "t2")) == ["t1", "t2"]


def test_the_core_modules_have_mutants():
    counts = {m: len(mutants(m, (ROOT / m).read_text(encoding="utf-8"))) for m in modules_of(CORE)}
    assert sum(counts.values()) > 1000
    assert [m for m, count in counts.items() if not count] == ["handouts/models/__init__.py", "handouts/load/__init__.py",
                                                                        "handouts/plan/__init__.py"]


def test_every_reviewed_equivalent_names_a_mutant_that_exists():
    reviewed = equivalents()
    entries = yaml.safe_load((Path(__file__).parent / "equivalent.yaml").read_text(encoding="utf-8")) or []
    assert len(reviewed) == len(entries), "one entry per mutant"
    current = {m.key for module in modules_of(CORE) for m in mutants(module, (ROOT / module).read_text("utf-8"))}
    assert sorted(set(reviewed) - current) == [], "stale entries: the code changed; review them again"
    assert all(len(why.splitlines()) == 1 and why.strip() for why in reviewed.values())


def test_an_import_time_mutant_runs_every_test_of_the_stage():
    constant = mutants("m.py", SOURCE)[0]
    stage = ("t1", "t2", "t3")  # t3 never ran a line of the module: it may still read the constant
    assert covering_tests(constant, {(2, 2): {""}, (6, 6): {"t1"}}, probed_lines(SOURCE), stage) == ["t1", "t2", "t3"]


CONSTANT = '''ZQ_TEST_LIMIT = 3
ZQ_TEST_TWICE = ZQ_TEST_LIMIT * 2


def over(values):
    first = values[0]
    return [v for v in values if v > ZQ_TEST_LIMIT]
'''


def test_a_module_constant_runs_the_tests_that_ran_a_statement_naming_it():
    [limit, *_] = mutants("m.py", CONSTANT)
    spans = {(1, 1): {""}, (2, 2): {""}, (5, 5): {""}, (6, 6): {"t1", "t2"}, (7, 7): {"t2", "t3"}}
    assert constant_readers(limit, {"m.py": CONSTANT}, {"m.py": spans}) is None  # also read at import, by line 2
    alone = CONSTANT.replace("ZQ_TEST_TWICE = ZQ_TEST_LIMIT * 2", "ZQ_TEST_TWICE = 6")
    [limit, *_] = mutants("m.py", alone)
    readers = constant_readers(limit, {"m.py": alone}, {"m.py": spans})
    assert readers == {"t2", "t3"}
    assert covering_tests(limit, spans, probed_lines(alone), ("t1", "t2", "t3", "t4"), readers) == ["t2", "t3"]
    named_in_the_package = alone.replace("ZQ_TEST_LIMIT", "MAX_LOGO_PIXELS")  # load/clinics.py names it too
    [limit, *_] = mutants("m.py", named_in_the_package)
    assert constant_readers(limit, {"m.py": named_in_the_package}, {"m.py": spans}) is None


def test_tests_run_quickest_first():

    seconds = {"tests/a.py::slow": 9.0, "tests/a.py::quick": 0.1, "tests/b.py::mid": 1.0}
    assert quickest_first(["tests/a.py::slow", "tests/b.py::mid", "tests/a.py::quick"], seconds) == [
        "tests/a.py::quick", "tests/b.py::mid", "tests/a.py::slow"]


def test_a_hung_test_is_stopped_after_four_times_the_slowest_tests_time_or_half_a_minute():

    assert per_test_limit(["a", "b"], {"a": 2.0, "b": 5.0}) == 30.0
    assert per_test_limit(["a", "b"], {"a": 2.0, "b": 20.0}) == 80.0
    assert per_test_limit(["tests/x.py"], {"tests/x.py::one": 10.0, "tests/x.py::two": 15.0}) == 100.0


def test_a_test_id_that_names_the_project_folder_is_refused_at_collection():
    from types import SimpleNamespace

    import pytest

    from tests.conftest import pytest_collection_modifyitems

    pytest_collection_modifyitems([SimpleNamespace(nodeid="tests/a.py::t[clinics/x]")])
    with pytest.raises(pytest.UsageError, match=r"names the project's folder; .*: tests/a.py::t\[/"):
        pytest_collection_modifyitems([SimpleNamespace(nodeid=f"tests/a.py::t[{ROOT}/clinics/x]")])


def test_a_forked_worker_and_a_process_ending_by_os_exit_write_their_trace(tmp_path):
    """Pool workers and a CLI stopped by Ctrl-C end through os._exit, which skips atexit."""
    module = tmp_path / "work.py"
    module.write_text("def in_parent():\n    return 1\n\n\ndef in_worker():\n    return 2\n", encoding="utf-8")
    program = ("import multiprocessing, os, work\n"
               "work.in_parent()\n"
               "child = multiprocessing.get_context('fork').Process(target=work.in_worker)\n"
               "child.start(); child.join()\n"
               "os._exit(130)\n")
    out = tmp_path / "trace"
    out.mkdir()
    here = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": f"{here}{os.pathsep}{tmp_path}", "MUTATE_TRACE_FILES": str(module),
           "MUTATE_TRACE_OUT": str(out), "MUTATE_TEST_ID": "tests/t.py::t"}
    assert subprocess.run([sys.executable, "-c", program], env=env, cwd=tmp_path, timeout=60).returncode == 130
    lines: dict[int, set[str]] = {}
    by_file = []
    for part in out.glob("trace-*.json"):
        spans = json.loads(part.read_text(encoding="utf-8"))[str(module)]
        by_file.append({first for first, _, _ in spans})
        for first, _, ids in spans:
            lines.setdefault(first, set()).update(ids)
    assert lines.get(2) == {"tests/t.py::t"} and lines.get(6) == {"tests/t.py::t"}  # each function's return
    assert len(by_file) == 2 and {6} in by_file  # the worker wrote only its own line, in a file of its own
