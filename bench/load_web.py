"""Bounded load test of the staff page: N personalized PDFs, C at a time, on 127.0.0.1.

    .venv/bin/python bench/load_web.py [--requests 50] [--concurrency 4] [--url http://127.0.0.1:8000]

Without --url it starts its own `handouts serve` on a free port and stops it at the end. Every response
must be a PDF with that request's patient name in it; prints the latency p50/p95 and exits 1 on any failure.
It stops by itself: every request has a timeout and the whole run a deadline.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_server(log_dir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(log_dir / "server.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--port", str(port)], cwd=log_dir,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited:\n{(log_dir / 'server.log').read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start within 60 s")


def session(url: str) -> tuple[str, str]:
    """The CSRF token and the session cookie that carries it."""
    with urllib.request.urlopen(url + "/", timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.read().decode()).group(1)
    return token, cookie


def one_request(url: str, token: str, cookie: str, number: int, timeout: float) -> dict:
    name = f"Loadtest Patient{number:03d}"
    body = urllib.parse.urlencode({
        "csrf_token": token, "clinic": "example-clinic", "handouts": "day-of-infusion", "lang": "en",
        "patient_name": name, "appointment_date": "2026-12-03", "appointment_time": "09:30", "arrival": "09:00",
        "provider": "Dr. Rivera", "driver_name": "", "driver_phone": "(555) 010-0199", "note": "",
        "action": "download"}).encode()
    request = urllib.request.Request(url + "/", data=body, method="POST",
                                     headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
            status = response.status
    except Exception as exc:  # a failed request is a result, not a crash
        return {"ok": False, "seconds": time.perf_counter() - started, "error": f"{exc.__class__.__name__}: {exc}"}
    seconds = time.perf_counter() - started
    ok = status == 200 and data.startswith(b"%PDF") and name in pdf_text(data)
    return {"ok": ok, "seconds": seconds, "error": None if ok else f"status {status}, wrong or missing PDF"}


def pdf_text(data: bytes) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def run(requests: int = 50, concurrency: int = 4, url: str | None = None, deadline_s: float = 600,
        timeout: float = 120) -> dict:
    process = None
    with tempfile.TemporaryDirectory(prefix="load-web-") as tmp:
        if url is None:
            process, url = start_server(Path(tmp))
        try:
            token, cookie = session(url)
            one_request(url, token, cookie, 0, timeout)  # warm-up: fonts and templates load once per process
            started = time.perf_counter()
            results = []
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                futures = [pool.submit(one_request, url, token, cookie, n, timeout) for n in range(1, requests + 1)]
                for future in futures:
                    left = deadline_s - (time.perf_counter() - started)
                    results.append(future.result(timeout=max(left, 1)))
            wall = time.perf_counter() - started
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
    seconds = [r["seconds"] for r in results]
    return {"requests": requests, "concurrency": concurrency, "ok": sum(r["ok"] for r in results),
            "errors": sorted({r["error"] for r in results if r["error"]}),
            "p50_s": round(statistics.median(seconds), 3), "p95_s": round(percentile(seconds, 0.95), 3),
            "max_s": round(max(seconds), 3), "wall_s": round(wall, 2),
            "throughput_per_s": round(requests / wall, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--url", help="An already running `handouts serve` (default: start one).")
    parser.add_argument("--deadline", type=float, default=600, help="Give up after this many seconds.")
    args = parser.parse_args(argv)
    report = run(args.requests, args.concurrency, args.url, args.deadline)
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] == report["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
