"""Killing a worker in the middle of a dispatch loses no recipient (DESIGN.md §6.5).

Real worker processes (``manage.py db_worker``) on PostgreSQL send a dispatch through
Django's SMTP backend to a local aiosmtpd server. They are killed with SIGKILL at random
moments several times and started again. Afterwards every recipient has the message;
anyone who has it twice was in a batch in flight at a kill, and both copies carry the
same Message-ID.
"""

import datetime
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from cms.mail.models import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState, Subscriber
from cms.pages.models import ArticlePage

BASE_DIR = Path(__file__).resolve().parents[2]
RECIPIENTS = 400
#: Messages per second and worker: slow enough that the kills land mid-dispatch.
RATE_LIMIT = "40"
KILLS = 5
WORKERS = 2

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs PostgreSQL (DATABASE_URL=postgres://...)",
    ),
]


def start_workers(port: int, count: int = WORKERS, **extra_env) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.mail.worker_settings",
        "ENKANAL_TEST_SMTP_PORT": str(port),
        "ENKANAL_TEST_DATABASE_NAME": connection.settings_dict["NAME"],
        "ENKANAL_MAIL_RATE_LIMIT": RATE_LIMIT,
        **extra_env,
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-startup-delay",
        "--interval",
        "0.2",
        "--no-reload",
        "--verbosity",
        "0",
    ]
    return [
        subprocess.Popen(  # noqa: S603 – a fixed command line
            [*command, "--worker-id", f"kill-test-{index}-{time.monotonic_ns()}"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for index in range(count)
    ]


def kill(workers):
    for worker in workers:
        worker.send_signal(signal.SIGKILL)
    for worker in workers:
        worker.wait(timeout=30)


def run_until_done(dispatch, workers, deadline):
    """Let ``workers`` run until the dispatch is done or ``deadline``; then kill them."""
    try:
        while time.monotonic() < deadline:
            dispatch.refresh_from_db()
            if dispatch.state == DispatchState.DONE:
                return
            time.sleep(0.2)
    finally:
        kill(workers)


def handled(dispatch) -> int:
    """Deliveries claimed or recorded so far."""
    return dispatch.deliveries.exclude(status=DeliveryStatus.PENDING).count()


def wait_for_progress(dispatch, deadline):
    """Return once the workers have claimed something new (or the dispatch is done)."""
    before = handled(dispatch)
    while time.monotonic() < deadline:
        dispatch.refresh_from_db()
        if dispatch.state == DispatchState.DONE or handled(dispatch) > before:
            return
        time.sleep(0.05)


def in_flight(dispatch) -> set[int]:
    """Deliveries claimed but not recorded: the hand-offs in flight when the workers died."""
    return set(
        Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.SENDING).values_list(
            "pk", flat=True
        )
    )


def test_killing_workers_loses_no_recipient(publish, smtp_sink, settings):
    sink, port = smtp_sink
    page = publish("news", audience_codes=("residents",))
    Subscriber.objects.bulk_create(
        Subscriber(email=f"mottagare{n}@example.org", confirmed_at=timezone.now())
        for n in range(RECIPIENTS)
    )
    released = timezone.now() - datetime.timedelta(minutes=1)
    ArticlePage.objects.filter(pk=page.pk).update(external_release_at=released)
    dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
    assert dispatch.state == DispatchState.PENDING

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from cms.mail.tasks import enqueue_dispatch, ensure_mail_sweep

    ensure_mail_sweep()
    enqueue_dispatch(dispatch.pk)

    rng = random.Random(os.environ.get("ENKANAL_KILL_SEED"))
    at_kills: set[int] = set()
    progress: list[tuple[int, int]] = []
    kills = 0
    deadline = time.monotonic() + 400
    while kills < KILLS and time.monotonic() < deadline:
        workers = start_workers(port)
        wait_for_progress(dispatch, deadline)  # starting a worker takes seconds
        time.sleep(rng.uniform(0.0, 1.5))
        kill(workers)
        kills += 1
        at_kills |= in_flight(dispatch)
        progress.append(
            (len(in_flight(dispatch)), dispatch.deliveries.filter(status="sent").count())
        )
        dispatch.refresh_from_db()
        if dispatch.state == DispatchState.DONE:
            break

    run_until_done(dispatch, start_workers(port), deadline)

    assert dispatch.state == DispatchState.DONE, (
        "the dispatch did not finish in time",
        dict(Counter(dispatch.deliveries.values_list("status", flat=True))),
        dispatch.pause_error,
        progress,
    )
    assert kills >= 3, "the workers finished before they could be killed often enough"
    deliveries = {d.email: d for d in Delivery.objects.filter(dispatch=dispatch)}
    assert len(deliveries) == RECIPIENTS
    assert {d.status for d in deliveries.values()} == {DeliveryStatus.SENT}

    copies: dict[str, list[str]] = defaultdict(list)
    for recipient, message_id in sink.received:
        copies[recipient].append(message_id)
    missing = set(deliveries) - set(copies)
    assert not missing, f"{len(missing)} recipients got nothing"
    for email, message_ids in copies.items():
        delivery = deliveries[email]
        assert set(message_ids) == {delivery.message_id}, email
        if len(message_ids) > 1:
            assert delivery.pk in at_kills, f"{email} got {len(message_ids)} copies"
    duplicates = sum(len(ids) - 1 for ids in copies.values())
    print(f"\nin flight / sent after each kill: {progress}")
    print(f"{kills} kills, {len(at_kills)} deliveries in flight at a kill, {duplicates} repeats")


def test_a_starting_worker_resumes_a_running_dispatch_without_the_sweep(publish, smtp_sink):
    """Workers died with a dispatch running and nothing queued: the next one to start sends it.

    The sweep is an hour away here, so only the worker's own start-up can resume it.
    """
    from cms.mail.dispatching import start_dispatch

    sink, port = smtp_sink
    page = publish("news", audience_codes=("residents",))
    Subscriber.objects.bulk_create(
        Subscriber(email=f"uppstart{n}@example.org", confirmed_at=timezone.now()) for n in range(30)
    )
    page.refresh_from_db()
    dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
    start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
    workers = start_workers(port, count=1, ENKANAL_MAIL_SWEEP_INTERVAL="3600")
    run_until_done(dispatch, workers, time.monotonic() + 60)
    assert dispatch.state == DispatchState.DONE, "the starting worker did not resume the dispatch"
    assert len({recipient for recipient, _message_id in sink.received}) == 30
