"""Bounded load test of the staff page: N personalized PDFs, C at a time, on 127.0.0.1.

    .venv/bin/python bench/load_web.py [--requests 40] [--concurrency 8] [--url http://127.0.0.1:8000]

Without --url it starts its own `handouts serve` on a free port, with a throwaway users file (one user,
signed in once like a person would, through the login page), and stops it at the end. Every response must
be a PDF with that request's patient name in it; prints the latency p50/p95 and PDFs/s and exits 1 on any
failure. It stops by itself: every request has a timeout and the whole run a deadline.
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
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


USER, PASSWORD = "bench", "bench-password-not-secret"


def start_server(log_dir: Path, render_processes: int | None = None) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HANDOUTS_PROJECT": str(ROOT),
           "HANDOUTS_INSTANCE": str(log_dir / "instance")}
    subprocess.run([sys.executable, "-m", "handouts", "users", "add", USER, "--all-clinics"], input=PASSWORD + "\n", text=True,
                   env=env, check=True, capture_output=True, timeout=60)
    log = open(log_dir / "server.log", "wb")
    extra = ["--render-processes", str(render_processes)] if render_processes is not None else []
    process = subprocess.Popen([sys.executable, "-m", "handouts", "serve", "--port", str(port), *extra],
                               cwd=log_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
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


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, cookie: str | None = None) -> tuple[str, str | None]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        new_cookie = response.headers.get("Set-Cookie")
        return response.read().decode(), new_cookie.split(";")[0] if new_cookie else cookie


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def session(url: str, user: str = USER, password: str = PASSWORD) -> tuple[str, str]:
    """Sign in through the login page; the CSRF token and the session cookie that carries both."""
    html, cookie = _get(url + "/login")
    body = urllib.parse.urlencode({"csrf_token": _token(html), "username": user, "password": password}).encode()
    request = urllib.request.Request(url + "/login", data=body, method="POST", headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=30)
        raise SystemExit("sign-in failed: the login page did not redirect")
    except urllib.error.HTTPError as exc:  # the 302 to the staff page, with the signed-in session
        if exc.code != 302:
            raise SystemExit(f"sign-in failed: HTTP {exc.code}") from None
        cookie = exc.headers["Set-Cookie"].split(";")[0]
    html, cookie = _get(url + "/", cookie)
    return _token(html), cookie


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
    ok = status == 200 and data.startswith(b"%PDF") and name in extracted_text(data)
    return {"ok": ok, "seconds": seconds, "error": None if ok else f"status {status}, wrong or missing PDF"}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the render processes), in MB."""
    total_kb, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total_kb += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return round(total_kb / 1024, 1)


def extracted_text(data: bytes) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def run(requests: int = 40, concurrency: int = 8, url: str | None = None, deadline_s: float = 600,
        timeout: float = 120, render_processes: int | None = None) -> dict:
    process = None
    with tempfile.TemporaryDirectory(prefix="load-web-") as tmp:
        if url is None:
            process, url = start_server(Path(tmp), render_processes)
        try:
            token, cookie = session(url)
            one_request(url, token, cookie, 0, timeout)  # warm-up: fonts and templates load once per process
            rss_start = tree_rss_mb(process.pid) if process else None
            started = time.perf_counter()
            results = []
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                futures = [pool.submit(one_request, url, token, cookie, n, timeout) for n in range(1, requests + 1)]
                for future in futures:
                    left = deadline_s - (time.perf_counter() - started)
                    results.append(future.result(timeout=max(left, 1)))
            wall = time.perf_counter() - started
            rss_end = tree_rss_mb(process.pid) if process else None
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
    seconds = [r["seconds"] for r in results]
    return {"requests": requests, "concurrency": concurrency, "ok": sum(r["ok"] for r in results),
            "errors": sorted({r["error"] for r in results if r["error"]}),
            "p50_s": round(statistics.median(seconds), 3), "p95_s": round(percentile(seconds, 0.95), 3),
            "max_s": round(max(seconds), 3), "wall_s": round(wall, 2),
            "pdfs_per_s": round(sum(r["ok"] for r in results) / wall, 2),
            "server_rss_mb": [rss_start, rss_end], "load_average": [round(x, 2) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--render-processes", type=int, help="The server's render processes (default: CPUs).")
    parser.add_argument("--url", help="An already running `handouts serve` (default: start one).")
    parser.add_argument("--deadline", type=float, default=600, help="Give up after this many seconds.")
    args = parser.parse_args(argv)
    report = run(args.requests, args.concurrency, args.url, args.deadline, render_processes=args.render_processes)
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] == report["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
