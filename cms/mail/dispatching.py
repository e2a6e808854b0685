"""Fan-out: which dispatches an item gets, when each may start, and their state changes.

Dispatch rows are created in the publishing transaction (``plan_dispatches``), so a
published item always has its outbox entries. Whether a dispatch may start is read
at processing time from the item and the one audience filter, so a release plan
changed after publication is honoured: an external dispatch starts only once the
item is in ``ArticlePage.objects.public()``.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from cms.snippets.models.audiences import EXTERNAL_CODES, AudienceCode

from .models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Dispatch,
    DispatchState,
    ReleaseKind,
    Suppression,
)
from .recipients import recipients_for
from .sources import source_for

logger = logging.getLogger(__name__)

#: Rows written per batch of INSERTs when a dispatch starts.
BULK_CREATE_CHUNK = 5000


class NotDue(Exception):
    """A dispatch cannot start yet; ``retry_at`` says when to look again (None: the sweep)."""

    def __init__(self, retry_at: datetime.datetime | None = None):
        super().__init__(retry_at)
        self.retry_at = retry_at


# --- which dispatches an item gets ---------------------------------------------------


def dispatch_channels(page) -> list[tuple[str, str]]:
    """``(channel, release kind)`` pairs of ``page``, in the order they go out.

    Staff hear first (internal release); at the external release the media list comes
    before the subscribers. Override to change who gets what.
    """
    from cms.pages.models import NoticePage, PressReleasePage

    codes = page.get_audience_codes()
    channels = []
    if AudienceCode.STAFF in codes:
        channels.append((Channel.STAFF, ReleaseKind.INTERNAL))
    if codes & EXTERNAL_CODES:
        if isinstance(page, PressReleasePage) or AudienceCode.MEDIA in codes:
            channels.append((Channel.MEDIA, ReleaseKind.EXTERNAL))
        if isinstance(page, (PressReleasePage, NoticePage)) or AudienceCode.RESIDENTS in codes:
            channels.append((Channel.SUBSCRIBERS, ReleaseKind.EXTERNAL))
    return channels


def is_dispatched(page) -> bool:
    """Only items in the default language dispatch; translations ride on them."""
    from django.conf import settings

    return page.locale.language_code == settings.LANGUAGE_CODE


@transaction.atomic
def plan_dispatches(page) -> list[Dispatch]:
    """Create the dispatches ``page`` does not have yet; return the pending ones.

    Re-publishing an item never repeats a dispatch: there is one per item × channel ×
    release, and a finished or cancelled one stays so.
    """
    if not is_dispatched(page):
        return []
    planned: list[Dispatch] = []
    previous_external = None
    for channel, release_kind in dispatch_channels(page):
        dispatch, created = Dispatch.objects.get_or_create(
            page_id=page.pk,
            channel=channel,
            release_kind=release_kind,
            defaults={"title": page.title[:255]},
        )
        if created and release_kind == ReleaseKind.EXTERNAL and previous_external is not None:
            dispatch.waits_for = previous_external
            dispatch.save(update_fields=["waits_for"])
        if release_kind == ReleaseKind.EXTERNAL:
            previous_external = dispatch
        if dispatch.state == DispatchState.PENDING:
            planned.append(dispatch)
    return planned


# --- when a dispatch may start -------------------------------------------------------


def check_due(dispatch: Dispatch, now: datetime.datetime) -> None:
    """Raise ``NotDue`` unless ``dispatch`` may start at ``now``."""
    from cms.pages.models import ArticlePage

    if dispatch.waits_for_id is not None:
        waited = Dispatch.objects.get(pk=dispatch.waits_for_id)
        if waited.state not in (DispatchState.DONE, DispatchState.CANCELLED):
            raise NotDue()  # started again when the dispatch it waits for finishes
    if dispatch.channel == Channel.DIGEST:
        return
    source = source_for(dispatch.channel)
    if source is not None:
        source.check_due(dispatch, now)
        return
    page = ArticlePage.objects.filter(pk=dispatch.page_id).first()
    if page is None:
        raise NotDue()
    if dispatch.release_kind in (ReleaseKind.INTERNAL, ReleaseKind.REMINDER):
        # A reminder is planned only once it is due (cms.mail.reminders).
        items = ArticlePage.objects.released_to_staff(now)
        planned_at = page.internal_release_at
    else:
        items = ArticlePage.objects.public(now)
        planned_at = page.external_release_at
    if not items.filter(pk=page.pk).exists():
        future = planned_at if planned_at and planned_at > now and page.live else None
        raise NotDue(future)


@transaction.atomic
def start_dispatch(dispatch_id: int, now: datetime.datetime | None = None) -> Dispatch | None:
    """Start a pending dispatch: write all its deliveries in bulk and mark it running.

    Returns the dispatch when it is (now) running, None when it is not due, held,
    cancelled or done. Suppressed addresses get a delivery with status "skipped", so
    nobody is left out without a trace.
    """
    now = now or timezone.now()
    dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
    if dispatch is None:
        return None
    if dispatch.state == DispatchState.RUNNING:
        return dispatch
    if dispatch.state != DispatchState.PENDING:
        return None
    check_due(dispatch, now)
    suppressed = set(Suppression.objects.values_list("email", flat=True))
    chunk: list[tuple] = []
    for recipient in recipients_for(dispatch, now):
        is_suppressed = recipient.email in suppressed
        chunk.append(
            (
                dispatch.pk,
                recipient.email,
                recipient.language,
                recipient.subscriber_id,
                recipient.user_id,
                DeliveryStatus.SKIPPED if is_suppressed else DeliveryStatus.PENDING,
                "suppressed" if is_suppressed else "",
            )
        )
        if len(chunk) >= BULK_CREATE_CHUNK:
            insert_deliveries(chunk)
            chunk = []
    if chunk:
        insert_deliveries(chunk)
    dispatch.state = DispatchState.RUNNING
    dispatch.started_at = now
    dispatch.save(update_fields=["state", "started_at"])
    logger.info("Dispatch %s started with %s deliveries", dispatch.pk, dispatch.deliveries.count())
    return dispatch


def insert_deliveries(rows: list[tuple]) -> None:
    """Write deliveries fast: one multi-row INSERT per chunk, no model instances.

    ``rows`` are ``(dispatch, email, language, subscriber, user, status, error)``; a
    recipient already present (the unique constraint) is left as it is.
    """
    from django.db import connection

    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = (
        "dispatch_id, email, language, subscriber_id, user_id, status, error, "
        "attempts, claim_token, esp_message_id, last_event"
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, 0, '', '', '') "  # noqa: S608 – fixed names
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def finish_if_complete(dispatch_id: int, now: datetime.datetime | None = None) -> bool:
    """Mark a running dispatch done when no delivery is pending or in flight."""
    now = now or timezone.now()
    open_statuses = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
    if Delivery.objects.filter(dispatch_id=dispatch_id, status__in=open_statuses).exists():
        return False
    with transaction.atomic():
        finished = Dispatch.objects.filter(pk=dispatch_id, state=DispatchState.RUNNING).update(
            state=DispatchState.DONE, finished_at=now
        )
    if finished:
        from .tasks import enqueue_dispatch

        for waiting in Dispatch.objects.filter(
            waits_for_id=dispatch_id, state=DispatchState.PENDING
        ):
            transaction.on_commit(lambda pk=waiting.pk: enqueue_dispatch(pk))
    return bool(finished)


# --- communicators' controls ---------------------------------------------------------


def _change_state(dispatch_id, allowed, new_state, user):
    with transaction.atomic():
        changed = Dispatch.objects.filter(pk=dispatch_id, state__in=allowed).update(
            state=new_state, state_changed_by=user
        )
    return bool(changed)


def hold_dispatch(dispatch_id: int, user=None) -> bool:
    """Hold a dispatch that has not started; True when it was held."""
    return _change_state(dispatch_id, [DispatchState.PENDING], DispatchState.HELD, user)


def resume_dispatch(dispatch_id: int, user=None) -> bool:
    """Release a held dispatch; it starts when it is due."""
    resumed = _change_state(dispatch_id, [DispatchState.HELD], DispatchState.PENDING, user)
    if resumed:
        from .tasks import enqueue_dispatch

        transaction.on_commit(lambda: enqueue_dispatch(dispatch_id))
    return resumed


def cancel_dispatch(dispatch_id: int, user=None) -> bool:
    """Cancel a dispatch that has not started; True when it was cancelled."""
    cancelled = _change_state(
        dispatch_id, [DispatchState.PENDING, DispatchState.HELD], DispatchState.CANCELLED, user
    )
    if cancelled:
        from .tasks import enqueue_dispatch

        for waiting in Dispatch.objects.filter(
            waits_for_id=dispatch_id, state=DispatchState.PENDING
        ):
            transaction.on_commit(lambda pk=waiting.pk: enqueue_dispatch(pk))
    return cancelled


def resend_failed(dispatch_id: int, user=None) -> int:
    """A new round of attempts for the failed recipients of a dispatch; how many.

    Only failed deliveries go back to pending, never one whose hand-off was recorded,
    nor an address suppressed meanwhile (a 5.1.1, a complaint).
    """
    from django.db.models import Subquery

    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
        if dispatch is None or dispatch.state not in (DispatchState.RUNNING, DispatchState.DONE):
            return 0
        count = (
            Delivery.objects.filter(
                dispatch_id=dispatch_id, status=DeliveryStatus.FAILED, sent_at__isnull=True
            )
            .exclude(email__in=Subquery(Suppression.objects.values("email")))
            .update(
                status=DeliveryStatus.PENDING,
                attempts=0,
                next_attempt_at=None,
                claim_token="",
                lease_until=None,
            )
        )
        if not count:
            return 0
        dispatch.state = DispatchState.RUNNING
        dispatch.finished_at = None
        dispatch.state_changed_by = user
        dispatch.save(update_fields=["state", "finished_at", "state_changed_by"])
        logger.info("Dispatch %s: %s failed recipients are tried again", dispatch_id, count)
        from .tasks import send_dispatch

        transaction.on_commit(lambda: send_dispatch.enqueue(dispatch_id))
    return count
