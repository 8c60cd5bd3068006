"""Benchmark `handouts` against what a user would use instead, on this machine, in one run.

    .venv/bin/python bench/run.py            # full run (about 10 minutes on 2 cores); writes bench/RESULTS.md
    .venv/bin/python bench/run.py --quick    # smoke mode used by the tests (tiny sizes, 1 run each)

Every timed figure is the median of several runs, with min and max. All tools render the same HTML
(`handouts build --html-only`): the naive `weasyprint` command loop, headless Chromium (one persistent browser
via Playwright's page.pdf(), and one `chromium --print-to-pdf` process per file), and WeasyPrint's own
in-process render with a reused font configuration, on our theme and on a minimal stylesheet that draws the
same pages (WeasyPrint's own floor: bench/floor.py). bench/stages.py splits one render's CPU by stage.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import floor  # noqa: E402
import rows  # noqa: E402
import stages  # noqa: E402
from gen_clinics import generate  # noqa: E402
from measure import (  # noqa: E402
    Figure,
    batch_with_rss,
    chromium_cli_loop,
    chromium_playwright,
    cores,
    floor_in_process,
    handouts_cmd,
    personalize_api,
    personalize_cli,
    run_timed,
    schedule,
    schedule_csv,
    static_fonts_html,
    weasyprint_loop,
    web_page,
)

ALL_VARIANTS = ["--variant", "office", "--variant", "large-print", "--variant", "print"]
QUICK_SELECTION = ["--clinic", "example-clinic", "--handout", "aftercare", "--lang", "en", "--variant", "office"]
SCALE_SELECTION = ["--variant", "office", "--variant", "large-print"]  # en + es: 12 PDFs per clinic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke mode: tiny sizes, one run each, no RESULTS.md")
    parser.add_argument("--runs", type=int, default=None, help="runs per timed figure (default 3, quick 1)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--clinics", default="1,10,100", help="clinic counts of the scale step (default 1,10,100)")
    parser.add_argument("--note", default="", help="conditions of the run, printed under the title")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    work = Path(tempfile.mkdtemp(prefix="handouts-bench-"))
    started = time.perf_counter()
    try:
        results = run_all(work, runs, args.quick, [int(n) for n in args.clinics.split(",")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["wall"] = time.perf_counter() - started
    text = render(results, runs, args.quick, args.note)
    print(text)
    if not args.quick:
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out}", file=sys.stderr)
    return 0


def sh(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    if result.returncode:
        raise SystemExit(f"failed: {' '.join(map(str, args))}\n{result.stderr[-2000:]}")
    return result


def run_all(work: Path, runs: int, quick: bool, clinics: list[int]) -> dict:
    n = cores()
    selection = QUICK_SELECTION if quick else ALL_VARIANTS
    html_dir = work / "html"
    sh([*handouts_cmd(), "build", "--html-only", *selection, "--out", str(html_dir)])
    html_files = sorted(html_dir.rglob("*.html"))
    docs = len(html_files)
    r: dict = {"docs": docs, "cores": n}

    def batch(jobs: int) -> Figure:
        out = work / f"pdf-j{jobs}"
        return run_timed(lambda i: sh([*handouts_cmd(), "build", "--force", "--jobs", str(jobs), *selection,
                                       "--out", str(out)]), runs)

    r["one"], r["many"] = batch(1), batch(n)
    r["batch_docs"] = len(list((work / "pdf-j1").rglob("*.pdf")))
    # The process-per-file loops are slow: each run renders a different share of the files, so over all
    # runs every file is rendered once; their PDFs/s come from the files each run rendered.
    share = [html_files[i::runs] or html_files for i in range(runs)]
    r["naive"] = run_timed(lambda i: weasyprint_loop(share[i], work / f"naive-{i}"), runs)
    r["chromium_cli"] = run_timed(lambda i: chromium_cli_loop(share[i], work / f"chr-{i}"), runs)
    r["share_docs"] = [len(s) for s in share]
    r["playwright"] = run_timed(lambda i: chromium_playwright(html_files, work / f"play-{i}"), runs)
    r["floor"] = run_timed(lambda i: floor_in_process(html_files, work / f"floor-{i}"), runs)
    static_files = static_fonts_html(html_files, work / "html-static")
    r["floor_static"] = run_timed(lambda i: floor_in_process(static_files, work / f"floor-static-{i}"), runs)
    minimal_files = floor.minimal_html(html_files, work / "html-minimal")
    r["floor_minimal"] = run_timed(lambda i: floor_in_process(minimal_files, work / f"floor-min-{i}"), runs)
    r["pages"] = {"theme": floor.pages(work / "floor-0"), "minimal": floor.pages(work / "floor-min-0")}
    r["stages"] = stages.measure(["aftercare"] if quick else None, ["office"] if quick else ["office", "print"], 1)
    r["schedule"] = schedule(2 if quick else 200, work)
    row_files = rows.personalized_html(schedule_csv(work / "rows.csv", r["schedule"]["rows"]), work / "rows")
    r["schedule_chromium"] = run_timed(lambda i: chromium_playwright(row_files, work / "rows-pdf"), 1)
    r["scale"] = scale(work, runs, quick, clinics)
    r["incremental"] = incremental(work, runs, quick)
    r["single"] = {"CLI `handouts personalize` (cold process)": personalize_cli(2 if quick else 10, work),
                   "API `api.personalize()` (warm process)": personalize_api(3 if quick else 30),
                   "web page (warm `handouts serve`)": web_page(3 if quick else 30)}
    return r


def per_s(fig: Figure, count: float) -> float:
    return count / fig.median


def scale(work: Path, runs: int, quick: bool, clinics: list[int]) -> list:
    rows = []
    sizes = [1, 2] if quick else clinics
    for count in sizes:
        root = work / f"scale-{count}"
        generate(root, count)
        env = {**os.environ, "HANDOUTS_PROJECT": str(root)}
        out = root / "out"
        selection = QUICK_SELECTION[2:] if quick else SCALE_SELECTION
        args = [*handouts_cmd(), "build", "--force", "--jobs", str(cores()), *selection, "--out", str(out)]
        docs = len(sh([*handouts_cmd(), "build", "--html-only", *selection, "--out", str(root / "html")],
                      env).stderr and list((root / "html").rglob("*.html")))
        if count == max(sizes):  # the largest batch: RSS of each worker as it goes
            shutil.rmtree(out, ignore_errors=True)
            rss = batch_with_rss(args, env, out, docs)
            rows.append({"clinics": count, "docs": docs, "fig": Figure((rss["seconds"],)), "rss": rss})
        else:
            fig = run_timed(lambda i: sh(args, env), runs if count == 1 else 1)
            rows.append({"clinics": count, "docs": docs, "fig": fig})
    return rows


def incremental(work: Path, runs: int, quick: bool) -> dict:
    """The sample project (copied): a no-op rebuild of the whole batch, then one clinic's colour changed."""
    root = work / "incr-root"
    shutil.copytree(REPO / "clinics", root / "clinics")
    shutil.copytree(REPO / "translations", root / "translations")
    shutil.copy(REPO / "content.yaml", root / "content.yaml")
    env = {**os.environ, "HANDOUTS_PROJECT": str(root)}
    base = [*handouts_cmd(), "build", "--jobs", str(cores()), *(QUICK_SELECTION[2:] if quick else ALL_VARIANTS),
            "--out", str(root / "out")]
    sh(base, env)
    noop = run_timed(lambda i: sh(base, env), max(runs, 5))
    clinic = root / "clinics" / "harbour-health" / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(re.sub(r'primary_color: "#[0-9A-Fa-f]{6}"', 'primary_color: "#333366"', text, count=1),
                      encoding="utf-8")
    start = time.perf_counter()
    result = sh(base, env)
    changed = time.perf_counter() - start
    summary = next(line for line in result.stderr.splitlines() if " rendered, " in line)
    rendered = sorted(line.split("] ")[1].split(":")[0] for line in result.stderr.splitlines()
                      if line.endswith(": rendered"))
    return {"noop": noop, "changed_seconds": changed, "summary": summary, "rendered": rendered,
            "total": len(list((root / "out").rglob("*.pdf")))}


def by_clinic(paths: list[str]) -> str:
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.split("/")[0]] = counts.get(path.split("/")[0], 0) + 1
    return ", ".join(f"{n} of {clinic}" if n > 1 else f"{clinic}/{paths[0].split('/', 1)[1]}" if len(paths) == 1
                     else f"1 of {clinic}" for clinic, n in sorted(counts.items())) or "none"


TARGETS = [
    ("batch ({n} workers) vs Chromium, one browser", "vs_playwright", ">=", 1.25, "x"),
    ("batch ({n} workers) vs naive `weasyprint` loop", "vs_naive", ">=", 6.0, "x"),
    ("batch ({n} workers) vs Chromium, process per file", "vs_chromium_cli", ">", 1.0, "x"),
    ("`handouts` overhead over the static-font WeasyPrint floor (1 worker)", "overhead_static", "<=", 10.0, "%"),
    ("`handouts` overhead over the WeasyPrint floor on the same HTML (1 worker)", "overhead", "<=", 10.0, "%"),
    ("{n} workers vs 1", "speedup", ">=", 1.8, "x"),
    ("cost per PDF, largest scale step vs the one before", "flat", "<=", 10.0, "%"),
    ("day-of-infusion schedule, rows per second (whole command)", "schedule", ">=", 15.0, "/s"),
    ("schedule rows/s vs Chromium (one browser) rendering the same rows", "schedule_vs_chromium", ">=", 2.0, "x"),
    ("our own passes' share of a render's CPU (bench/stages.py)", "ours", "<=", 10.0, "%"),
    ("no-op rebuild of the whole sample batch", "noop", "<", 1.0, "s"),
    ("peak RSS per worker", "rss", "<", 300.0, "MB"),
    ("one personalized handout, p95, warm (API)", "p95_api", "<=", 0.15, "s"),
    ("one personalized handout, p95, warm (web page)", "p95_web", "<", 0.5, "s"),
]


def figures(r: dict) -> dict:
    n, docs = r["cores"], r["docs"]
    best = per_s(r["many"], r["batch_docs"])
    one_cost = r["one"].median / r["batch_docs"]
    cost = [row["fig"].median / row["docs"] for row in r["scale"]]
    single = list(r["single"].values())
    rss_row = next((row["rss"] for row in r["scale"] if "rss" in row), {})
    return {
        "best": best, "naive": sum(r["share_docs"]) / sum(r["naive"].samples),  # every file once over all runs
        "chromium_cli": sum(r["share_docs"]) / sum(r["chromium_cli"].samples),
        "vs_playwright": best / per_s(r["playwright"], docs), "speedup": best / per_s(r["one"], r["batch_docs"]),
        "overhead": one_cost / (r["floor"].median / docs) * 100 - 100,
        "overhead_static": one_cost / (r["floor_static"].median / docs) * 100 - 100,
        "flat": abs(cost[-1] / cost[-2] - 1) * 100 if len(cost) > 1 else float("nan"),
        "schedule": r["schedule"]["rate"], "noop": r["incremental"]["noop"].median,
        "rss": rss_row.get("peak_mb", float("nan")), "rss_row": rss_row, "p95_api": single[1]["p95"],
        "p95_web": single[2]["p95"], "n": n,
        "schedule_vs_chromium": r["schedule"]["rate"] / (r["schedule"]["rows"] / r["schedule_chromium"].median),
        "ours": sum(share for _n, _ms, share, mine in r["stages"]["rows"] if mine) * 100,
    }


def render(r: dict, runs: int, quick: bool, note: str = "") -> str:
    n, docs = r["cores"], r["docs"]
    v = figures(r)
    v["vs_naive"], v["vs_chromium_cli"] = v["best"] / v["naive"], v["best"] / v["chromium_cli"]
    shares = "/".join(map(str, r["share_docs"]))
    rows = [
        ("`handouts build --force --jobs 1` (whole batch)", r["one"], r["batch_docs"], per_s(r["one"], r["batch_docs"])),
        (f"`handouts build --force --jobs {n}` (whole batch)", r["many"], r["batch_docs"], v["best"]),
        ("naive loop: `weasyprint FILE.html OUT.pdf` per file", r["naive"], shares, v["naive"]),
        ("Chromium, one process per file (`--print-to-pdf`)", r["chromium_cli"], shares, v["chromium_cli"]),
        ("Chromium, one browser (Playwright `page.pdf()`)", r["playwright"], docs, per_s(r["playwright"], docs)),
        ("floor: WeasyPrint in-process, reused FontConfiguration", r["floor"], docs, per_s(r["floor"], docs)),
        ("floor with static fonts (variable fonts instanced once beforehand)", r["floor_static"], docs,
         per_s(r["floor_static"], docs)),
        ("WeasyPrint on a minimal stylesheet that draws the same pages (bench/floor.py)", r["floor_minimal"], docs,
         per_s(r["floor_minimal"], docs)),
    ]
    title = "## Benchmark results" + (" (quick smoke run: tiny sizes, not comparable)" if quick else "")
    lines = [title, "",
             f"**Headline: `handouts build --jobs {n}` renders the sample batch at {v['vs_playwright']:.2f}x the speed of "
             f"one persistent headless Chromium (Playwright `page.pdf()`, launch included) on the same HTML.**", "",
             f"`{' '.join(['.venv/bin/python', 'bench/run.py'] + (['--quick'] if quick else []))}` on {n} cores, "
             f"{time.strftime('%Y-%m-%d')}, {r['wall'] / 60:.1f} min in all. Seconds: median (min-max) of {runs} "
             f"run(s). Whole sample batch: every clinic x handout x language x variant = {r['batch_docs']} PDFs; "
             f"every other tool renders the same {docs} HTML files from `handouts build --html-only`."
             + (f" {note}" if note else ""), "",
             "| what | PDFs per run | seconds per run | PDFs/s |", "|---|---|---|---|"]
    lines += [f"| {name} | {count} | {fig} | {rate:.2f} |" for name, fig, count, rate in rows]
    lines += ["", f"The process-per-file loops render a different share of the files in each run ({shares}), every "
                  f"file once in all; their PDFs/s is all files over all their time. Pages drawn by the "
                  f"floor: {r['pages']['theme']} with our theme, {r['pages']['minimal']} with the minimal "
                  f"stylesheet.", ""]
    stage_lines = ["", f"Where a render's CPU goes (bench/stages.py: in-process, warm, {r['stages']['docs']} PDFs, "
                       "each stage exclusive of the stages it calls):", "", *stages.table(r["stages"])]
    return "\n".join(lines + targets_table(v) + details(r, v) + stage_lines) + "\n"


def targets_table(v: dict) -> list[str]:
    lines = ["| target | measured | target | met |", "|---|---|---|---|"]
    for label, name, op, limit, unit in TARGETS:
        value = v[name]
        met = {">=": value >= limit, ">": value > limit, "<=": value <= limit, "<": value < limit}[op]
        shown = f"{value:.2f} {unit}".replace(" x", "x").replace(" /s", "/s")
        lines.append(f"| {label.format(n=v['n'])} | {shown} | {op} {limit:g} {unit} | {'yes' if met else '**no**'} |")
    return lines


def details(r: dict, v: dict) -> list[str]:
    inc, rss_row, day = r["incremental"], v["rss_row"], r["schedule"]
    lines = ["", "| scale: clinics | PDFs | seconds | PDFs/s | seconds per PDF |", "|---|---|---|---|---|"]
    lines += [f"| {row['clinics']} | {row['docs']} | {row['fig']} | {per_s(row['fig'], row['docs']):.2f} | "
              f"{row['fig'].median / row['docs']:.3f} |" for row in r["scale"]]
    if rss_row.get("workers"):
        lines += ["", f"RSS of each of the {rss_row['workers']} workers in the {rss_row['documents']}-PDF batch "
                      f"(worst worker, MB) after 10 % / 50 % / 90 % of the PDFs: {rss_row['rss_10']:.0f} / "
                      f"{rss_row['rss_50']:.0f} / {rss_row['rss_90']:.0f}; peak (VmHWM) {rss_row['peak_mb']:.0f} MB."]
    lines += ["", f"A day's schedule: `handouts personalize --schedule` with {day['rows']} rows (day-of-infusion, en, "
                  f"every core), the whole command: {day['seconds']:.2f} s, {day['rate']:.2f} rows/s; Chromium "
                  f"(one browser, one row at a time, the same personalized HTML): "
                  f"{day['rows'] / r['schedule_chromium'].median:.2f} rows/s.",
              "", f"Incremental (whole sample batch, {inc['total']} PDFs): no-op rebuild {inc['noop']} s (whole "
                  f"process); after one clinic's primary colour changed: {inc['changed_seconds']:.2f} s, "
                  f"`{inc['summary'].strip()}` (re-rendered: {by_clinic(inc['rendered'])}).", "",
              "| one personalized handout (day-of-infusion, en) | samples | p50 s | p95 s |", "|---|---|---|---|"]
    lines += [f"| {k} | {val['n']} | {val['p50']:.3f} | {val['p95']:.3f} |" for k, val in r["single"].items()]
    return lines


if __name__ == "__main__":
    sys.exit(main())
