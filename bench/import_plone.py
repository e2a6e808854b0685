"""Benchmark: ``import_plone`` of 10,000 News Items from a real Plone 6.2.

    uv run --frozen python bench/import_plone.py                      # SQLite
    uv run --frozen python bench/import_plone.py --backends sqlite,postgres --items 10000

Builds the test Plone (tests/plone/setup_plone.sh, cached), fills the site ``Bench`` of
a second instance (``bench-instance`` beside the test one, its own database) with
``--items`` News Items through a zconsole script (bench/plone_bulk_news.py, periodic
commits; only the missing ones on a later run), starts it and measures:

- the baseline: Plone's own single-item restapi GETs per second (sequential);
- the client side: records per second that the walk (``@search`` with fullobjects) and
  the mapping produce, and that process's peak RSS;
- the import: ``manage.py import_plone`` into a fresh scratch database per backend
  (``var/bench/import_plone.sqlite3``, or ``enkanal_import_bench`` at
  ``BENCH_POSTGRES_URL``): items per second and peak RSS of the importing process.

Stops the Plone it started. Prints a table; writes nothing else.
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

ROOT = Path(__file__).resolve().parent.parent
PLONE = ROOT / "tests" / "plone"
PLONE_HOME = Path(os.environ.get("ENKANAL_PLONE_HOME", Path.home() / ".cache" / "enkanal-plone"))
SITE_ID = "Bench"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/enkanal_import_bench"


def _credentials():
    values = {}
    for line in (PLONE_HOME / "credentials").read_text().splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return values


def _bench_instance() -> Path:
    """An instance of its own (its own database), so the test site stays as it is."""
    instance = PLONE_HOME / "bench-instance"
    conf = instance / "etc" / "zope.conf"
    (instance / "var" / "cache").mkdir(parents=True, exist_ok=True)
    if not conf.exists():
        conf.parent.mkdir(parents=True, exist_ok=True)
        test_conf = (PLONE_HOME / "instance" / "etc" / "zope.conf").read_text()
        conf.write_text(test_conf.replace(str(PLONE_HOME / "instance"), str(instance)))
    return instance


def prepare_plone(items: int) -> dict:
    """Build Plone, fill the benchmark site, start it; the environment to reach it."""
    subprocess.run(["bash", str(PLONE / "setup_plone.sh")], check=True)
    instance = _bench_instance()
    run_env = {**os.environ, "ENKANAL_PLONE_INSTANCE": str(instance)}
    subprocess.run(["bash", str(PLONE / "run_plone.sh"), "stop"], env=run_env, check=True)
    env = {**os.environ, **_credentials(), "ENKANAL_BENCH_SITE": SITE_ID}
    env["ENKANAL_BENCH_ITEMS"] = str(items)
    started = time.perf_counter()
    subprocess.run(
        [
            str(PLONE_HOME / "venv/bin/zconsole"),
            "run",
            "etc/zope.conf",
            str(ROOT / "bench" / "plone_bulk_news.py"),
        ],
        cwd=instance,
        env=env,
        check=True,
    )
    print(f"Plone: benchmark site ready in {time.perf_counter() - started:.0f} s", flush=True)
    out = subprocess.run(
        ["bash", str(PLONE / "run_plone.sh"), "start"],
        env={**run_env, "ENKANAL_PLONE_SITE_ID": SITE_ID},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        found[key] = value
    return found


def baseline_gets(env: dict, count: int = 300) -> float:
    """Plone's single-item restapi GETs per second, one after another."""
    import requests

    session = requests.Session()
    session.auth = (env["ENKANAL_PLONE_USER"], env["ENKANAL_PLONE_PASSWORD"])
    session.headers["Accept"] = "application/json"
    url = env["ENKANAL_PLONE_URL"]
    summaries = session.get(
        f"{url}/@search", params={"portal_type": "News Item", "b_size": count}, timeout=120
    ).json()["items"]
    started = time.perf_counter()
    for summary in summaries:
        session.get(summary["@id"], timeout=60).raise_for_status()
    return len(summaries) / (time.perf_counter() - started)


def child(args: list[str]) -> dict:
    """Run ``--child MODE URL [BACKEND]`` in a fresh process; its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "false"},
    )
    sys.stderr.write(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- inside the child process --------------------------------------------------------


def _django(backend: str | None):
    sys.path.insert(0, str(ROOT))
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / "import_plone.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    elif backend == "postgres":
        import psycopg

        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_records(url: str) -> dict:
    """The walk and the mapping only: records per second, peak RSS."""
    _django(None)
    from cms.imports.management.commands.import_plone import plone_records
    from cms.imports.plone.client import PloneClient
    from cms.imports.plone.config import load_rules

    client = PloneClient.from_env(url)
    started = time.perf_counter()
    count = sum(1 for _ in plone_records(client, load_rules()))
    seconds = time.perf_counter() - started
    return {"records": count, "seconds": seconds, "rss_mb": _peak_rss_mb()}


def child_import(url: str, backend: str) -> dict:
    """``import_plone`` into a fresh database: items per second, peak RSS."""
    _django(backend)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from cms.demo.loader import ensure_structure

    units = ensure_structure()[0]
    unit = next(iter(units.values())) if isinstance(units, dict) else units[0]
    report_path = ROOT / "var" / "bench" / f"import_plone_{backend}.json"
    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    call_command(
        "import_plone", url, "--unit", unit.name, "--no-progress", "--report", str(report_path)
    )
    seconds = time.perf_counter() - started
    report = json.loads(report_path.read_text())
    return {
        "backend": backend,
        "records": report["records"],
        "imported": report["counts"]["imported"],
        "failed": report["counts"]["failed"],
        "seconds": seconds,
        "rss_mb": _peak_rss_mb(),
        "rss_before_mb": rss_before,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, url, *rest = args.child
        result = child_records(url) if mode == "records" else child_import(url, rest[0])
        print(json.dumps(result))
        return
    env = prepare_plone(args.items)
    os.environ.update(env)
    try:
        rows = [f"Plone 6.2 single-item GETs: {baseline_gets(env):.0f}/s (baseline)"]
        print(rows[-1], flush=True)
        walk = child(["records", env["ENKANAL_PLONE_URL"]])
        rows.append(
            f"client: {walk['records']} records in {walk['seconds']:.1f} s = "
            f"{walk['records'] / walk['seconds']:.0f} records/s, peak RSS {walk['rss_mb']:.0f} MB"
        )
        print(rows[-1], flush=True)
        for backend in args.backends.split(","):
            result = child(["import", env["ENKANAL_PLONE_URL"], backend])
            rows.append(
                f"import_plone on {backend}: {result['imported']} imported "
                f"({result['failed']} failed) of {result['records']} records in "
                f"{result['seconds']:.0f} s = {result['records'] / result['seconds']:.1f} items/s, "
                f"peak RSS {result['rss_mb']:.0f} MB "
                f"(after migrate: {result['rss_before_mb']:.0f} MB)"
            )
            print(rows[-1], flush=True)
    finally:
        subprocess.run(
            ["bash", str(PLONE / "run_plone.sh"), "stop"],
            env={**os.environ, "ENKANAL_PLONE_INSTANCE": str(_bench_instance())},
            check=False,
        )
    print("\n".join(["", *rows]))


if __name__ == "__main__":
    main()
