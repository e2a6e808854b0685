"""E-mail fan-out benchmark: one release to N subscribers, outbox vs a naive loop.

    uv run --frozen python bench/email_fanout.py                     # 10,000 and 100,000
    uv run --frozen python bench/email_fanout.py --sizes 10000,100000,1000000 --smtp-size 0

For each size the scratch database (``var/bench/email_fanout.sqlite3``, recreated; or
``--database-url``) gets that many confirmed subscribers and one released news item.
Each measurement runs in its own process, so its peak memory (max RSS) is its own:

* ``outbox/test``: the real path – the dispatch starts (deliveries written in bulk),
  then the worker's loop claims, hands off (Anymail batch sending) and records – into
  Anymail's test backend;
* ``naive/test``: ``send_mail`` once per recipient into the same backend;
* ``outbox/smtp`` and ``naive/smtp``: the same through Django's SMTP backend to a local
  aiosmtpd sink in another process (``--smtp-size`` recipients; 0 skips them).

Prints time, messages per second, µs per message (flat across sizes = linear cost) and
peak memory, the outbox/naive ratio, and µs per message of the whole path and of the
claim and record UPDATEs at each size as a ratio to the smallest (they find their
rows by primary key, so the ratios stay near 1). The test backend keeps no messages in memory
here (it counts them), so memory is the pipeline's own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRATCH = REPO / "var" / "bench"
TEST_BACKEND = "bench.email_fanout.CountingTestBackend"


def setup_django(database_url: str, email_backend: str, smtp_port: int = 0):
    sys.path.insert(0, str(REPO))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=database_url,
        ENKANAL_TASK_BACKEND="django_tasks.backends.dummy.DummyBackend",
        EMAIL_BACKEND=email_backend,
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_port
    settings.ENKANAL_MAIL_RATE_LIMIT = 0


class CountingTestBackend:
    """Anymail's test backend, counting recipients instead of keeping every message."""

    count = 0

    def __new__(cls, *args, **kwargs):
        from anymail.backends.test import EmailBackend
        from django.core import mail

        class Counting(EmailBackend):
            def post_to_esp(self, payload, message):
                response = super().post_to_esp(payload, message)
                mail.outbox.remove(message)
                CountingTestBackend.count += len(payload.recipient_emails)
                return response

            def get_esp_message_id(self, message):
                return ""

        return Counting(*args, **kwargs)


# --- the scratch database ------------------------------------------------------------


def prepare(database_url: str, size: int, fresh: bool):
    """Migrate (when ``fresh``), add subscribers up to ``size`` and one released item."""
    import datetime

    setup_django(database_url, TEST_BACKEND)
    from django.core.management import call_command
    from django.utils import timezone

    if fresh:
        call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Locale, Page, Site

    from cms.mail.models import Subscriber
    from cms.pages.models import ArticlePage, NewsIndexPage
    from cms.workflows.guard import system_publish
    from tests.pages.factories import HomePageFactory, NewsIndexPageFactory, NewsPageFactory

    if not NewsIndexPage.objects.exists():
        home = HomePageFactory(
            parent=Page.get_first_root_node(), locale=Locale.objects.get(language_code="sv")
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
        index = NewsIndexPageFactory(parent=home)
        with system_publish("Benchmark av e-postutskick"):
            page = NewsPageFactory(
                parent=index, title="Nya öppettider på biblioteket", live=False,
                audience_codes=("residents",),
            )  # fmt: skip
            page.save_revision().publish()
        ArticlePage.objects.filter(pk=page.pk).update(
            external_release_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    have = Subscriber.objects.count()
    now = timezone.now()
    batch = []
    for number in range(have, size):
        batch.append(Subscriber(email=f"mottagare{number}@example.org", confirmed_at=now))
        if len(batch) == 10_000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)


# --- one measurement (a child process) -----------------------------------------------


def measure(database_url: str, mode: str, backend: str, size: int, smtp_port: int) -> dict:
    email_backend = TEST_BACKEND if backend == "test" else (
        "django.core.mail.backends.smtp.EmailBackend"
    )  # fmt: skip
    setup_django(database_url, email_backend, smtp_port)
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db import connection

    from cms.mail.dispatching import start_dispatch
    from cms.mail.models import Channel, Delivery, Dispatch, DispatchState, Subscriber
    from cms.mail.sending import send_available

    settings.ENKANAL_MAIL_BATCH_SIZE = 500 if backend == "test" else 100
    statements = StatementTimer()
    if mode == "naive":
        recipients = list(Subscriber.objects.order_by("pk").values_list("email", flat=True)[:size])
        started = time.perf_counter()
        for email in recipients:
            send_mail("Nya öppettider", "Biblioteket har nya öppettider.", None, [email])
        elapsed = time.perf_counter() - started
        handed = len(recipients)
    else:
        dispatch = Dispatch.objects.get(channel=Channel.SUBSCRIBERS)
        Delivery.objects.filter(dispatch=dispatch).delete()
        Dispatch.objects.filter(pk=dispatch.pk).update(
            state=DispatchState.PENDING, started_at=None, finished_at=None
        )
        # Only the first ``size`` subscribers are confirmed for this measurement.
        Subscriber.objects.update(confirmed_at=None)
        # By primary key range: a million addresses in one IN (…) is beyond SQLite's limit.
        last = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[size - 1]
        Subscriber.objects.filter(pk__lte=last).update(confirmed_at=settings_now())
        started = time.perf_counter()
        start_dispatch(dispatch.pk)
        written = time.perf_counter() - started
        with connection.execute_wrapper(statements):
            handed = send_available(dispatch.pk)
        elapsed = time.perf_counter() - started
        assert handed == size, (handed, size)
    if backend == "test":
        # The backend class lives in the imported module, not in __main__.
        from bench.email_fanout import CountingTestBackend as counted

        assert counted.count == handed, (counted.count, handed)
    result = {
        "mode": mode,
        "backend": backend,
        "size": size,
        "seconds": elapsed,
        "per_second": handed / elapsed,
        "us_per_message": elapsed / handed * 1e6,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if mode == "outbox":
        result["write_seconds"] = written
        for name, seconds in statements.seconds.items():
            result[f"{name}_us"] = seconds / handed * 1e6
    return result


class StatementTimer:
    """Times the claim and record UPDATEs of deliveries (``connection.execute_wrapper``)."""

    def __init__(self):
        self.seconds = {"claim": 0.0, "record": 0.0}

    def __call__(self, execute, sql, params, many, context):
        name = None
        if sql.startswith('UPDATE "mail_delivery"'):
            if '"claim_token" = %s' in sql and '"attempts" =' in sql:
                name = "claim"
            elif '"sent_at" = %s' in sql:
                name = "record"
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if name:
                self.seconds[name] += time.perf_counter() - started


def settings_now():
    from django.utils import timezone

    return timezone.now()


# --- the SMTP sink (a separate process) ----------------------------------------------


def run_sink(port: int):
    """An aiosmtpd server that accepts and counts messages, until killed."""
    from aiosmtpd.controller import Controller

    class Handler:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Handler.count += len(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    while True:
        time.sleep(3600)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the run -------------------------------------------------------------------------


def child(args, mode, backend, size, port=0) -> dict:
    process = subprocess.run(
        [sys.executable, __file__, "--child", mode, backend, str(size), str(port),
         "--database-url", args.database_url],
        cwd=REPO, check=False, capture_output=True, text=True,
    )  # fmt: skip
    if process.returncode:
        raise SystemExit(f"{mode}/{backend} at {size:,} failed:\n{process.stderr}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--smtp-size", type=int, default=10_000)
    parser.add_argument(
        "--naive-max", type=int, default=100_000,
        help="the naive loop only up to this size (its cost per message is flat; 0: always)",
    )  # fmt: skip
    parser.add_argument("--database-url", default=f"sqlite:///{SCRATCH / 'email_fanout.sqlite3'}")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "BACKEND", "SIZE", "PORT"))
    parser.add_argument("--prepare", nargs=2, metavar=("SIZE", "FRESH"))
    parser.add_argument("--sink", type=int)
    args = parser.parse_args()
    if args.sink:
        run_sink(args.sink)
        return
    if args.prepare:
        prepare(args.database_url, int(args.prepare[0]), args.prepare[1] == "1")
        return
    if args.child:
        mode, backend, size, port = args.child
        print(json.dumps(measure(args.database_url, mode, backend, int(size), int(port))))
        return

    if args.database_url.startswith("sqlite:///"):
        shutil.rmtree(SCRATCH, ignore_errors=True)
        SCRATCH.mkdir(parents=True)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    port = free_port()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(port)], cwd=REPO)
    results = []
    try:
        for index, size in enumerate(sizes):
            print(f"… {size:,} prenumeranter", file=sys.stderr, flush=True)
            subprocess.run(
                [sys.executable, __file__, "--prepare", str(size), "1" if index == 0 else "0",
                 "--database-url", args.database_url],
                cwd=REPO, check=True,
            )  # fmt: skip
            for mode in ("outbox", "naive"):
                if mode == "naive" and args.naive_max and size > args.naive_max:
                    continue
                results.append(child(args, mode, "test", size))
            if args.smtp_size and index == len(sizes) - 1:
                for mode in ("outbox", "naive"):
                    results.append(child(args, mode, "smtp", min(args.smtp_size, size), port))
    finally:
        sink.kill()
    print(f"{'väg':<8} {'backend':<6} {'mottagare':>10} {'sekunder':>9} {'medd/s':>9} "
          f"{'µs/medd':>8} {'topp-MB':>8}")  # fmt: skip
    for row in results:
        print(
            f"{row['mode']:<8} {row['backend']:<6} {row['size']:>10,} {row['seconds']:>9.2f} "
            f"{row['per_second']:>9.0f} {row['us_per_message']:>8.0f} {row['peak_mb']:>8.0f}"
        )
    for backend in ("test", "smtp"):
        for size in sorted({r["size"] for r in results if r["backend"] == backend}):
            pair = {r["mode"]: r for r in results if r["backend"] == backend and r["size"] == size}
            if len(pair) == 2:
                ratio = pair["outbox"]["per_second"] / pair["naive"]["per_second"]
                print(f"{backend}, {size:,}: outbox/naiv = {ratio:.1f}×")
    outbox = [r for r in results if r["mode"] == "outbox" and r["backend"] == "test"]
    if len(outbox) > 1:
        base = outbox[0]
        print(f"µs per meddelande mot {base['size']:,} (≈1 = linjärt): "
              f"hela vägen / claim-UPDATE / record-UPDATE")  # fmt: skip
        print(f"  {base['size']:>10,}: {base['us_per_message']:.0f} / "
              f"{base['claim_us']:.2f} / {base['record_us']:.2f} µs")  # fmt: skip
        for row in outbox[1:]:
            print(
                f"  {row['size']:>10,}: {row['us_per_message'] / base['us_per_message']:.2f}× / "
                f"{row['claim_us'] / base['claim_us']:.2f}× / "
                f"{row['record_us'] / base['record_us']:.2f}×"
                f"  ({row['claim_us']:.2f} / {row['record_us']:.2f} µs)"
            )


if __name__ == "__main__":
    main()
