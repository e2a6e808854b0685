"""Search benchmark: relevance (nDCG@10, MRR, recall@10) and latency (p50/p95) per backend.

    uv run --frozen python bench/search.py                       # SQLite and PostgreSQL
    uv run --frozen python bench/search.py --backends sqlite --sizes 10000
    uv run --frozen python bench/search.py --backends postgres --sizes 10000,100000
    uv run --frozen python bench/search.py --backends postgres --sizes 100000 --reuse

Each backend runs in its own process on a scratch database (``var/bench/search.sqlite3``,
or the PostgreSQL database ``enkanal_search_bench`` at ``BENCH_POSTGRES_URL``), which is
recreated. Relevance: the Swedish relevance set (``tests/search/relevance.py``), before (Wagtail's
plain query, no Swedish expansion) and after (``search.queries.search_items``).
Latency: ``search_items`` on the public surface over the relevance queries, after
``generate_bulk_content`` has filled the database to each size (seeded, so repeatable),
with the search index built in between. Speed: the public search API for the most
common word and a rare one (closest to ten items), with and without filters (type and
year), against the public listing rendered without its response cache, all in the same
process and run (p50/p95 of 40 requests each). Prints tables; writes nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/enkanal_search_bench"


def _setup(backend: str, reuse: bool = False) -> None:
    """Point Django at a fresh scratch database for ``backend`` and migrate it.

    With ``reuse`` an existing scratch database is kept (and migrated): the items
    already in it count towards the sizes, which saves the bulk load and indexing
    (about 15 minutes for 100,000 items on PostgreSQL) when only the code changed.
    """
    sys.path.insert(0, str(ROOT))
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / "search.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
        name = url.rsplit("/", 1)[1]
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not (reuse and exists):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    # DEBUG would keep every SQL statement in memory and slow the timings down.
    os.environ["DEBUG"] = "false"
    # The speed table asks the API many times a second from one address.
    os.environ["ENKANAL_API_PUBLIC_RATE"] = "100000000/s"
    os.environ["ENKANAL_SEARCH_BACKEND"] = "database"
    # Index updates of the corpus run in-process instead of waiting for a worker.
    os.environ["ENKANAL_TASK_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    import logging

    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _baseline_search(query, *, filters=None, page_size=10, user=None, public=True, **_kwargs):
    """Wagtail's plain database search over the same audience filter: no expansion."""
    from types import SimpleNamespace

    from wagtail.search.backends import get_search_backend

    from cms.pages.models import ArticlePage
    from search.queries import apply_filters, audience_queryset

    queryset = apply_filters(audience_queryset(user=user, public=public), filters, public=public)
    scoped = ArticlePage.objects.filter(id__in=queryset.values("pk"))
    pages = list(get_search_backend().search(query, scoped)[:page_size])
    return SimpleNamespace(hits=[SimpleNamespace(page=page) for page in pages])


def _index_new_items(after_pk: int) -> float:
    """Index the items with ``pk > after_pk`` (bulk inserts write no index); seconds."""
    from wagtail.search.backends import get_search_backend

    from cms.pages import models as page_models

    started = time.perf_counter()
    backend = get_search_backend()
    index = backend.get_index_for_model(page_models.ArticlePage)
    for model in (
        page_models.NewsPage,
        page_models.NoticePage,
        page_models.PressReleasePage,
        page_models.StaffBulletinPage,
    ):
        queryset = model.get_indexed_objects().filter(pk__gt=after_pk).order_by("pk")
        last = after_pk
        while True:
            chunk = list(queryset.filter(pk__gt=last)[:1000])
            if not chunk:
                break
            index.add_items(model, chunk)
            last = chunk[-1].pk
    return time.perf_counter() - started


def _latency(repeats: int) -> dict:
    # As the application runs under gunicorn: startup objects frozen out of the
    # garbage collector (cms/wsgi.py), so a full collection does not land in a timing.
    import cms.wsgi  # noqa: F401
    from search.queries import SearchFilters, search_items
    from search.vocabulary import clear_vocabulary, get_vocabulary
    from tests.search.relevance import QUERIES

    clear_vocabulary()
    started = time.perf_counter()
    get_vocabulary()
    vocabulary_s = time.perf_counter() - started
    timings = []
    for _ in range(repeats):
        for judged in QUERIES:
            if judged.surface != "public":
                continue
            filters = SearchFilters(locale=judged.locale)
            started = time.perf_counter()
            search_items(judged.query, filters=filters, page_size=10)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "queries": len(timings),
        "p50_ms": statistics.median(timings),
        "p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "vocabulary_build_s": vocabulary_s,
    }


#: Requests per target in the speed table (after a few to warm up).
SPEED_REQUESTS = 40
LISTING = "/api/public/v1/items?type=news&limit=20&nocache={n}"


def _speed_words() -> tuple[str, str, int, int]:
    """A common and a rare word of the public vocabulary, and how many items have them.

    Common: the word in most items (five letters or more, no stop word). Rare: the word
    in closest to ten items (at least three), so both find something at every size.
    """
    from search import swedish
    from search.vocabulary import PUBLIC, get_vocabulary

    vocabulary = get_vocabulary(PUBLIC)
    candidates = [
        (count, word)
        for word, count in vocabulary.counts.items()
        if word.isalpha() and len(word) >= 5 and word not in swedish.FOLDED_STOPWORDS
    ]
    common_count, common = max(candidates)
    rare_count, rare = min(
        ((count, word) for count, word in candidates if count >= 3),
        key=lambda item: (abs(item[0] - 10), item[1]),
    )
    spell = vocabulary.spellings.get
    return spell(common, common), spell(rare, rare), common_count, rare_count


def _speed(repeats: int = SPEED_REQUESTS) -> dict:
    """p50/p95 of the public search API for a common and a rare word, with and without
    filters, and of the public listing rendered without its response cache (a new
    query string each time), in this process through Django's whole request stack."""
    from urllib.parse import quote

    from django.test import Client
    from django.utils import timezone

    common, rare, common_items, rare_items = _speed_words()
    year = timezone.localdate().year
    filters = f"&type=news&year={year}"
    targets = {
        "listing, never cached": LISTING,
        f"search common ({common})": f"/api/public/v1/search?q={quote(common)}",
        f"search common ({common}) + filters": f"/api/public/v1/search?q={quote(common)}{filters}",
        f"search rare ({rare})": f"/api/public/v1/search?q={quote(rare)}",
        f"search rare ({rare}) + filters": f"/api/public/v1/search?q={quote(rare)}{filters}",
    }
    client = Client(HTTP_HOST="localhost")
    figures = {}
    for name, path in targets.items():
        timings = []
        for n in range(repeats + 3):
            started = time.perf_counter()
            response = client.get(path.format(n=f"{name[:6]}-{n}-{time.time_ns()}"))
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            if n >= 3:  # the first ones warm caches and connections
                timings.append(elapsed)
        timings.sort()
        figures[name] = {
            "p50_ms": statistics.median(timings),
            "p95_ms": timings[int(0.95 * (len(timings) - 1))],
            "total": response.json().get("total") if "search" in name else None,
        }
    listing = figures["listing, never cached"]["p50_ms"]
    for values in figures.values():
        # Requests one after another: throughput is the inverse of the latency.
        values["vs_listing"] = listing / values["p50_ms"]
    return {"targets": figures, "common_items": common_items, "rare_items": rare_items}


def run_worker(
    backend: str, sizes: list[int], repeats: int, seed: int, reuse: bool = False
) -> dict:
    """Everything for one backend, in this process; returns the figures."""
    _setup(backend, reuse)
    from django.core.management import call_command
    from django.db import connection

    from cms.pages.models import ArticlePage
    from search.vocabulary import clear_vocabulary
    from tests.search.relevance import build_corpus, evaluate, summarise

    report: dict = {"backend": backend, "vendor": connection.vendor}
    if reuse:
        _analyze()  # a migration may have added an index since the last run
    ids = build_corpus()
    clear_vocabulary()
    after = summarise(evaluate(ids))
    before = summarise(evaluate(ids, search=_baseline_search))
    report["relevance"] = {
        "before": before,
        "after": after,
        "corpus": len(ids),
        # More than the corpus only with --reuse: then the bulk items are distractors.
        "items": ArticlePage.objects.count(),
    }
    report["latency"] = []
    for size in sizes:
        have = ArticlePage.objects.count()
        if size > have:
            last_pk = ArticlePage.objects.order_by("-pk").values_list("pk", flat=True).first()
            started = time.perf_counter()
            call_command("generate_bulk_content", items=size - have, seed=seed + size, verbosity=0)
            generated_s = time.perf_counter() - started
            indexed_s = _index_new_items(last_pk or 0)
            _analyze()
        else:
            generated_s = indexed_s = 0.0
        figures = _latency(repeats)
        figures.update(
            items=ArticlePage.objects.count(),
            generate_s=generated_s,
            index_s=indexed_s,
            speed=_speed(),
        )
        report["latency"].append(figures)
        print(json.dumps({"progress": backend, **figures}), file=sys.stderr, flush=True)
    return report


def _analyze() -> None:
    """Bring a freshly bulk-loaded database to the state autovacuum keeps it in.

    Without statistics PostgreSQL plans the audience filter for empty tables and scans
    every page per candidate (seconds per query instead of milliseconds); without a
    vacuum the first reads of each row also set its hint bits and index-only scans
    visit the heap. A running database gets both from autovacuum.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _print(reports: list[dict]) -> None:
    print("Relevance (the relevance set: public and intranet queries, first 10 hits)")
    print(
        f"{'backend':<10} {'':<7} {'nDCG@10':>8} {'MRR':>6} {'R@10':>6} "
        f"{'public':>7} {'intra':>7} {'leaks':>6} {'items':>8}"
    )
    for report in reports:
        for label in ("before", "after"):
            figures = report["relevance"][label]
            print(
                f"{report['backend']:<10} {label:<7} {figures['ndcg@10']:>8.3f} "
                f"{figures['mrr']:>6.3f} {figures['recall@10']:>6.3f} "
                f"{figures['public_ndcg@10']:>7.3f} {figures['intranet_ndcg@10']:>7.3f} "
                f"{figures['leaks']:>6} {report['relevance'].get('items', 0):>8}"
            )
    print()
    print(
        "Speed through the API (in-process, one request at a time; vs listing = the "
        "listing's p50 / this p50)"
    )
    print(f"{'backend':<10} {'items':>8} {'target':<44} {'p50 ms':>8} {'p95 ms':>8} {'vs list':>8}")
    for report in reports:
        for figures in report["latency"]:
            speed = figures.get("speed", {})
            for name, values in speed.get("targets", {}).items():
                print(
                    f"{report['backend']:<10} {figures['items']:>8} {name:<44} "
                    f"{values['p50_ms']:>8.1f} {values['p95_ms']:>8.1f} "
                    f"{values['vs_listing']:>7.2f}x"
                )
            if speed:
                print(
                    f"{'':<10} {'':>8} (common word in {speed['common_items']} items, "
                    f"rare word in {speed['rare_items']}, by the public vocabulary)"
                )
    print()
    print("Latency of search_items (public, page of 10, snippets included)")
    print(f"{'backend':<10} {'items':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for report in reports:
        for figures in report["latency"]:
            print(
                f"{report['backend']:<10} {figures['items']:>8} {figures['p50_ms']:>8.1f} "
                f"{figures['p95_ms']:>8.1f} {figures['queries']:>8}"
            )


def main(argv=None) -> int:
    """Run each backend in a child process and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--sizes", default=None, help="Comma-separated item counts.")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the scratch databases of an earlier run (items already there count).",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        sizes = [int(s) for s in args.sizes.split(",") if s] if args.sizes else []
        report = run_worker(args.worker, sizes, args.repeats, args.seed, args.reuse)
        print(json.dumps(report))
        return 0
    reports = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        sizes = args.sizes or ("10000" if backend == "sqlite" else "10000,100000")
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--sizes",
            sizes,
            "--repeats",
            str(args.repeats),
            "--seed",
            str(args.seed),
            *(["--reuse"] if args.reuse else []),
        ]
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
        reports.append(json.loads(output.stdout.strip().splitlines()[-1]))
    _print(reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
