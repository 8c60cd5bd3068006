"""The measurements behind bench/run.py: each renders the same handouts a different way."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass(frozen=True)
class Figure:
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def __str__(self) -> str:
        if len(self.samples) == 1:
            return f"{self.median:.2f}"
        return f"{self.median:.2f} ({min(self.samples):.2f}-{max(self.samples):.2f})"


def run_timed(action: Callable[[int], object], runs: int) -> Figure:
    samples = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - start)
    return Figure(tuple(samples))


def cores() -> int:
    return len(os.sched_getaffinity(0))


def handouts_cmd() -> list[str]:
    return [str(VENV_BIN / "handouts")]


def variant_of(html: Path) -> str:
    from handouts.plan.variants import VARIANTS

    return next(v for v in sorted(VARIANTS, key=len, reverse=True) if html.stem.endswith("-" + v))


def weasyprint_loop(html_files: list[Path], out: Path) -> None:
    """What a user would write: the weasyprint command once per file, with the variant's PDF options."""
    from handouts.publish.html_export import weasyprint_args

    out.mkdir(parents=True, exist_ok=True)
    for i, html in enumerate(html_files):
        subprocess.run([str(VENV_BIN / "weasyprint"), *weasyprint_args(variant_of(html)), str(html),
                        str(out / f"{i}.pdf")], check=True, capture_output=True)


def chromium_playwright(html_files: list[Path], out: Path) -> None:
    """One persistent headless Chromium, page.pdf() per file (browser start included)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for i, html in enumerate(html_files):
            page.goto(html.as_uri(), wait_until="load")
            page.pdf(path=str(out / f"{i}.pdf"), prefer_css_page_size=True, print_background=True)
        browser.close()


def chromium_cli_loop(html_files: list[Path], out: Path) -> None:
    """One `chromium --headless --print-to-pdf` process per file."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        for i, html in enumerate(html_files):
            subprocess.run([CHROMIUM, *CHROMIUM_ARGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                            f"--print-to-pdf={out / f'{i}.pdf'}", html.as_uri()],
                           check=True, capture_output=True, timeout=120)


FLOOR_SCRIPT = """
import sys
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from handouts.plan.variants import VARIANTS
fc = FontConfiguration()
out = sys.argv[1]
for i, name in enumerate(sys.argv[2:]):
    variant = next(v for v in sorted(VARIANTS, key=len, reverse=True) if name[:-5].endswith("-" + v))
    HTML(filename=name).write_pdf(f"{out}/{i}.pdf", font_config=fc, **VARIANTS[variant].pdf_options)
"""


def floor_in_process(html_files: list[Path], out: Path) -> None:
    """WeasyPrint's own in-process render + write with one reused FontConfiguration (a fresh process,
    like the handouts command it is compared with)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(out), *map(str, html_files)], check=True,
                   capture_output=True)


def _status(pid: int) -> dict:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def batch_with_rss(args: list[str], env: dict, out: Path, total: int) -> dict:
    """Run a batch build and sample each worker's RSS every 0.5 s (by the number of PDFs written so far):
    flat means no growth over the documents a worker renders."""
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    samples: dict[int, list[tuple[int, float]]] = {}
    peaks: dict[int, float] = {}
    while process.poll() is None:
        done = sum(1 for _ in out.rglob("*.pdf")) if out.exists() else 0
        for pid in _children(process.pid):
            status = _status(pid)
            if "VmRSS" in status:
                samples.setdefault(pid, []).append((done, status["VmRSS"]))
                peaks[pid] = max(peaks.get(pid, 0), status.get("VmHWM", 0))
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"batch failed: {' '.join(args)}")
    workers = {pid: s for pid, s in samples.items() if len(s) >= 4}
    if not workers:
        return {"seconds": seconds, "workers": 0}

    def at(fraction: float) -> float:  # worst worker's RSS when `fraction` of the documents were written
        return max(next((mb for done, mb in s if done >= fraction * total), s[-1][1]) for s in workers.values())

    return {"seconds": seconds, "workers": len(workers), "documents": total, "rss_10": at(0.1), "rss_50": at(0.5),
            "rss_90": at(0.9), "peak_mb": max(peaks[pid] for pid in workers)}


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered), "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
            "n": len(ordered)}


PATIENT = {"patient_name": "Bench Patient", "appointment": "2026-12-03 09:30", "arrival": "09:00",
           "provider": "Dr. Rivera", "driver_phone": "(555) 010-0199"}


def personalize_cli(count: int, work: Path) -> dict:
    """`handouts personalize` as a front desk runs it: a new process per patient (cold)."""
    samples = []
    for i in range(count):
        out = work / f"patient-{i}.pdf"
        args = [*handouts_cmd(), "personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
                "--lang", "en", "--patient-name", PATIENT["patient_name"], "--appointment", PATIENT["appointment"],
                "--arrival", PATIENT["arrival"], "--provider", PATIENT["provider"], "-o", str(out)]
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
        out.unlink()
    return percentiles(samples)


WARM_SCRIPT = """
import json, sys, time
from handouts import api
count = int(sys.argv[1]); patient = json.loads(sys.argv[2])
inputs = api.load_inputs()
api.personalize(inputs, "example-clinic", ["day-of-infusion"], "en", patient)  # warm-up: fonts, templates
samples = []
for i in range(count):
    start = time.perf_counter()
    data = api.personalize(inputs, "example-clinic", ["day-of-infusion"], "en", patient)
    samples.append(time.perf_counter() - start)
    assert data.startswith(b"%PDF")
print(json.dumps(samples))
"""


def personalize_api(count: int) -> dict:
    """api.personalize() in a warm process (inputs loaded once, as the web page does)."""
    result = subprocess.run([sys.executable, "-c", WARM_SCRIPT, str(count), json.dumps(PATIENT)], check=True,
                            capture_output=True, text=True, cwd=REPO)
    return percentiles(json.loads(result.stdout.strip().splitlines()[-1]))


def web_page(count: int) -> dict:
    """The staff web page (`handouts serve`, waitress), one request at a time after a warm-up request."""
    import load_web

    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        process, url = load_web.start_server(Path(tmp))
        try:
            token, cookie = load_web.session(url)
            load_web.one_request(url, token, cookie, 0, 120)
            results = [load_web.one_request(url, token, cookie, n, 120) for n in range(1, count + 1)]
        finally:
            process.terminate()
            process.wait(timeout=10)
    failed = [r for r in results if not r["ok"]]
    if failed:
        raise SystemExit(f"web page: {len(failed)} request(s) failed: {failed[0]['error']}")
    return percentiles([r["seconds"] for r in results])


def schedule_csv(path: Path, rows: int) -> Path:
    """A day's schedule of made-up patients (no real person's details)."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["patient_name", "appointment", "arrival", "provider", "driver_name", "driver_phone"])
        for i in range(rows):
            hour = 7 + (i * 12) // rows
            writer.writerow([f"Bench Patient {i:03d}", f"2026-12-03 {hour:02d}:{(i % 4) * 15:02d}",
                             f"{hour - 1:02d}:45", "Dr. Rivera", f"Driver {i:03d}", f"(555) 010-{i:04d}"])
    return path


def schedule(rows: int, work: Path) -> dict:
    """`handouts personalize --schedule` for a day-of-infusion schedule, the whole command (cold process);
    the rate is rows over the whole command's time."""
    csv_path = schedule_csv(work / f"day-{rows}.csv", rows)
    out = work / f"day-{rows}"
    args = [*handouts_cmd(), "personalize", "--clinic", "example-clinic", "--handout", "day-of-infusion",
            "--lang", "en", "--schedule", str(csv_path), "--out", str(out)]
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    made = len(list(out.glob("*.pdf")))
    if made != rows:
        raise SystemExit(f"schedule: {made} PDFs for {rows} rows")
    return {"rows": rows, "seconds": seconds, "rate": rows / seconds}


def static_fonts_html(html_files: list[Path], out: Path) -> list[Path]:
    """The same HTML with every variable font replaced by a static instance at the rule's weight (fontTools,
    made once into `out`), for WeasyPrint's floor without its per-document instancing."""
    import re
    from urllib.parse import unquote, urlparse

    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    out.mkdir(parents=True, exist_ok=True)
    made: dict[tuple[str, str], str] = {}

    def static(url: str, weight: str) -> str:
        if (url, weight) not in made:
            path = Path(unquote(urlparse(url).path))
            with TTFont(path, recalcTimestamp=False) as font:
                if "fvar" not in font:
                    made[url, weight] = url
                    return url
                axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
                axes["wght"] = float(weight)
                target = out / f"{path.stem.split('[')[0]}-{weight}.ttf"
                instancer.instantiateVariableFont(font, axes, static=True).save(target)
            made[url, weight] = target.as_uri()
        return made[url, weight]

    rule = re.compile(r'(src: url\(")([^"]+)("\);\s*font-weight: )(\d+)')
    copies = []
    for html in html_files:
        target = out / html.relative_to(html.parents[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        for sibling in html.parent.iterdir():  # the logo beside the HTML
            if sibling.suffix != ".html" and not (target.parent / sibling.name).exists():
                shutil.copy(sibling, target.parent / sibling.name)
        text = rule.sub(lambda m: m[1] + static(m[2], m[4]) + m[3] + m[4], html.read_text(encoding="utf-8"))
        target.write_text(text, encoding="utf-8")
        copies.append(target)
    return copies
