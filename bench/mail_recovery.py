"""E-mail recovery benchmark: how long sending stops after a worker kill and an outage.

    uv run --frozen python bench/mail_recovery.py                    # PostgreSQL, 3,000
    uv run --frozen python bench/mail_recovery.py --recipients 5000 --outage 30

Real ``manage.py db_worker`` processes (``--workers``, default two) send one release to
``--recipients`` subscribers through Django's SMTP backend to a local aiosmtpd server
in this process, which records every recipient, Message-ID and arrival time. The
outbox runs on its production defaults (claim lease 15 s, sweep every 60 s, outage
pause from 10 s doubling to 5 min, batches of 100); only the rate is limited
(``--rate`` messages per second and worker) so that a dispatch lasts long enough to be
interrupted. The database is a scratch PostgreSQL database (``--database-url``),
created and dropped by the run.

Three runs of the same dispatch:

* ``normal``: nothing goes wrong (the baseline);
* ``kill``: once a third is handed off, every worker is killed (SIGKILL) and started
  again at once;
* ``outage``: once a third is handed off, the SMTP server goes away for ``--outage``
  seconds (connections refused), then comes back.

For each run it prints the seconds to the last message, the time lost against the
baseline, the seconds to the first message (workers starting), the longest time no
message arrived after it, how long after the restart (or the
server's return) the first message arrived, when the batches that were in flight at
the kill had been sent, and the recipients lost, repeated (with the same or another
Message-ID) and the most attempts any recipient needed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from email.parser import BytesHeaderParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.email_fanout import free_port  # noqa: E402 – after the path


class Sink:
    """An SMTP server on a fixed port that records arrivals and can go away and return."""

    def __init__(self, port: int):
        self.port = port
        self.lock = threading.Lock()
        self.received: list[tuple[float, str, str]] = []  # (monotonic, recipient, Message-ID)
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        message_id = BytesHeaderParser().parsebytes(envelope.content).get("Message-ID", "")
        now = time.monotonic()
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((now, recipient.lower(), message_id))
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def count(self) -> int:
        with self.lock:
            return len(self.received)


def environment(database_url: str, port: int, rate: int) -> dict[str, str]:
    """The workers' (and this process's) environment: only the rate differs from defaults."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "ENKANAL_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "ENKANAL_MAIL_RATE_LIMIT": str(rate),
        "DEBUG": "0",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
    }


class Workers:
    """``manage.py db_worker`` processes with the production defaults of the outbox."""

    def __init__(self, env: dict[str, str], count: int, log_dir: Path | None = None):
        self.count = count
        self.env = env
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []
        self.started = 0

    def start(self):
        for _index in range(self.count):
            self.started += 1
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--no-reload",
                        "--worker-id",
                        f"bench-{self.started}-{time.monotonic_ns()}",
                    ],
                    cwd=REPO,
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=self.log(),
                )
            )

    def log(self):
        """Where the next worker writes its log (nowhere unless ``--log-dir``)."""
        if self.log_dir is None:
            return subprocess.DEVNULL
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return (self.log_dir / f"worker-{self.started}.log").open("w")

    def kill(self):
        for process in self.processes:
            process.send_signal(signal.SIGKILL)
        for process in self.processes:
            process.wait(timeout=30)
        self.processes = []


def reset_dispatch():
    """The one subscribers dispatch back to pending, with no deliveries or queued tasks."""
    from django_tasks_db.models import DBTaskResult

    from cms.mail.models import Channel, Delivery, Dispatch, DispatchState

    DBTaskResult.objects.all().delete()
    dispatch = Dispatch.objects.get(channel=Channel.SUBSCRIBERS)
    Delivery.objects.filter(dispatch=dispatch).delete()
    Dispatch.objects.filter(pk=dispatch.pk).update(
        state=DispatchState.PENDING, started_at=None, finished_at=None,
        paused_at=None, resume_at=None, outages=0, pause_error="",
    )  # fmt: skip
    return dispatch.pk


def run(kind: str, args, sink: Sink, workers: Workers) -> dict:
    """One dispatch from start to done, with ``kind`` of fault a third of the way."""
    from cms.mail.models import Delivery, DeliveryStatus, Dispatch, DispatchState
    from cms.mail.tasks import enqueue_dispatch, ensure_mail_sweep

    dispatch_id = reset_dispatch()
    with sink.lock:
        sink.received.clear()
    ensure_mail_sweep()
    enqueue_dispatch(dispatch_id)
    started = time.monotonic()
    workers.start()
    fault_at = back_at = None
    in_flight: set[str] = set()
    deadline = started + args.timeout
    while time.monotonic() < deadline:
        if fault_at is None and kind != "normal" and sink.count() >= args.recipients // 3:
            fault_at = time.monotonic()
            if kind == "kill":
                workers.kill()
                in_flight = set(
                    Delivery.objects.filter(
                        dispatch_id=dispatch_id, status=DeliveryStatus.SENDING
                    ).values_list("email", flat=True)
                )
                workers.start()
                back_at = time.monotonic()
            else:
                sink.stop()
                threading.Timer(args.outage, sink.start).start()
                back_at = fault_at + args.outage
        if Dispatch.objects.get(pk=dispatch_id).state == DispatchState.DONE:
            break
        time.sleep(0.2)
    else:
        workers.kill()
        raise SystemExit(f"{kind}: the dispatch did not finish within {args.timeout} s")
    workers.kill()
    with sink.lock:
        received = list(sink.received)
    times = sorted(arrived for arrived, _email, _mid in received)
    copies = Counter(email for _at, email, _mid in received)
    message_ids = {(email, mid) for _at, email, mid in received}
    attempts = Delivery.objects.filter(dispatch_id=dispatch_id).values_list("attempts", flat=True)
    result = {
        "kind": kind,
        "seconds": times[-1] - started,
        "first": times[0] - started,  # the workers start, claim and send
        "gap": max(later - earlier for earlier, later in itertools.pairwise(times)),
        "lost": args.recipients - len(copies),
        "repeated": sum(count - 1 for count in copies.values()),
        "other_ids": len(message_ids) - len(copies),
        "max_attempts": max(attempts, default=0),
        "resume": None,
        "in_flight": len(in_flight),
        "in_flight_done": None,
    }
    if back_at is not None:
        after = [arrived for arrived, _email, _mid in received if arrived >= back_at]
        result["resume"] = min(after) - back_at if after else None
    if in_flight:
        last = max(
            arrived
            for arrived, email, _mid in received
            if email in in_flight and arrived > fault_at
        )
        result["in_flight_done"] = last - fault_at
    return result


def scratch_database(url: str, action: str):
    """Create or drop the scratch database ``url`` names (from the server's postgres db)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/enkanal_bench_recovery"
    )
    parser.add_argument("--recipients", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=25, help="messages per second and worker")
    parser.add_argument("--outage", type=float, default=30.0, help="seconds the server is away")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--runs", default="normal,kill,outage", help="which runs, in order")
    parser.add_argument("--log-dir", type=Path, help="keep each worker's log there")
    args = parser.parse_args()

    scratch_database(args.database_url, "create")
    try:
        # The fan-out benchmark's scratch content: subscribers and one released item.
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "email_fanout.py"), "--prepare",
             str(args.recipients), "1", "--database-url", args.database_url],
            cwd=REPO, check=True,
        )  # fmt: skip
        sink = Sink(free_port())
        env = environment(args.database_url, sink.port, args.rate)
        os.environ.update(env)
        import django

        django.setup()
        sink.start()
        workers = Workers(env, args.workers, args.log_dir)
        results = []
        try:
            for kind in args.runs.split(","):
                print(f"… {kind}", file=sys.stderr, flush=True)
                results.append(run(kind, args, sink, workers))
        finally:
            workers.kill()
            sink.stop()
        from django.db import connections

        connections.close_all()
    finally:
        scratch_database(args.database_url, "drop")
    report(args, results)


def report(args, results):
    """Print one line per run and the time lost against the baseline."""
    baseline = results[0]["seconds"]
    print(
        f"{args.recipients:,} mottagare, {args.workers} arbetare à {args.rate} medd/s, "
        f"produktionens standardvärden; avbrott {args.outage:.0f} s"
    )
    print(
        f"{'körning':<8} {'sekunder':>9} {'förlorat':>9} {'första':>7} {'längsta paus':>13} "
        f"{'igång efter':>12} {'i luften':>9} {'klara efter':>12} "
        f"{'borta':>6} {'dubbletter':>11} {'annat id':>9} {'max försök':>11}"
    )
    for row in results:
        resume = "–" if row["resume"] is None else f"{row['resume']:.1f} s"
        done = "–" if row["in_flight_done"] is None else f"{row['in_flight_done']:.1f} s"
        print(
            f"{row['kind']:<8} {row['seconds']:>9.1f} {row['seconds'] - baseline:>8.1f}s "
            f"{row['first']:>6.1f}s "
            f"{row['gap']:>12.1f}s {resume:>12} {row['in_flight']:>9} {done:>12} "
            f"{row['lost']:>6} {row['repeated']:>11} {row['other_ids']:>9} "
            f"{row['max_attempts']:>11}"
        )


if __name__ == "__main__":
    main()
