"""The staff page's screenshots (docs/images/staff-*.png) and timings, through headless Debian chromium
against a real `handouts serve` on 127.0.0.1 (no login: loopback only).

    PYTHONPATH=$PWD .venv/bin/python bench/staff_page.py [--runs 3] [--no-shots]

Timings, as a person sees them, each the median of --runs: click -> file (Download PDF), click -> preview
shown, and a schedule of 40 rows: upload -> row check shown, click -> merged PDF downloaded, and click ->
"Schedule ready" shown (the page's script says what was made once the file is saved).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the tests' own server and browser, from tests/helpers/
from tests.helpers.webserver import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

SHOTS = ROOT / "docs" / "images"
PATIENT = {"#patient_name": "Sam Example", "#appointment_date": "2026-12-03", "#appointment_time": "9:30",
           "#arrival": "9:00", "#provider": "Dr. Example", "#driver_name": "Alex Example",
           "#driver_phone": "(555) 010-0100"}


def schedule(rows: int, bad_row: int | None = None) -> bytes:
    lines = ["appointment_id,patient_name,appointment,arrival,lang"]
    for n in range(1, rows + 1):
        when = "2026-12-03 25:99" if n == bad_row else f"2026-12-03 {8 + n % 9:02d}:30"
        lines.append(f"A-{n:03d},Example Patient {n},{when},{'soon' if n == bad_row else '08:00'},"
                     f"{'es' if n == 2 else 'en'}")
    return ("\n".join(lines) + "\n").encode()


def shot(page, name: str) -> None:
    """A small PNG: 64 colours are plenty for a form and keep the docs light."""
    path = SHOTS / f"staff-{name}.png"
    page.screenshot(path=str(path))
    Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def upload(page, data: bytes, name: str) -> None:
    page.set_input_files("#schedule-file", files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.click("#schedule-button")
    page.wait_for_selector("#schedule-result")


def fill(page) -> None:
    for selector, value in PATIENT.items():
        page.fill(selector, value)


def screenshots(browser, url: str) -> None:
    for width, height, suffix in ((1280, 800, ""), (390, 844, "-phone")):
        page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        page.goto(url)
        shot(page, "start" + suffix)
        fill(page)
        page.click("#preview-button")
        page.wait_for_selector("#preview")
        shot(page, "preview" + suffix)
        page.goto(url)
        page.fill("#driver_phone", "ask at desk")
        page.click("#preview-button")
        shot(page, "error" + suffix)
        page.goto(url)
        page.select_option("#lang", "es")
        page.click("#download-button")
        shot(page, "draft" + suffix)
        page.goto(url + "/schedule")
        shot(page, "schedule" + suffix)
        upload(page, schedule(5, bad_row=3), "day-bad.csv")
        shot(page, "schedule-rows" + suffix)
        with page.expect_download():
            page.click("#make-button")
        page.wait_for_selector("#schedule-result .success")
        shot(page, "schedule-made" + suffix)
        upload(page, b"appointment_id,patient_name\nA-1,Sam Example\nA-2,Alex Example\n", "day.csv")
        shot(page, "schedule-ready" + suffix)
        page.goto(url + "/blank")
        shot(page, "blank" + suffix)
        page.close()


def timings(browser, url: str, runs: int) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page.set_default_timeout(600_000)  # a 40-row day's merged PDF is made by one render process
    found: dict[str, list[float]] = {"click -> file (Download PDF)": [], "click -> preview shown": [],
                                     "40-row schedule: upload -> rows checked": [],
                                     "40-row schedule: click -> merged PDF": [],
                                     "40-row schedule: click -> \"Schedule ready\" shown": []}
    day = schedule(40)
    for _ in range(runs):
        page.goto(url)
        fill(page)

        def download(button: str = "#download-button") -> None:
            with page.expect_download() as info:
                page.click(button)
            info.value.path()
        found["click -> file (Download PDF)"].append(timed(download))
        found["click -> preview shown"].append(timed(lambda: (page.click("#preview-button"),
                                                              page.wait_for_selector("#preview"))))
        page.goto(url + "/schedule")
        found["40-row schedule: upload -> rows checked"].append(timed(lambda: upload(page, day, "day.csv")))
        started = time.perf_counter()
        download("#make-button")
        found["40-row schedule: click -> merged PDF"].append(time.perf_counter() - started)
        page.wait_for_selector("#schedule-result .success")
        found["40-row schedule: click -> \"Schedule ready\" shown"].append(time.perf_counter() - started)
    page.close()
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-shots", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = Server(Path(tempfile.mkdtemp(prefix="staff-page-")))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            if not args.no_shots:
                screenshots(browser, server.url)
            for name, seconds in timings(browser, server.url, args.runs).items():
                print(f"| {name} | {seconds:.2f} s |")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
