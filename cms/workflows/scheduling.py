"""Timed work without cron lag: go-live, external release, expiry, notice archiving.

Each timed event queues a background task with ``run_after`` set to its time, so the
worker (``manage.py db_worker``) runs it within seconds. A sweep task re-queues
itself every ``ENKANAL_SCHEDULER_INTERVAL`` seconds as a safety net: it does the same
idempotent work, so an event whose task was lost (a crash, a restored database) still
happens within a minute. ``manage.py enkanal_scheduler`` starts the sweep once; starting
it again is harmless.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from cms.core import periodic
from cms.workflows import signals
from cms.workflows.models import ReleaseEvent, ReleaseEventKind

logger = logging.getLogger(__name__)


def queue_at(task_obj, at: datetime.datetime, *args):
    """Queue ``task_obj`` to run at ``at`` when the backend can defer; else rely on the sweep."""
    if not periodic.can_defer():
        return None
    return task_obj.using(run_after=max(at, timezone.now())).enqueue(*args)


# --- the work ------------------------------------------------------------------------


def publish_due_revisions(now):
    """Publish revisions whose approved go-live time has come (as Wagtail's publish_scheduled)."""
    from wagtail.models import Revision

    from cms.workflows.guard import PublishRefused
    from cms.workflows.release import release_time

    count = 0
    due = Revision.objects.filter(approved_go_live_at__lte=now).order_by("approved_go_live_at")
    for revision in due:
        go_live_at = revision.approved_go_live_at
        try:
            with transaction.atomic(), release_time(at=go_live_at):
                revision.publish(log_action="wagtail.publish.scheduled")
            count += 1
        except PublishRefused as refused:
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            log(
                instance=revision.as_object(),
                action="enkanal.publish_refused",
                data={"reason": refused.message, "go_live_at": go_live_at.isoformat()},
                revision=revision,
            )
    return count


def expire_due_pages(now):
    """Unpublish live items whose expiry time has passed."""
    from wagtail.models import Page

    from cms.workflows.notices import NoticeProtected

    count = 0
    for page in Page.objects.live().filter(expire_at__lte=now).specific():
        try:
            with transaction.atomic():
                page.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            count += 1
        except NoticeProtected:
            logger.warning("Notice %s expires before its earliest removal date", page.pk)
    return count


def _claim(event_qs, now):
    """Mark due, undone events as done; return the ones this process claimed."""
    claimed = []
    for event in event_qs.filter(done_at__isnull=True, due_at__lte=now).select_related("page"):
        if ReleaseEvent.objects.filter(pk=event.pk, done_at__isnull=True).update(done_at=now):
            claimed.append(event)
    return claimed


def fire_external_releases(now):
    """Log and announce items that reached their external release."""
    from cms.pages.models import ArticlePage

    count = 0
    events = ReleaseEvent.objects.filter(kind=ReleaseEventKind.EXTERNAL_RELEASE)
    for event in _claim(events, now):
        page = ArticlePage.objects.filter(pk=event.page_id).first()
        if page is None or not page.live or page.external_release_at != event.due_at:
            continue  # unpublished, or re-planned since
        page = page.specific
        log(
            instance=page,
            action="enkanal.released_externally",
            data={"external_release_at": event.due_at.isoformat()},
        )
        signals.released_externally.send(sender=type(page), instance=page)
        count += 1
    return count


def archive_due_notices(now):
    """Move notices past their removal date off the current board (once each)."""
    from cms.pages.models import NoticePage

    today = timezone.localdate(now)
    for notice in NoticePage.objects.live().filter(earliest_removal_date__lt=today):
        schedule_notice_archive(notice, queue=False)
    count = 0
    events = ReleaseEvent.objects.filter(kind=ReleaseEventKind.NOTICE_ARCHIVED)
    for event in _claim(events, now):
        notice = NoticePage.objects.filter(pk=event.page_id).first()
        if notice is None or not notice.live or notice.is_current:
            continue
        log(
            instance=notice,
            action="enkanal.notice_archived",
            data={"earliest_removal_date": notice.earliest_removal_date.isoformat()},
        )
        signals.notice_archived.send(sender=type(notice), instance=notice)
        count += 1
    return count


def run_due(now=None) -> dict[str, int]:
    """Do everything that is due at ``now``; safe to run any number of times."""
    now = now or timezone.now()
    return {
        "published": publish_due_revisions(now),
        "expired": expire_due_pages(now),
        "released": fire_external_releases(now),
        "archived": archive_due_notices(now),
    }


# --- planning events -----------------------------------------------------------------


def schedule_external_release(page, at):
    """Record the external release of ``page`` at ``at`` and queue its task."""
    ReleaseEvent.objects.get_or_create(
        page_id=page.pk, kind=ReleaseEventKind.EXTERNAL_RELEASE, due_at=at
    )
    transaction.on_commit(lambda: queue_at(run_due_work, at))


def notice_archive_time(notice) -> datetime.datetime:
    """The first moment after the notice's removal date (local midnight)."""
    day = notice.earliest_removal_date + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def schedule_notice_archive(notice, queue=True):
    """Record when a notice moves to the archive and queue its task."""
    at = notice_archive_time(notice)
    ReleaseEvent.objects.get_or_create(
        page_id=notice.pk, kind=ReleaseEventKind.NOTICE_ARCHIVED, due_at=at
    )
    if queue:
        transaction.on_commit(lambda: queue_at(run_due_work, at))


def schedule_go_live(revision):
    """Queue the scheduled publication of ``revision`` at its approved go-live time."""
    at = revision.approved_go_live_at
    if at is not None:
        transaction.on_commit(lambda: queue_at(run_due_work, at))


def schedule_expiry(page):
    """Queue the expiry of ``page`` at its expiry time."""
    if page.expire_at is not None:
        at = page.expire_at
        transaction.on_commit(lambda: queue_at(run_due_work, at))


# --- tasks ---------------------------------------------------------------------------


@task()
def run_due_work():
    """Run everything that is due now (queued for each timed event)."""
    return run_due()


@task()
def scheduler_sweep():
    """The safety net: run what is due, then queue the next sweep."""
    result = run_due()
    ensure_sweep(delay=settings.ENKANAL_SCHEDULER_INTERVAL)
    return result


def ensure_sweep(delay: int = 0):
    """Queue a sweep unless one is already waiting; returns True when it queued one."""
    return periodic.ensure_queued(scheduler_sweep, delay)
