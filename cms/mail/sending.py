"""The hand-off: claim a small batch, hand it to the e-mail backend, record the result.

The window in which a recipient can get a message twice is the one hand-off in flight:
a batch is claimed ("sending") and committed before the hand-off, and recorded ("sent")
right after it. A worker that dies in between leaves its batch "sending"; once the
claim times out, ``recover_abandoned`` puts it back to pending and it is handed off
again with the same Message-IDs. A delivery recorded as sent is never handed off again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import logging
import threading
import time
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from . import conf, faults, tokens
from .faults import Outcome
from .messages import (
    MERGE_FIELDS,
    Rendered,
    build_message,
    list_headers,
    render_digest,
    render_item,
)
from .models import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState
from .sources import source_for

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class HandOffResult:
    """What became of each delivery of a batch (by primary key)."""

    sent: dict[int, str] = dataclasses.field(default_factory=dict)  # pk → provider's id
    failed: dict[int, str] = dataclasses.field(default_factory=dict)  # permanent
    retry: dict[int, str] = dataclasses.field(default_factory=dict)  # transient
    skipped: dict[int, str] = dataclasses.field(default_factory=dict)
    # The address does not exist (5.1.1): failed, and suppressed as bounced.
    bounced: dict[int, tuple[str, str]] = dataclasses.field(default_factory=dict)
    # Not handed off because the provider does not answer: back to pending, the
    # attempt not counted; ``channel_error`` pauses the dispatch.
    released: dict[int, str] = dataclasses.field(default_factory=dict)
    # The claims the released deliveries were handed off under (one per batch).
    released_tokens: set[str] = dataclasses.field(default_factory=set)
    channel_error: str = ""

    def add(self, outcome: Outcome, delivery, detail: str):
        """File ``delivery`` under ``outcome`` (retry, failed or bounced)."""
        if outcome == Outcome.BOUNCED:
            self.bounced[delivery.pk] = (delivery.email, detail)
        elif outcome == Outcome.FAILED:
            self.failed[delivery.pk] = detail
        else:
            self.retry[delivery.pk] = detail

    def release(self, deliveries, detail: str):
        """The channel failed before ``deliveries`` were handed off."""
        for delivery in deliveries:
            self.released[delivery.pk] = detail
            self.released_tokens.add(delivery.claim_token)
        self.channel_error = detail


class RateLimiter:
    """Keeps one process under ``rate`` messages per second (0: no limit)."""

    def __init__(self, rate: float):
        self.rate = rate
        self.started = time.monotonic()
        self.count = 0

    def wait(self, messages: int):
        """Sleep as long as the messages handed off so far need, then count ``messages``.

        The first batch goes at once: a worker that starts (or resumes after a crash)
        does not sit out a whole batch's worth of the rate before sending anything.
        """
        if self.rate <= 0:
            return
        ahead = self.count / self.rate - (time.monotonic() - self.started)
        if ahead > 0:
            time.sleep(ahead)
        self.count += messages


def use_batch_send(connection) -> bool:
    """Anymail batch sending (merge data) when the backend is an Anymail backend."""
    setting = str(conf.get("ENKANAL_MAIL_BATCH_SEND")).lower()
    if setting in ("on", "true", "1"):
        return True
    if setting in ("off", "false", "0"):
        return False
    from anymail.backends.base import AnymailBaseBackend

    return isinstance(connection, AnymailBaseBackend)


def backoff(attempts: int) -> datetime.timedelta:
    """Delay before the next attempt: doubling from the base delay, capped."""
    base = conf.get("ENKANAL_MAIL_RETRY_BASE_DELAY")
    delay = min(base * (2 ** max(attempts - 1, 0)), conf.get("ENKANAL_MAIL_RETRY_MAX_DELAY"))
    return datetime.timedelta(seconds=delay)


# --- claim ---------------------------------------------------------------------------


def claim_lease() -> datetime.timedelta:
    """How long a claim lives without renewal (the keeper renews it three times as often)."""
    return datetime.timedelta(seconds=conf.get("ENKANAL_MAIL_CLAIM_LEASE"))


def claim(dispatch_id: int, size: int, now: datetime.datetime | None = None) -> list[Delivery]:
    """Claim up to ``size`` due pending deliveries of a dispatch for this process.

    On PostgreSQL the rows are locked with ``FOR UPDATE SKIP LOCKED``, so concurrent
    workers claim disjoint batches; on SQLite the database's single writer does it.
    The claim is committed before anything is handed off, with a short lease that a
    ``LeaseKeeper`` renews while the batch is in flight.
    """
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        due = (
            Delivery.objects.filter(dispatch_id=dispatch_id, status=DeliveryStatus.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:size]
        )
        ids = list(due)
        if not ids:
            return []
        # By id alone: the rows are this transaction's (locked FOR UPDATE on PostgreSQL,
        # the single writer of an IMMEDIATE transaction on SQLite), so they are still
        # pending, and a status test here would invite the planner onto the claim index.
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.SENDING,
            claimed_at=now,
            lease_until=now + claim_lease(),
            claim_token=token,
            attempts=F("attempts") + 1,
        )
    return list(Delivery.objects.filter(pk__in=ids, claim_token=token).order_by("pk"))


def recover_abandoned(now: datetime.datetime | None = None) -> int:
    """Put deliveries whose claim's lease ran out (their worker died) back to pending.

    A live worker renews its lease while its batch is in flight, so only dead claims
    are taken over. Claims from before leases existed time out after
    ``ENKANAL_MAIL_CLAIM_TIMEOUT``.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=conf.get("ENKANAL_MAIL_CLAIM_TIMEOUT"))
    with transaction.atomic():
        return (
            Delivery.objects.filter(status=DeliveryStatus.SENDING)
            .filter(Q(lease_until__lt=now) | Q(lease_until__isnull=True, claimed_at__lt=cutoff))
            .update(
                status=DeliveryStatus.PENDING,
                claim_token="",
                lease_until=None,
                next_attempt_at=None,
            )
        )


class LeaseKeeper:
    """Renews a batch's claim while it is in flight (a heartbeat in its own thread).

    The lease can then be short: a worker that dies stops renewing, and its batch is
    taken over once the lease runs out; a slow but live batch keeps its claim. Inside
    a transaction (tests) the claim is not visible to another connection, so nothing
    is renewed there.
    """

    def __init__(self, deliveries):
        self.ids = [delivery.pk for delivery in deliveries]
        self.token = deliveries[0].claim_token if deliveries else ""
        self.stopped = threading.Event()
        self.thread = None

    def __enter__(self):
        if self.ids and not transaction.get_connection().in_atomic_block:
            self.thread = threading.Thread(target=self.run, name="mail-lease", daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        if self.thread is not None:
            self.thread.join()

    def renew(self) -> int:
        """Extend the lease of this batch's claim; the number of deliveries still claimed."""
        return Delivery.objects.filter(
            pk__in=self.ids, claim_token=self.token, status=DeliveryStatus.SENDING
        ).update(lease_until=timezone.now() + claim_lease())

    def run(self):
        from django.db import connection

        interval = claim_lease().total_seconds() / 3
        try:
            while not self.stopped.wait(interval):
                try:
                    self.renew()
                except Exception:  # a lost database connection: try again next beat
                    logger.warning("Renewing an e-mail claim failed", exc_info=True)
                    connection.close()
        finally:
            connection.close()


# --- hand off ------------------------------------------------------------------------


class Renderer:
    """Renders a dispatch once per language (per language and topics for digests)."""

    def __init__(self, dispatch: Dispatch):
        self.dispatch = dispatch
        self.links = tokens.LinkBuilder()
        self.cache: dict = {}
        self.topics: dict[int, frozenset[int]] = {}

    def prepare(self, deliveries):
        """Load what rendering ``deliveries`` needs in one query (digest topics)."""
        if self.dispatch.channel != Channel.DIGEST:
            return
        from .models import Subscriber

        ids = {d.subscriber_id for d in deliveries if d.subscriber_id not in self.topics}
        through = Subscriber.topics.through
        found: dict[int, set[int]] = defaultdict(set)
        for subscriber_id, topic_id in through.objects.filter(subscriber_id__in=ids).values_list(
            "subscriber_id", "topic_id"
        ):
            found[subscriber_id].add(topic_id)
        for subscriber_id in ids:
            self.topics[subscriber_id] = frozenset(found.get(subscriber_id, ()))

    def key(self, delivery) -> tuple:
        if self.dispatch.channel == Channel.DIGEST:
            return (delivery.language, self.topics.get(delivery.subscriber_id, frozenset()))
        # Only subscribers have preferences to link to (not staff or media contacts).
        return (delivery.language, delivery.subscriber_id is not None)

    def render(self, delivery) -> Rendered | None:
        """The message for ``delivery`` before merging, or None when there is nothing."""
        key = self.key(delivery)
        if key not in self.cache:
            source = source_for(self.dispatch.channel)
            if source is not None:
                self.cache[key] = source.render(self.dispatch, key[0])
            elif self.dispatch.channel == Channel.DIGEST:
                self.cache[key] = render_digest(self.dispatch, key[0], key[1])
            else:
                self.cache[key] = render_item(self.dispatch, key[0], preferences=key[1])
        return self.cache[key]


def merge_values(delivery, links: tokens.LinkBuilder, secrets: dict[int, str]) -> dict[str, str]:
    """The per-recipient links of ``delivery``."""
    from .models import Subscriber

    values = {"unsubscribe_url": links.unsubscribe_url(delivery.pk)}
    secret = secrets.get(delivery.subscriber_id) if delivery.subscriber_id else None
    if secret:
        values["preferences_url"] = links.preferences_url(
            Subscriber(pk=delivery.subscriber_id, secret=secret)
        )
    return values


def load_secrets(deliveries) -> dict[int, str]:
    """The link secrets of the deliveries' subscribers, in one query."""
    from .models import Subscriber

    ids = [d.subscriber_id for d in deliveries if d.subscriber_id]
    if not ids:
        return {}
    return dict(Subscriber.objects.filter(pk__in=ids).values_list("pk", "secret"))


def hand_off(dispatch, deliveries, connection, renderer: Renderer) -> HandOffResult:
    """Hand ``deliveries`` to the backend; never raises for a recipient's problem."""
    result = HandOffResult()
    renderer.prepare(deliveries)
    merge = functools.partial(merge_values, links=renderer.links, secrets=load_secrets(deliveries))
    groups: dict[tuple, list[Delivery]] = defaultdict(list)
    for delivery in deliveries:
        rendered = renderer.render(delivery)
        if rendered is None:
            result.skipped[delivery.pk] = "nothing to send"
            continue
        groups[renderer.key(delivery)].append(delivery)
    batch = use_batch_send(connection)
    for key, members in groups.items():
        if result.channel_error:
            # The provider stopped answering: the other groups wait for the next try.
            result.release(members, result.channel_error)
            continue
        rendered = renderer.cache[key]
        if batch:
            _hand_off_batch(rendered, members, connection, result, merge)
        else:
            _hand_off_each(rendered, members, connection, result, merge)
    return result


def _hand_off_each(rendered, deliveries, connection, result, merge):
    """One message per recipient over the one open connection."""
    for index, delivery in enumerate(deliveries):
        values = merge(delivery)
        message = build_message(
            rendered.merged(values),
            delivery.email,
            delivery.message_id,
            headers=list_headers(values["unsubscribe_url"]),
            connection=connection,
        )
        try:
            connection.send_messages([message])
        except Exception as error:
            outcome, reconnect = faults.classify(error)
            detail = _describe(error)
            if outcome == Outcome.CHANNEL or (reconnect and not _reopen(connection)):
                # The provider does not answer: the channel's fault, not the recipients'.
                result.release(deliveries[index:], detail)
                return
            # The connection broke during this message but opens again: the message may
            # be what breaks it, so this recipient's attempt counts.
            result.add(Outcome.RETRY if outcome == Outcome.DROPPED else outcome, delivery, detail)
        else:
            result.sent[delivery.pk] = ""


def _hand_off_batch(rendered, deliveries, connection, result, merge):
    """One Anymail batch send: the provider makes one message per recipient."""
    from anymail.exceptions import AnymailRecipientsRefused
    from anymail.message import AnymailMessage

    field_format = conf.get("ENKANAL_MAIL_MERGE_FIELD_FORMAT")
    template = Rendered(rendered.subject, rendered.text, rendered.html).merged(
        {name: field_format.format(name=name) for name in MERGE_FIELDS}
    )
    merge_data, merge_headers, merge_metadata = {}, {}, {}
    for delivery in deliveries:
        values = merge(delivery)
        merge_data[delivery.email] = values
        merge_headers[delivery.email] = {
            "Message-ID": delivery.message_id,
            "List-Unsubscribe": f"<{values['unsubscribe_url']}>",
        }
        merge_metadata[delivery.email] = {"delivery": str(delivery.pk)}
    message = AnymailMessage(
        subject=template.subject,
        body=template.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.email for delivery in deliveries],
        headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        connection=connection,
    )
    message.attach_alternative(template.html, "text/html")
    message.merge_data = merge_data
    message.merge_headers = merge_headers
    message.merge_metadata = merge_metadata
    message.metadata = {"dispatch": str(deliveries[0].dispatch_id)}
    try:
        connection.send_messages([message])
    except AnymailRecipientsRefused as error:
        # Every recipient was refused; their statuses say how.
        _record_statuses(message, deliveries, result, default=Outcome.FAILED, detail=error)
        return
    except Exception as error:
        outcome, _reconnect = faults.classify(error)
        detail = _describe(error)
        if outcome in (Outcome.CHANNEL, Outcome.DROPPED):
            result.release(deliveries, detail)
            return
        for delivery in deliveries:
            result.add(outcome, delivery, detail)
        return
    _record_statuses(message, deliveries, result, default=Outcome.SENT)


def _record_statuses(message, deliveries, result, default, detail=None):
    """Sort a batch by the provider's per-recipient statuses (queued, deferred, ...)."""
    statuses = getattr(getattr(message, "anymail_status", None), "recipients", {}) or {}
    for delivery in deliveries:
        status = statuses.get(delivery.email)
        outcome = faults.recipient_status(status) if status is not None else default
        if outcome == Outcome.SENT:
            message_id = getattr(status, "message_id", "") if status else ""
            result.sent[delivery.pk] = str(message_id or "")[:255]
        else:
            error = status.status if status is not None else _describe(detail)
            result.add(outcome, delivery, f"{error}")


def _describe(error) -> str:
    """The error as shown to communicators; never raises (some errors' ``str()`` can)."""
    try:
        text = str(error)
    except Exception:
        text = " ".join(str(arg) for arg in getattr(error, "args", ()))
    status = getattr(error, "status_code", None)
    prefix = f"{type(error).__name__} {status}" if status else type(error).__name__
    return f"{prefix}: {text}"[:255]


def _reopen(connection) -> bool:
    """Close a broken connection and open it again; False when the provider does not answer."""
    with contextlib.suppress(Exception):
        connection.close()
    try:
        connection.open()
    except Exception:
        logger.info("The e-mail provider does not answer", exc_info=True)
        return False
    return True


_OPEN = (DeliveryStatus.SENDING, DeliveryStatus.PENDING)


# --- record --------------------------------------------------------------------------


def record(result: HandOffResult, now=None):
    """Record a batch's outcome right after its hand-off (one transaction)."""
    now = now or timezone.now()
    max_attempts = conf.get("ENKANAL_MAIL_MAX_ATTEMPTS")
    with transaction.atomic():
        by_esp_id: dict[str, list[int]] = defaultdict(list)
        for pk, esp_id in result.sent.items():
            by_esp_id[esp_id].append(pk)
        for esp_id, pks in by_esp_id.items():
            # Also when the claim timed out meanwhile: a hand-off that happened is
            # recorded, so it is not repeated.
            Delivery.objects.filter(pk__in=pks, status__in=_OPEN).update(
                status=DeliveryStatus.SENT, sent_at=now, esp_message_id=esp_id, error=""
            )
        for pk, error in result.failed.items():
            Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
                status=DeliveryStatus.FAILED, error=error
            )
        _record_bounces(result.bounced, now)
        for pk, error in result.skipped.items():
            Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
                status=DeliveryStatus.SKIPPED, error=error
            )
        if result.released:
            # Never handed off because the channel failed: not the recipients' attempt.
            # Only rows still under this batch's claim: if the lease ran out meanwhile and
            # another worker claimed them, releasing them would let a third send them
            # again. A claimed row is always ``sending`` (pending rows carry no token),
            # and ``status IN (sending, pending)`` keeps the planner on the primary key
            # instead of the small partial index of rows in flight.
            Delivery.objects.filter(
                pk__in=result.released,
                claim_token__in=result.released_tokens - {""},
                status__in=_OPEN,
            ).update(
                status=DeliveryStatus.PENDING,
                attempts=Greatest(F("attempts") - 1, 0),
                claim_token="",
                lease_until=None,
            )
        for pk, error in result.retry.items():
            delivery = Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).first()
            if delivery is None:
                continue
            if delivery.attempts >= max_attempts:
                delivery.status = DeliveryStatus.FAILED
            else:
                delivery.status = DeliveryStatus.PENDING
                delivery.next_attempt_at = now + backoff(delivery.attempts)
            delivery.error = error
            delivery.claim_token = ""
            delivery.lease_until = None
            delivery.save(
                update_fields=["status", "next_attempt_at", "error", "claim_token", "lease_until"]
            )


def _record_bounces(bounced: dict[int, tuple[str, str]], now):
    """A mailbox that does not exist: failed, counted as bounced, and suppressed."""
    from .models import Suppression, SuppressionReason

    for pk, (email, error) in bounced.items():
        Delivery.objects.filter(pk=pk, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.FAILED, error=error, bounced_at=now, last_event="bounced"
        )
        Suppression.objects.get_or_create(
            email=email, defaults={"reason": SuppressionReason.BOUNCED, "detail": error}
        )


# --- the circuit breaker -------------------------------------------------------------


def outage_backoff(outages: int) -> datetime.timedelta:
    """How long sending pauses after ``outages`` failed tries in a row: doubling, capped."""
    base = conf.get("ENKANAL_MAIL_OUTAGE_BASE_DELAY")
    delay = min(base * (2 ** max(outages - 1, 0)), conf.get("ENKANAL_MAIL_OUTAGE_MAX_DELAY"))
    return datetime.timedelta(seconds=delay)


def pause_sending(dispatch_id: int, error: str, now: datetime.datetime | None = None):
    """The provider does not answer: pause the dispatch until a later try (the breaker opens)."""
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().filter(pk=dispatch_id).first()
        if dispatch is None:
            return None
        dispatch.outages += 1
        dispatch.paused_at = dispatch.paused_at or now
        dispatch.resume_at = now + outage_backoff(dispatch.outages)
        dispatch.pause_error = error[:255]
        dispatch.save(update_fields=["outages", "paused_at", "resume_at", "pause_error"])
    logger.warning(
        "Dispatch %s paused: the e-mail provider does not answer (%s); next try at %s",
        dispatch_id,
        error,
        dispatch.resume_at,
    )
    return dispatch.resume_at


def resume_sending(dispatch_id: int) -> bool:
    """The provider answered again: close the breaker; True when the dispatch was paused."""
    return bool(
        Dispatch.objects.filter(pk=dispatch_id, paused_at__isnull=False).update(
            paused_at=None, resume_at=None, outages=0, pause_error=""
        )
    )


# --- the loop ------------------------------------------------------------------------


def send_available(dispatch_id: int, max_batches: int | None = None) -> int:
    """Claim, hand off and record batches of ``dispatch_id`` until none is due.

    A paused dispatch is left alone until its ``resume_at``; then this call is the try
    that finds out whether the provider answers again. Returns the number of deliveries
    handed off by this call.
    """
    dispatch = Dispatch.objects.filter(pk=dispatch_id).select_related("page").first()
    if dispatch is None or dispatch.state != DispatchState.RUNNING:
        return 0
    if dispatch.resume_at is not None and dispatch.resume_at > timezone.now():
        return 0
    paused = dispatch.is_paused
    recover_abandoned()  # a dead worker's batch is taken over as soon as its lease ends
    size = conf.get("ENKANAL_MAIL_BATCH_SIZE")
    limiter = RateLimiter(conf.get("ENKANAL_MAIL_RATE_LIMIT"))
    renderer = Renderer(dispatch)
    handed_off = 0
    batches = 0
    connection = get_connection(fail_silently=False)
    try:
        try:
            connection.open()
        except Exception as error:  # refused, timed out, TLS, authentication, 421
            pause_sending(dispatch_id, _describe(error))
            return 0
        while max_batches is None or batches < max_batches:
            if batches:
                # A worker that died meanwhile: its batch is taken over once its lease
                # ends, not only when this dispatch runs out of pending recipients.
                recover_abandoned()
            deliveries = claim(dispatch_id, size)
            if not deliveries:
                break
            with LeaseKeeper(deliveries):
                limiter.wait(len(deliveries))
                result = hand_off(dispatch, deliveries, connection, renderer)
                record(result)
            handed_off += len(result.sent)
            batches += 1
            if result.channel_error:
                pause_sending(dispatch_id, result.channel_error)
                break
            if paused and len(result.released) < len(deliveries):
                resume_sending(dispatch_id)
                paused = False
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken connection
            logger.warning("Closing the e-mail connection failed", exc_info=True)
    return handed_off


def next_lease_end(dispatch_id: int):
    """When the earliest claim in flight of a dispatch runs out (None: nothing in flight)."""
    return (
        Delivery.objects.filter(
            dispatch_id=dispatch_id, status=DeliveryStatus.SENDING, lease_until__isnull=False
        )
        .order_by("lease_until")
        .values_list("lease_until", flat=True)
        .first()
    )


def next_retry_at(dispatch_id: int):
    """When the earliest pending retry of a dispatch is due (None: nothing waits).

    While the dispatch is paused, nothing is due before its next try.
    """
    resume_at = Dispatch.objects.filter(pk=dispatch_id).values_list("resume_at", flat=True).first()
    due = _next_pending_at(dispatch_id)
    if due is None or resume_at is None:
        return due
    return max(due, resume_at)


def _next_pending_at(dispatch_id: int):
    row = (
        Delivery.objects.filter(dispatch_id=dispatch_id, status=DeliveryStatus.PENDING)
        .order_by(F("next_attempt_at").asc(nulls_first=True))
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if (
        row is None
        and not Delivery.objects.filter(
            dispatch_id=dispatch_id, status=DeliveryStatus.PENDING
        ).exists()
    ):
        return None
    return row or timezone.now()
