"""Outbound webhooks: released items as signed JSON to registered subscribers.

Events: ``item.released_internally`` when an item is published (staff first; only
internal subscribers) and ``item.released`` at its external release (every
subscriber). The body is signed with HMAC-SHA256 over ``"<timestamp>.<body>"`` with
the subscriber's secret (headers ``X-Enkanal-Timestamp``, ``X-Enkanal-Signature``), so
a receiver can refuse replays older than a few minutes. The background worker sends;
failures are retried with exponential backoff, and every attempt is in the log.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.exceptions import InvalidTaskError

from cms.pages.paths import frontend_path

from .models import DeliveryStatus, SubscriberKind, WebhookDelivery, WebhookSubscriber
from .surfaces import INTRANET, PUBLIC, type_code_for_content_type

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
TIMEOUT_SECONDS = 10
INTERNAL_EVENT = "item.released_internally"
EXTERNAL_EVENT = "item.released"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` over ``timestamp.body``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def payload(page, event: str) -> str:
    """The JSON body of an event: the item as a teaser with its frontend link."""
    surface = INTRANET if event == INTERNAL_EVENT else PUBLIC
    path = frontend_path(page.url_path, page.locale.language_code)
    released = getattr(page, surface.released_field)
    return json.dumps(
        {
            "event": event,
            "item": {
                "id": page.pk,
                "type": type_code_for_content_type(page.content_type_id),
                "title": page.title,
                "summary": page.summary,
                "locale": page.locale.language_code,
                "url": surface.absolute_url(path),
                "released_at": timezone.localtime(released) if released else None,
                "audiences": sorted(a.code for a in page.audiences.all()),
                "topics": sorted(t.slug for t in page.topics.all()),
            },
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )


def queue_event(page, event: str) -> int:
    """Record one delivery per matching subscriber and hand them to the worker."""
    subscribers = WebhookSubscriber.objects.filter(is_active=True)
    if event == INTERNAL_EVENT:
        subscribers = subscribers.filter(kind=SubscriberKind.INTERNAL)
    body = payload(page, event)
    queued = 0
    for subscriber in subscribers:
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    subscriber=subscriber, event=event, page_id=page.pk, payload=body
                )
        except IntegrityError:
            continue  # already sent for this event: a repeated publish is not news
        transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))
        queued += 1
    return queued


def backoff(attempts: int) -> datetime.timedelta:
    """30 s, 2 min, 8 min, 32 min, ~2 h between attempts."""
    return datetime.timedelta(seconds=30 * 4 ** (attempts - 1))


@task()
def deliver(delivery_id: int) -> str:
    """Send one delivery; on failure schedule the next attempt (or give up)."""
    import requests

    delivery = WebhookDelivery.objects.select_related("subscriber").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "skipped"
    body = delivery.payload.encode()
    timestamp = str(int(timezone.now().timestamp()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"Enkanal-Webhooks ({getattr(settings, 'WAGTAIL_SITE_NAME', '')})",
        "X-Enkanal-Event": delivery.event,
        "X-Enkanal-Delivery": str(delivery.pk),
        "X-Enkanal-Timestamp": timestamp,
        "X-Enkanal-Signature": signature(delivery.subscriber.secret, timestamp, body),
    }
    delivery.attempts += 1
    try:
        response = requests.post(
            delivery.subscriber.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS
        )
        delivery.last_status_code = response.status_code
        ok = 200 <= response.status_code < 300
        delivery.last_error = "" if ok else response.text[:1000]
    except requests.RequestException as error:
        ok = False
        delivery.last_error = str(error)[:1000]
    if ok:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    delivery.save()
    if delivery.status == DeliveryStatus.PENDING:
        _retry(delivery)
    return delivery.status


def _retry(delivery):
    run_after = timezone.now() + backoff(delivery.attempts)
    try:
        deliver.using(run_after=run_after).enqueue(delivery.pk)
    except InvalidTaskError:  # a backend without deferral (tests, immediate)
        logger.info("Webhook delivery %s waits; the backend cannot defer", delivery.pk)
