"""Background work of the e-mail channel (django-tasks; ``manage.py db_worker`` runs it).

``process_dispatch`` starts a dispatch when it is due and sends it; extra
``send_dispatch`` tasks let several workers share a large one. ``mail_sweep`` is the
safety net: it queues its own next run first (so a killed worker cannot break the
chain), puts abandoned claims back, starts what became due and re-queues running
dispatches that no task is working on. Every task is idempotent.
"""

from __future__ import annotations

import datetime
import logging
import time

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from cms.core import periodic

from . import conf
from .dispatching import NotDue, finish_if_complete, start_dispatch
from .models import Delivery, DeliveryStatus, Dispatch, DispatchState
from .sending import next_lease_end, next_retry_at, recover_abandoned, send_available

logger = logging.getLogger(__name__)


def _enqueue(task_obj, *args, at: datetime.datetime | None = None):
    if at is not None and at > timezone.now():
        if not periodic.can_defer():
            return None  # the sweep looks again
        return task_obj.using(run_after=at).enqueue(*args)
    return task_obj.enqueue(*args)


def enqueue_dispatch(dispatch_id: int, at: datetime.datetime | None = None):
    """Queue the processing of a dispatch (now, or at ``at``)."""
    if periodic.is_queued(process_dispatch, dispatch_id):
        return None
    return _enqueue(process_dispatch, dispatch_id, at=at)


def _after_sending(dispatch_id: int):
    """Finish the dispatch, or queue its next retry (or a look at claims in flight)."""
    if finish_if_complete(dispatch_id):
        return
    retry_at = next_retry_at(dispatch_id)
    lease_end = next_lease_end(dispatch_id)
    if lease_end is not None:
        # Another worker's batch is in flight: if that worker is dead, its batch is
        # taken over when the lease ends, not at the next sweep.
        retry_at = min(retry_at, lease_end) if retry_at else lease_end
    if retry_at is not None and not periodic.is_queued(send_dispatch, dispatch_id, by=retry_at):
        _enqueue(send_dispatch, dispatch_id, at=retry_at)


@task()
def process_dispatch(dispatch_id: int) -> int:
    """Start the dispatch if it is due, then send it; returns messages handed off."""
    try:
        dispatch = start_dispatch(dispatch_id)
    except NotDue as not_due:
        if not_due.retry_at is not None:
            _enqueue(process_dispatch, dispatch_id, at=not_due.retry_at)
        return 0
    if dispatch is None:
        return 0
    if periodic.can_defer():
        for _index in range(max(conf.get("ENKANAL_MAIL_PARALLEL_TASKS") - 1, 0)):
            send_dispatch.enqueue(dispatch_id)
    sent = send_available(dispatch_id)
    _after_sending(dispatch_id)
    return sent


@task()
def send_dispatch(dispatch_id: int) -> int:
    """Send what is due of a running dispatch; returns messages handed off."""
    sent = send_available(dispatch_id)
    _after_sending(dispatch_id)
    return sent


def run_outbox(now: datetime.datetime | None = None) -> dict[str, int]:
    """Everything the sweep does, once; safe to run any number of times."""
    from .digest import plan_digest
    from .reminders import plan_must_read_reminders

    now = now or timezone.now()
    recovered = recover_abandoned(now)
    purge_unconfirmed(now)
    planned = plan_digest(now)
    reminders = plan_must_read_reminders(now)
    started = 0
    # Without a deferring queue (tests, ImmediateBackend) the sweep does the work itself;
    # a second round starts dispatches that waited for one finished in the first.
    for _round in range(1 if periodic.can_defer() else 3):
        started_now = _start_pending(now)
        _send_running(now)
        started += started_now
        if not started_now:
            break
    return {
        "recovered": recovered,
        "started": started,
        "digests": planned,
        "must_read_reminders": reminders,
    }


def purge_unconfirmed(now: datetime.datetime) -> int:
    """Delete sign-ups never confirmed within the link's lifetime (as the e-mail promises)."""
    from .models import Subscriber

    cutoff = now - datetime.timedelta(seconds=conf.get("ENKANAL_MAIL_CONFIRM_MAX_AGE"))
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    deleted, _details = stale.delete()
    return deleted


def _start_pending(now) -> int:
    started = 0
    for dispatch_id in Dispatch.objects.filter(state=DispatchState.PENDING).values_list(
        "pk", flat=True
    ):
        if periodic.can_defer():
            enqueue_dispatch(dispatch_id)
            continue
        try:
            if start_dispatch(dispatch_id, now):
                started += 1
        except NotDue:
            continue
    return started


def _send_running(now, parallel: int = 1):
    """Queue sending for every running dispatch with something due (``parallel`` runs)."""
    running = Dispatch.objects.filter(state=DispatchState.RUNNING).values_list("pk", "resume_at")
    for dispatch_id, resume_at in running:
        pending = Delivery.objects.filter(dispatch_id=dispatch_id, status=DeliveryStatus.PENDING)
        # A paused dispatch (the provider did not answer) is tried again at resume_at.
        has_due = (resume_at is None or resume_at <= now) and pending.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        ).exists()
        if has_due:
            if not periodic.can_defer():
                send_available(dispatch_id)
            else:
                # Only runs due now count: a retry queued for later must not hold it up.
                waiting = periodic.queued(send_dispatch, dispatch_id, by=now)
                for _index in range(parallel - waiting):
                    send_dispatch.enqueue(dispatch_id)
        finish_if_complete(dispatch_id, now)


def resume_unfinished() -> dict[str, int]:
    """At a worker's start: take over dead claims and queue the running dispatches."""
    now = timezone.now()
    recovered = recover_abandoned(now)
    # As many runs as a starting dispatch gets: the workers that died were sending in
    # parallel, and the restarted ones should too.
    _send_running(now, parallel=max(conf.get("ENKANAL_MAIL_PARALLEL_TASKS"), 1))
    for dispatch_id in Dispatch.objects.filter(state=DispatchState.RUNNING).values_list(
        "pk", flat=True
    ):
        _after_sending(dispatch_id)
    return {"recovered": recovered}


def resume_unfinished_at_worker_start():
    """Run ``resume_unfinished`` in the background once the worker process is up."""
    import threading

    from django.db import connection

    def run():
        from django.apps import apps

        # ready() of this app runs while other apps are still loading; querying then
        # fails (or warns), and the dispatch would wait for the sweep, a minute later.
        deadline = time.monotonic() + 60
        while not apps.ready and time.monotonic() < deadline:
            time.sleep(0.05)
        try:
            result = resume_unfinished()
            logger.info("E-mail outbox at worker start: %s", result)
        except Exception:  # the sweep covers it
            logger.warning("Resuming unfinished dispatches at start failed", exc_info=True)
        finally:
            connection.close()

    threading.Thread(target=run, name="mail-resume", daemon=True).start()


@task()
def mail_sweep() -> dict[str, int]:
    """The safety net; queues its next run before doing anything else."""
    ensure_mail_sweep(delay=conf.get("ENKANAL_MAIL_SWEEP_INTERVAL"))
    return run_outbox()


def ensure_mail_sweep(delay: int = 0) -> bool:
    """Queue a sweep unless one is waiting already; True when one was queued."""
    return periodic.ensure_queued(mail_sweep, delay)


@task()
def send_confirmation(subscriber_id: int) -> bool:
    """E-mail the double opt-in link (or, to a confirmed subscriber, their preferences)."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext as _

    from .consent import consent_text, current_version
    from .messages import site_context
    from .models import Subscriber
    from .tokens import confirm_url, preferences_url

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    with translation.override(subscriber.language):
        context = {
            **site_context(subscriber.language),
            "consent_version": current_version(),
            "consent_text": consent_text(),
        }
        if subscriber.is_active:
            context["already"] = True
            context["confirm_url"] = preferences_url(subscriber)
            subject = _("You are already subscribed – here are your choices")
        else:
            context["confirm_url"] = confirm_url(subscriber)
            subject = _("Confirm your subscription")
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("mail/confirm.txt", context),
            to=[subscriber.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(render_to_string("mail/confirm.html", context), "text/html")
        message.send()
    return True
