"""Import benchmark: items per second and peak memory of ``import_items`` for news items.

    uv run --frozen python bench/import_items.py                    # 1,000 and 10,000 items
    uv run --frozen python bench/import_items.py --sizes 10000 --database-url postgres://…

For each size a scratch database (``var/bench/import_items.sqlite3``, recreated; or
``--database-url``, whose tables are flushed) gets a Swedish home page, its news section
and one unit; a JSONL file of that many generated news records is written (two
paragraphs, a link to the previous item by ``resolveuid``, a topic of ten, an old URL
each), and ``manage.py import_items`` imports it in a process of its own, so the peak
memory (max RSS) printed is that of the import alone. Equal peaks for 1,000 and 10,000
items mean memory does not grow with the input. Items per CPU-second (the import
process's own CPU time; SQLite runs inside it) is the figure for one unloaded core
when the machine is shared. The database task queue is counted before and after: an
import queues nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VAR = REPO / "var" / "bench"
UNIT = "Kommunikationsavdelningen"
TOPICS = [f"Ämne {n}" for n in range(10)]


def setup_django(database_url: str):
    sys.path.insert(0, str(REPO))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=database_url,
        ENKANAL_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def write_records(path: Path, size: int):
    """``size`` news records, each linking to the one before it."""
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(size):
            link = f'<a href="resolveuid/uid-{n - 1}">förra nyheten</a>' if n else "ingenting"
            record = {
                "schema": "enkanal.import/1",
                "type": "news",
                "source": {
                    "system": "plone",
                    "uid": f"uid-{n}",
                    "url": f"https://gamla.ekby.se/nyheter/{n}",
                    "path": f"/nyheter/{n}",
                },
                "title": f"Nyhet nummer {n} om skolan och vägarna",
                "summary": "Kommunen bygger en ny skola. Arbetet börjar i vår.",
                "body_html": (
                    f"<p>Första stycket i nyhet {n}, med <strong>fetstil</strong>.</p>"
                    f"<p>Andra stycket länkar till {link}.</p>"
                ),
                "audiences": ["residents"],
                "topics": [TOPICS[n % len(TOPICS)]],
                "owner_unit": UNIT,
                "dates": {
                    "created": "2019-03-01T09:00:00+01:00",
                    "modified": "2019-03-02T10:00:00+01:00",
                    "published": "2019-03-01T10:00:00+01:00",
                },
                "old_urls": [f"/gamla/nyheter/{n}"],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def prepare(database_url: str, size: int, path: Path):
    """A fresh site with a news section and a unit; the JSONL file of ``size`` records."""
    setup_django(database_url)
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    call_command("migrate", verbosity=0, interactive=False)
    if not database_url.startswith("sqlite"):
        call_command("flush", verbosity=0, interactive=False)
        call_command("migrate", verbosity=0, interactive=False)
    from cms.pages.models import HomePage, NewsIndexPage
    from cms.snippets.models import Unit

    root = Page.get_first_root_node()
    sv = Locale.objects.get_or_create(language_code="sv")[0]
    home = HomePage(title="Ekby kommun", slug="ekby", locale=sv)
    root.add_child(instance=home)
    home.add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter", locale=sv))
    Unit.objects.get_or_create(name=UNIT)
    write_records(path, size)


def measure(database_url: str, path: Path) -> dict:
    """Import ``path``; items/s, peak RSS and what was queued."""
    setup_django(database_url)
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    report_path = path.with_suffix(".report.json")
    queued_before = DBTaskResult.objects.count()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    call_command(
        "import_items", str(path), "--no-progress", "--report", str(report_path), verbosity=0
    )
    seconds = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    report = json.loads(report_path.read_text())
    return {
        "records": report["records"],
        "imported": report["counts"]["imported"],
        "failed": report["counts"]["failed"],
        "seconds": seconds,
        "items_per_second": report["records"] / seconds,
        "items_per_cpu_second": report["records"] / cpu if cpu else 0.0,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "queued_tasks": DBTaskResult.objects.count() - queued_before,
        "unresolved_links": report["warnings"].get("link_unresolved", {}).get("count", 0),
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(args) -> None:
    """Run one step in this process (called through ``subprocess``)."""
    path = Path(args.file)
    if args.step == "prepare":
        prepare(args.database_url, args.size, path)
    else:
        print(json.dumps(measure(args.database_url, path)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--step", choices=["prepare", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        child(args)
        return
    VAR.mkdir(parents=True, exist_ok=True)
    print(
        f"{'items':>7} {'seconds':>8} {'items/s':>8} {'items/CPU-s':>11} {'peak MB':>8} "
        f"{'queued':>7} {'failed':>7}"
    )
    for size in [int(s) for s in args.sizes.split(",")]:
        database_url = args.database_url
        if not database_url:
            db = VAR / "import_items.sqlite3"
            db.unlink(missing_ok=True)
            database_url = f"sqlite:///{db}"
        path = VAR / f"import_items_{size}.jsonl"
        common = [sys.executable, __file__, "--database-url", database_url, "--file", str(path)]
        subprocess.run([*common, "--step", "prepare", "--size", str(size)], check=True)
        result = subprocess.run(
            [*common, "--step", "measure"], check=True, capture_output=True, text=True
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{figures['records']:>7} {figures['seconds']:>8.1f} "
            f"{figures['items_per_second']:>8.1f} {figures['items_per_cpu_second']:>11.1f} "
            f"{figures['peak_mb']:>8.1f} "
            f"{figures['queued_tasks']:>7} {figures['failed']:>7}"
        )


if __name__ == "__main__":
    main()
