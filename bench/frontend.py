"""Time to first byte and page weight of the sites' main pages, cold and warm cache.

Needs a CMS serving the API with the demo content (``make demo``, or ``runserver`` after
``load_demo_content``). For each page the frontend is started afresh under gunicorn
(one worker, so its in-process API cache is empty: *cold*), the page is fetched once,
then ``--rounds`` more times (*warm*: answered from the cache or with 304s).

    uv run --frozen python bench/frontend.py --api http://127.0.0.1:8000/api

Prints a table: cold TTFB, warm TTFB (median and p95), the HTML's size raw and
gzipped, and the page's total weight with its CSS and JS (no images).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = {
    "public": [
        "/",
        "/nyheter/",
        "/nyheter/ny-forskola-oppnar-i-norrby/",
        "/anslagstavla/",
        "/anslagstavla/arkiv/",
        "/pressrum/",
        "/tillganglighet/",
        "/en/",
    ],
}
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(site: str, api_url: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        ENKANAL_SITE=site,
        ENKANAL_API_URL=api_url,
        DJANGO_SETTINGS_MODULE="frontend.settings",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "frontend.wsgi", "-b", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4", "--log-level", "warning"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the frontend did not start")


def fetch(port: int, path: str) -> tuple[float, int, bytes]:
    """``(seconds to first byte, status, body)`` over a fresh connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()  # returns once the status line and headers are in
    ttfb = time.perf_counter() - started
    body = response.read()
    connection.close()
    return ttfb, response.status, body


def measure(site: str, api_url: str, path: str, rounds: int) -> dict:
    port = free_port()
    process = start(site, api_url, port)
    try:
        fetch(port, "/static/frontend/site.css")  # the worker is up and imported
        cold, status, body = fetch(port, path)
        warm = sorted(fetch(port, path)[0] for _ in range(rounds))
        assets = sum(len(fetch(port, asset)[2]) for asset in set(ASSET.findall(body.decode())))
    finally:
        process.terminate()
        process.wait(timeout=10)
    return {
        "path": path,
        "status": status,
        "cold_ms": cold * 1000,
        "warm_p50_ms": statistics.median(warm) * 1000,
        "warm_p95_ms": warm[max(0, round(len(warm) * 0.95) - 1)] * 1000,
        "html_kb": len(body) / 1024,
        "html_gzip_kb": len(gzip.compress(body)) / 1024,
        "total_kb": (len(body) + assets) / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--api", default=os.environ.get("ENKANAL_API_URL", "http://127.0.0.1:8000/api")
    )
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    print(f"API {args.api}, {args.rounds} warm rounds per page, gunicorn 1 worker × 4 threads")
    header = f"{'page':40} {'status':>6} {'cold ms':>8} {'warm p50':>9} {'warm p95':>9} "
    header += f"{'HTML kB':>8} {'gzip kB':>8} {'total kB':>9}"
    print(header)
    for site, paths in PAGES.items():
        for path in paths:
            row = measure(site, args.api, path, args.rounds)
            print(
                f"{row['path']:40} {row['status']:>6} {row['cold_ms']:>8.1f} "
                f"{row['warm_p50_ms']:>9.1f} {row['warm_p95_ms']:>9.1f} {row['html_kb']:>8.1f} "
                f"{row['html_gzip_kb']:>8.1f} {row['total_kb']:>9.1f}"
            )


if __name__ == "__main__":
    main()
