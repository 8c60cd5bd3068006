"""What scripts/mutate keeps between runs, and the score it prints."""
from __future__ import annotations

from mutants import Mutant
from results import Results, report

CONSTANT = Mutant("handouts/load/x.py", 0, 1, "3 -> 4", "LIMIT = 3")
GUARD = Mutant("handouts/load/x.py", 1, 5, "raise -> pass", "raise Bad()")


def test_a_kill_is_taken_from_an_earlier_run_while_the_source_is_the_same(tmp_path):
    path = tmp_path / ".mutate" / "results.json"
    first = Results(path)
    first.keep(CONSTANT, "LIMIT = 3\n", "killed")
    first.keep(GUARD, "LIMIT = 3\n", "survived")
    later = Results(path)
    assert later.known(CONSTANT, "LIMIT = 3\n") == "killed"
    assert later.known(CONSTANT, "LIMIT = 3  # changed\n") is None  # another source: run it again
    assert later.known(GUARD, "LIMIT = 3\n") is None  # a survivor always runs again: a new test may kill it
    assert Results(path, fresh=True).known(CONSTANT, "LIMIT = 3\n") is None
    assert not path.with_suffix(".partial").exists()


def test_a_hang_is_run_again_it_may_have_been_a_busy_machine(tmp_path):
    kept = Results(tmp_path / "results.json")
    kept.keep(GUARD, "x", "timeout")
    assert Results(tmp_path / "results.json").known(GUARD, "x") is None


def test_two_identical_changes_on_one_line_are_kept_apart(tmp_path):
    twin = Mutant(CONSTANT.module, 7, CONSTANT.line, CONSTANT.change, CONSTANT.code)
    kept = Results(tmp_path / "results.json")
    kept.keep(CONSTANT, "s", "killed")
    assert kept.known(twin, "s") is None


def test_the_score_leaves_out_equivalents_and_names_each_survivor(capsys):
    outcomes = {CONSTANT: "killed", GUARD: "survived",
                Mutant("handouts/load/x.py", 2, 6, "> -> >=", "a > b"): "timeout",
                Mutant("handouts/load/x.py", 3, 7, "and -> or", "a and b"): "survived",
                Mutant("handouts/load/x.py", 4, 8, "not x -> x", "not a"): "not run by any test"}
    met = report(outcomes, {"handouts/load/x.py | a and b | and -> or": "same either way"}, reused=1)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "handouts/load/x.py:5: survived: raise -> pass | raise Bad()",
        "handouts/load/x.py:8: not run by any test: not x -> x | not a",
        "load: 2 of 4 behaviour-changing mutants killed (50.0 %; 1 of them by hanging past the time limit); "
        "1 reviewed as equivalent",
        "(1 kills taken from earlier runs on the same source: .mutate/results.json; --fresh runs them)"]
    assert met is False
    nine_of_ten = {Mutant("handouts/plan/y.py", n, n, "3 -> 4", f"L{n} = 3"): "killed" for n in range(9)}
    survivor = Mutant("handouts/plan/y.py", 9, 9, "raise -> pass", "raise Bad()")
    assert report(nine_of_ten | {survivor: "survived"}, {}) is True  # the goal, 90 %, is met at 90 %


def test_a_mutant_starts_with_the_font_instances_the_mapping_run_made(tmp_path):
    from runner import _seed_font_instances

    (tmp_path / "mapped" / "fonts").mkdir(parents=True)
    (tmp_path / "mapped" / "fonts" / "NotoSans-400.ttf").write_bytes(b"font")
    (tmp_path / "mapped" / "reading-levels.json").write_text("{}")  # a score: never shared
    for mutant, seeded in ((GUARD, ["fonts"]), (Mutant("handouts/fonts/static.py", 0, 1, "1 -> 2", "x = 1"), [])):
        cache = tmp_path / f"cache-{mutant.module.replace('/', '-')}"
        cache.mkdir()
        _seed_font_instances(mutant, tmp_path / "mapped", cache)
        assert sorted(p.name for p in cache.iterdir()) == seeded
