"""Delivery API benchmark: requests/s and latency against Wagtail's stock API v2.

    uv run --frozen python bench/api.py                          # SQLite and PostgreSQL
    uv run --frozen python bench/api.py --backends sqlite --items 10000 --rounds 3

For each database backend, in one run and under the same server set-up: a scratch
database (``var/bench/api.sqlite3`` or ``enkanal_api_bench`` at ``BENCH_POSTGRES_URL``)
is recreated and filled with ``generate_bulk_content``; gunicorn (2 sync workers,
DEBUG off) serves the project plus, only inside the benchmark, Wagtail's stock API v2,
a plain Django ``.values()`` view of the same listing and a bare ``HttpResponse``.
A load generator with 8 concurrent clients measures each target for a few seconds
per round, either on keep-alive connections (reopened whenever the server closes them,
as gunicorn's sync workers do after every response) or on a new connection per request
(``--connections``); it counts how many requests really went over a reused connection.
The medians of the rounds are printed with the ratios the issue asks for, the SQL
queries one 304 and one cached listing cost, and the query plans of the public listing.

The cache is Redis at ``BENCH_CACHE_URL`` (default ``redis://127.0.0.1:6379/0``, under
a key prefix of the run's own), as in production with several web processes; pass
``--cache-url locmem://`` for the per-process cache of the embedded default.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/enkanal_api_bench"
DEFAULT_CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/0")

#: Settings and URLs that exist only inside the benchmark (written to a temp dir).
BENCH_SETTINGS = """
import os

from cms.settings.dev import *  # noqa

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench_api_urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ENKANAL_API_PUBLIC_RATE = "100000000/s"
ENKANAL_API_INTRANET_RATE = "100000000/s"
LOGGING = {"version": 1, "disable_existing_loggers": True}
# The run's own keys in a Redis others may share; nothing is flushed.
CACHES["default"]["KEY_PREFIX"] = os.environ["BENCH_CACHE_PREFIX"]
"""

BENCH_URLS = """
from django.http import HttpResponse, JsonResponse
from django.urls import include, path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.pages.models import NewsPage

NewsPage.api_fields = [APIField("summary")]
router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)


def plain(request):
    rows = list(
        NewsPage.objects.filter(live=True, external_release_at__isnull=False)
        .order_by("-external_release_at")
        .values("id", "title", "summary", "external_release_at")[:20]
    )
    return JsonResponse({"items": rows})


def ok(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/v2/", router.urls),
    path("bench/plain/", plain),
    path("bench/ok/", ok),
    path("", include("cms.urls")),
]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(backend: str, items: int, seed: int) -> str:
    """A fresh, migrated, filled scratch database; returns its URL."""
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / "api" / "api.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        import psycopg

        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "generate_bulk_content", "--items", str(items), "--seed", str(seed)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    if backend == "postgres":
        # Bulk inserts leave the planner without statistics until autovacuum runs.
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
    return url


def bench_env(url: str, bench_dir: str, cache: dict) -> dict:
    """The environment of the server and of the children that probe its set-up."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench_api_settings",
        "PYTHONPATH": os.pathsep.join([bench_dir, str(ROOT)]),
        "DATABASE_CONN_MAX_AGE": "600",
        "CACHE_URL": cache["url"],
        "BENCH_CACHE_PREFIX": cache["prefix"],
    }


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(200):
        try:
            status, _body, _headers = request(port, "/bench/ok/")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def request(port, path, headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    # http.client reconnects by itself once the server has closed the connection.
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    result = (response.status, body, dict(response.getheaders()))
    if own:
        conn.close()
    return result


def load(
    port: int, path: str, seconds: float, clients: int = 8, headers=None, keep_alive=True
) -> dict:
    """Requests/s, latency percentiles and the share of requests on a reused connection."""
    latencies: list[float] = []
    errors = [0]
    reused = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    counter = iter(range(10**9))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        own: list[float] = []
        own_reused = 0
        while time.perf_counter() < stop:
            started = time.perf_counter()
            if not keep_alive:
                conn.close()
            again = conn.sock is not None  # still open from the previous answer
            try:
                # "{n}" makes every URL new: no answer can come from the response cache.
                target = path.format(n=next(counter)) if "{n}" in path else path
                status, _body, _headers = request(port, target, headers, conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                errors[0] += 1
                continue
            own.append(time.perf_counter() - started)
            own_reused += again
            if status >= 400:
                errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(own)
            reused[0] += own_reused

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": 1000 * latencies[len(latencies) // 2] if latencies else None,
        "p95": 1000 * latencies[int(len(latencies) * 0.95)] if latencies else None,
        "errors": errors[0],
        "reused": reused[0] / len(latencies) if latencies else 0.0,
    }


def single_client(port: int, path: str, count: int = 100) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        request(port, path, None, conn)
        times.append(1000 * (time.perf_counter() - started))
    conn.close()
    times.sort()
    return {"p50": times[len(times) // 2], "p95": times[int(len(times) * 0.95)]}


def query_plans(url: str) -> str:
    """EXPLAIN of the public listing's main query (run in a child with the bench DB)."""
    code = textwrap.dedent(
        """
        import django
        django.setup()
        from cms.api.listing import ListingParams, filter_items, with_listing_relations
        from cms.api.surfaces import PUBLIC
        from cms.pages.models import ArticlePage
        params = ListingParams(type=["news"])
        qs = filter_items(ArticlePage.objects.public(), PUBLIC, params)
        qs = with_listing_relations(qs).order_by("-external_release_at", "-pk")[:21]
        print(qs.explain())
        """
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout or result.stderr


def queries_per_request(env: dict, port: int, path: str, etag: str) -> dict:
    """SQL queries of a 304 and of a repeated listing, in a child with the server's cache."""
    code = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        client = Client(HTTP_HOST="127.0.0.1:{port}")  # the server's host: its ETags
        for headers in ({{}}, {{"HTTP_IF_NONE_MATCH": {etag!r}}}):
            client.get({path!r}, **headers)  # this process's own connections, warm
            with CaptureQueriesContext(connection) as queries:
                status = client.get({path!r}, **headers).status_code
            print(status, len(queries))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    try:
        (_ok, listing), (status, not_modified) = (
            map(int, line.split()) for line in result.stdout.split("\n")[:2]
        )
    except ValueError:
        raise RuntimeError(result.stdout + result.stderr) from None
    assert status == 304, result.stdout
    return {"listing": listing, "304": not_modified}


def run_backend(backend: str, items: int, args) -> dict:
    rounds, seconds = args.rounds, args.seconds
    url = prepare_database(backend, items, args.seed)
    bench_dir = tempfile.mkdtemp(prefix="enkanal-bench-api-")
    Path(bench_dir, "bench_api_settings.py").write_text(BENCH_SETTINGS)
    Path(bench_dir, "bench_api_urls.py").write_text(BENCH_URLS)
    port = free_port()
    cache = {"url": args.cache_url, "prefix": f"enkanal-bench-{uuid.uuid4().hex[:12]}"}
    env = bench_env(url, bench_dir, cache)
    server = start_server(env, port)
    try:
        listing = "/api/public/v1/items?type=news&limit=20"
        status, body, headers = request(port, listing)
        assert status == 200, body[:500]
        first_id = json.loads(body)["items"][0]["id"]
        etag = headers["ETag"]
        targets = {
            "listing": (listing, None),
            "listing, never cached": (listing + "&nocache={n}", None),
            "detail": (f"/api/public/v1/items/{first_id}", None),
            "feed": ("/api/public/v1/feeds/news.rss", None),
            "304": (listing, {"If-None-Match": etag}),
            "v2 listing": (
                "/bench/v2/pages/?type=pages.NewsPage&fields=summary"
                "&order=-first_published_at&limit=20",
                None,
            ),
            "plain .values()": ("/bench/plain/", None),
            "bare ok": ("/bench/ok/", None),
        }
        assert request(port, listing, {"If-None-Match": etag})[0] == 304
        if args.targets:
            targets = {name: targets[name] for name in args.targets.split(",")}
        for path, extra in targets.values():  # warm caches, fail early on errors
            status, body, _headers = request(port, path.format(n="warm"), extra)
            assert status in (200, 304), (path, status, body[:300])
        modes = args.connections.split(",")
        results: dict[tuple, list[dict]] = {(name, mode): [] for name in targets for mode in modes}
        for _round in range(rounds):
            for name, (path, extra) in targets.items():
                for mode in modes:
                    run = load(port, path, seconds, headers=extra, keep_alive=mode == "keep-alive")
                    results[name, mode].append(run)
        summary = {
            key: {
                field: statistics.median(r[field] for r in runs if r[field] is not None)
                for field in ("rps", "p50", "p95", "reused")
            }
            | {"errors": sum(r["errors"] for r in runs)}
            for key, runs in results.items()
        }
        if not args.targets:
            summary["single client listing"] = single_client(port, listing)
            summary["single client v2"] = single_client(port, targets["v2 listing"][0])
        summary["queries"] = queries_per_request(env, port, listing, etag)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(bench_dir, ignore_errors=True)
    summary["plan"] = query_plans(url)
    summary["cache"] = cache["url"]
    return summary


def print_report(backend: str, items: int, summary: dict) -> None:
    print(f"\n== {backend}, {items} items, gunicorn 2 sync workers, 8 clients ==")
    print(f"cache: {summary['cache']}")
    header = f"{'target':<24}{'connections':<13}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    print(f"{header}{'reused':>8}{'errors':>8}")
    for key, row in summary.items():
        if not isinstance(key, tuple):
            continue
        name, mode = key
        print(
            f"{name:<24}{mode:<13}{row['rps']:>8.0f}{row['p50']:>9.1f}{row['p95']:>9.1f}"
            f"{row['reused']:>8.0%}{row['errors']:>8}"
        )
    print("reused: requests sent over a connection kept open from the previous answer")
    for name in ("single client listing", "single client v2"):
        if name in summary:
            row = summary[name]
            print(f"{name:<37}{'':>8}{row['p50']:>9.1f}{row['p95']:>9.1f}")
    queries = summary["queries"]
    print(f"SQL queries: 304 {queries['304']}, repeated listing {queries['listing']}")
    modes = sorted({mode for key in summary if isinstance(key, tuple) for _name, mode in [key]})
    for mode in modes:
        rps = {name: row["rps"] for (name, m), row in _rows(summary) if m == mode}
        print(f"-- ratios, {mode} connections")
        _ratio("304 / bare HttpResponse", rps, "304", "bare ok", "(goal >= 0.4x)")
        _ratio("listing / stock v2", rps, "listing", "v2 listing", "(goal >= 10x)")
        _ratio("listing / plain .values", rps, "listing", "plain .values()", "(goal >= 1.0x)")
        _ratio("never cached / plain", rps, "listing, never cached", "plain .values()", "")
        _ratio("never cached / v2", rps, "listing, never cached", "v2 listing", "")
    if ("listing", "keep-alive") in summary:
        print(f"listing p95 (8 clients)  {summary['listing', 'keep-alive']['p95']:6.1f} ms")
    print("query plan of the public listing:")
    print(textwrap.indent(summary["plan"].strip(), "    "))


def _rows(summary):
    return [(key, row) for key, row in summary.items() if isinstance(key, tuple)]


def _ratio(label, rps, numerator, denominator, goal):
    if numerator in rps and denominator in rps:
        print(f"{label:<26}{rps[numerator] / rps[denominator]:6.2f}x   {goal}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--cache-url", default=DEFAULT_CACHE, help="CACHE_URL of the server")
    parser.add_argument(
        "--connections",
        default="keep-alive,new",
        help="keep-alive (reused while the server keeps it open), new (one per request)",
    )
    parser.add_argument("--targets", default="", help='only these, e.g. "304,bare ok"')
    args = parser.parse_args(argv)
    for backend in args.backends.split(","):
        summary = run_backend(backend, args.items, args)
        print_report(backend, args.items, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
