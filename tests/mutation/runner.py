"""scripts/mutate: run the mutants of the named modules against the tests that run their lines; print the score
and the survivors.

  scripts/mutate                                   the core stages (models, load, plan, checks, publish/personal, workers)
  scripts/mutate handouts/plan/personal.py         one module (or a folder: every module in it)
  scripts/mutate --list handouts/models            the mutants only, nothing run

First the stage's tests run once, traced (tracemap.py), to learn which tests run each line and how long each
takes; then every mutant runs only those tests, quickest first, stopping at the first failure. A mutant no
test notices is a survivor, unless equivalent.yaml lists it, with the reason it cannot change what a user sees.
Mutants run in a copy of the project in a temp folder, each with a cache folder of its own: the work tree's code
is never changed. Only outcomes are kept, in .mutate/results.json (results.py).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml
from mutants import Mutant, mutants, mutated_source
from results import Results, report, stage
from selection import (
    ROOT,
    Spans,
    constant_readers,
    covering_tests,
    per_test_limit,
    probed_lines,
    quickest_first,
    time_limit,
)

HERE = Path(__file__).resolve().parent
# publish: the path a patient's details take (one PDF or a day's schedule, and the worker processes it uses).
CORE = ["handouts/models", "handouts/load", "handouts/plan", "handouts/checks", "handouts/publish/personal.py",
        "handouts/publish/workers.py"]
# The tests that may notice a change to each stage: its own folder, plus those that drive it from outside.
STAGE_TESTS = {
    "models": ["tests/models", "tests/plan", "tests/load/test_bad_inputs.py"],
    "load": ["tests/load", "tests/checks"],
    "plan": ["tests/plan", "tests/publish/test_personalize.py", "tests/publish/test_schedule_privacy.py",
             "tests/publish/test_schedule_writes.py"],
    "checks": ["tests/checks", "tests/load/test_bad_inputs.py"],
    "publish": ["tests/publish/test_personalize.py", "tests/publish/test_schedule_privacy.py",
                "tests/publish/test_schedule_writes.py", "tests/publish/test_schedule_workers.py",
                "tests/publish/test_faults.py"],
}
# Left out of a stage's run: tests of rendering that load a project on the way (a survivor runs every test that
# ran its line, and these three took half of load's test time: a PDF build or a bundle each).
STAGE_LEAVE_OUT = {
    "load": ["tests/load/test_spanish.py",
             "tests/load/test_bounded_reads.py::test_an_icc_profile_that_is_a_pipe_or_a_device_is_refused_without_waiting"],
}


def modules_of(targets: list[str]) -> list[str]:
    out: list[str] = []
    for target in targets or CORE:
        path = ROOT / target
        found = sorted(path.glob("*.py")) if path.is_dir() else [path]
        out += [str(p.relative_to(ROOT)) for p in found if p.read_text(encoding="utf-8").strip()]
    return out


def equivalents() -> dict[str, str]:
    entries = yaml.safe_load((HERE / "equivalent.yaml").read_text(encoding="utf-8")) or []
    return {entry["mutant"]: entry["why"] for entry in entries}


def env_for(pythonpath: Path, cache: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "PYTHONDONTWRITEBYTECODE": "1",
           "HANDOUTS_CACHE_DIR": str(cache), **extra}
    env.pop("HANDOUTS_DEBUG", None)
    return env


def trace(modules: list[str], tests: list[str], work: Path,
          leave_out: list[str] = ()) -> tuple[dict[str, Spans], dict[str, float]]:
    """Run the tests once, traced: module -> (first, last line) of a statement -> the ids of the tests that ran it
    ("" outside a test); and each test's seconds."""
    out_dir = work / "trace"
    out_dir.mkdir(parents=True)
    files = os.pathsep.join(str(ROOT / m) for m in modules)
    env = env_for(Path(f"{ROOT}{os.pathsep}{HERE}"), work / "cache", MUTATE_TRACE_FILES=files,
                  MUTATE_TRACE_OUT=str(out_dir))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tracemap",
                             "-x", *(f"--deselect={test}" for test in leave_out), *tests], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mutate: the tests fail before any change; fix them first:\n{result.stdout[-3000:]}")
    print(f"mapped {len(tests)} test path(s) in {time.monotonic() - started:.0f} s", flush=True)
    hits: dict[str, Spans] = defaultdict(lambda: defaultdict(set))
    for part in out_dir.glob("trace-*.json"):
        for path, spans in json.loads(part.read_text(encoding="utf-8")).items():
            for first, last, ids in spans:
                hits[str(Path(path).relative_to(ROOT))][(first, last)].update(ids)
    seconds = json.loads((out_dir / "seconds.json").read_text(encoding="utf-8"))
    return hits, seconds


def run_mutant(mutant: Mutant, tests: list[str], shadow: Path, timeout: float, per_test: float) -> str:
    """'killed', 'timeout' or 'survived'. Each mutant has a cache folder of its own, removed after: a score or a
    logo verdict cached by an earlier mutant (or by the unchanged code) would hide this one's change."""
    target = shadow / mutant.module
    original = (ROOT / mutant.module).read_text(encoding="utf-8")
    target.write_text(mutated_source(original, mutant.number), encoding="utf-8")
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=shadow.parent))
    _seed_font_instances(mutant, shadow.parent / "cache", cache)
    try:
        # the thread method: the code under test sets its own SIGALRM timers (render time limits)
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                                 f"--timeout={per_test:.0f}", "--timeout-method=thread", *tests],
                                cwd=shadow, env=env_for(shadow, cache), capture_output=True, text=True,
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        target.write_text(original, encoding="utf-8")
        shutil.rmtree(cache, ignore_errors=True)
    if result.returncode == 2:  # pytest stopped by Ctrl-C: nothing was learnt, and nothing is kept
        raise KeyboardInterrupt
    if result.returncode in (4, 5) and "ERROR collecting" not in result.stdout:  # a mutant that breaks an import
        # is noticed (killed); only a test id pytest cannot find, or no test at all, is the runner's own fault
        raise RuntimeError(f"mutate: pytest could not run the tests for {mutant.key}:\n{result.stdout[-2000:]}")
    if result.returncode == 0:
        return "survived"
    return "timeout" if "+ Timeout +" in result.stdout + result.stderr else "killed"


def _seed_font_instances(mutant: Mutant, mapped: Path, cache: Path) -> None:
    """Give the mutant the static font instances the mapping run made. They are derived from the font files
    alone (the fonts stage makes them), and making them again takes about 45 s: every mutant would pass the
    per-test time limit in its first rendering test and be counted as hung, whatever its change."""
    instances = mapped / "fonts"
    if instances.is_dir() and stage(mutant.module) != "fonts":
        shutil.copytree(instances, cache / "fonts")


NOT_COPIED = (".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".hypothesis", "output", ".mutate")


def make_shadows(work: Path, count: int) -> list[Path]:
    """Copies of the project (18 MB) in which mutants run: every import sees the mutant, whatever the current
    folder of the test or of the command it starts (`python -m` puts that folder first on sys.path)."""
    shadows = []
    for n in range(count):
        shadow = work / f"shadow-{n}"
        shutil.copytree(ROOT, shadow, symlinks=True, ignore=shutil.ignore_patterns(*NOT_COPIED))
        shadows.append(shadow)
    return shadows


def mutate_stage(name: str, modules: list[str], tests: list[str], args: argparse.Namespace, work: Path,
                 kept: Results, results: dict[Mutant, str]) -> int:
    """Every mutant of the stage's modules -> killed | timeout | survived | not run by any test | equivalent, into
    `results` as each is known (a run stopped half-way reports what it has); returns how many kills were taken
    from earlier runs."""
    reviewed = equivalents()
    hits, seconds = trace(modules, tests, work / name, [] if args.tests else STAGE_LEAVE_OUT.get(name, []))
    found = [m for module in modules for m in mutants(module, (ROOT / module).read_text(encoding="utf-8"))]
    shadows = make_shadows(work / name, args.jobs)
    sources = {module: (ROOT / module).read_text(encoding="utf-8") for module in modules}
    probed = {module: probed_lines(source) for module, source in sources.items()}
    free = list(shadows)
    started, total, reused = time.monotonic(), len(results), 0

    def one(mutant: Mutant) -> None:
        nonlocal reused
        if mutant.key in reviewed:  # reviewed as equivalent: left out of the score, so not run
            results[mutant] = "equivalent"
            return
        if known := kept.known(mutant, sources[mutant.module]):
            results[mutant], reused = known, reused + 1
            return
        selected = covering_tests(mutant, hits.get(mutant.module, {}), probed[mutant.module], tuple(seconds),
                                  constant_readers(mutant, sources, hits))
        if not selected:
            results[mutant] = "not run by any test"
            return
        limit = time_limit(selected, seconds, args.timeout)
        shadow = free.pop()
        try:
            results[mutant] = run_mutant(mutant, quickest_first(selected, seconds), shadow, limit,
                                         per_test_limit(selected, seconds))
        finally:
            free.append(shadow)
        kept.keep(mutant, sources[mutant.module], results[mutant])
        if results[mutant] in ("survived", "timeout"):
            print(f"  {results[mutant]}: {mutant.module}:{mutant.line}: {mutant.change} | {mutant.code}", flush=True)
        done = len(results) - total
        if done % 25 == 0:
            rate = (done - reused) / (time.monotonic() - started)
            alive = sum(outcome not in ("killed", "timeout", "equivalent") for outcome in list(results.values()))
            print(f"  {done} of {len(found)} mutants done ({reused} known, {rate:.2f}/s run), {alive} not killed",
                  flush=True)

    pool = ThreadPoolExecutor(args.jobs)
    try:
        list(pool.map(one, found))
    finally:  # on Ctrl-C: no mutant waiting in the queue starts
        pool.shutdown(wait=True, cancel_futures=True)
    return reused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/mutate", description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="MODULE", help="modules or folders (default: the core)")
    parser.add_argument("--tests", nargs="+", metavar="PATH", help="the tests to run (default: per stage)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1: the machine is shared)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds before a mutant counts as hung (default: 3 x its tests' traced time + 60)")
    parser.add_argument("--list", action="store_true", help="list the mutants; run nothing")
    parser.add_argument("--fresh", action="store_true", help="run every mutant, even those killed by an earlier run")
    args = parser.parse_args(argv)
    modules = modules_of(args.targets)
    if args.list:
        for module in modules:
            for m in mutants(module, (ROOT / module).read_text(encoding="utf-8")):
                print(f"{m.module}:{m.line}: {m.change} | {m.code}")
        return 0
    results: dict[Mutant, str] = {}
    kept, reused = Results(ROOT / ".mutate" / "results.json", fresh=args.fresh), 0
    try:
        with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
            for name in sorted({stage(m) for m in modules}):
                group = [m for m in modules if stage(m) == name]
                print(f"{name}: {len(group)} module(s)", flush=True)
                reused += mutate_stage(name, group, args.tests or STAGE_TESTS[name], args, Path(tmp), kept, results)
    except KeyboardInterrupt:
        print(f"stopped: the score of the {len(results)} mutants done so far (each is kept for the next run)")
        report(results, equivalents(), reused)
        return 130
    return 0 if report(results, equivalents(), reused) else 1


if __name__ == "__main__":
    sys.exit(main())
