"""Anymail tracking webhooks: events update deliveries and feed the suppression list.

Anymail checks its webhook secret (HTTP basic auth) and, where the provider signs its
calls, the signature. A call that fails either check gets 401 and changes nothing; the
events of one call are applied in one transaction. Without a configured secret Anymail
would accept anyone's events (and only warn), so then every call is refused (403).
"""

from __future__ import annotations

import functools
import logging

from anymail.exceptions import AnymailWebhookValidationFailure
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .models import Delivery, Subscriber, Suppression, SuppressionReason, normalize_email

logger = logging.getLogger(__name__)

#: Events that put the recipient on the suppression list, and why.
SUPPRESSING_EVENTS = {
    "bounced": SuppressionReason.BOUNCED,
    "complained": SuppressionReason.COMPLAINED,
    "unsubscribed": SuppressionReason.UNSUBSCRIBED,
}
#: Delivery fields stamped by an event.
TIMESTAMP_FIELDS = {"delivered": "delivered_at", "opened": "opened_at", "bounced": "bounced_at"}


def find_delivery(event) -> Delivery | None:
    """The delivery an event is about: by our metadata, else by the provider's id."""
    delivery_id = (event.metadata or {}).get("delivery")
    if delivery_id and str(delivery_id).isdigit():
        delivery = Delivery.objects.filter(pk=int(delivery_id)).first()
        if delivery is not None:
            return delivery
    if event.message_id:
        queryset = Delivery.objects.filter(esp_message_id=str(event.message_id))
        if event.recipient:
            queryset = queryset.filter(email=normalize_email(event.recipient))
        return queryset.first()
    return None


#: Provider bounce types Anymail reports as "bounced" that are only temporary.
SOFT_BOUNCE_TYPES = {"SoftBounce", "Transient", "DnsError"}


def suppression_reason(event) -> str | None:
    """Why ``event`` suppresses its recipient: hard bounces, complaints, unsubscribes.

    Soft (temporary) bounces do not suppress; invalid addresses the provider rejects do.
    """
    if event.event_type == "bounced":
        esp_event = event.esp_event if isinstance(event.esp_event, dict) else {}
        if esp_event.get("Type") in SOFT_BOUNCE_TYPES:
            return None
        return SuppressionReason.BOUNCED
    if event.event_type == "rejected" and event.reject_reason in ("invalid", "bounced"):
        return SuppressionReason.BOUNCED
    return SUPPRESSING_EVENTS.get(event.event_type)


def apply_event(event) -> None:
    """Record one tracking event; suppress the address on hard bounces and the like."""
    at = event.timestamp or timezone.now()
    delivery = find_delivery(event)
    reason = suppression_reason(event)
    if delivery is not None:
        update = {"last_event": event.event_type[:20]}
        field = TIMESTAMP_FIELDS.get(event.event_type)
        if field == "bounced_at" and reason != SuppressionReason.BOUNCED:
            field = None  # a soft bounce: the provider tries again, it is no bounce yet
        if field and getattr(delivery, field) is None:
            update[field] = at
        Delivery.objects.filter(pk=delivery.pk).update(**update)
    address = normalize_email(event.recipient or (delivery.email if delivery else ""))
    if reason and address:
        Suppression.objects.get_or_create(
            email=address,
            defaults={"reason": reason, "detail": (event.description or "")[:255]},
        )
        if reason == SuppressionReason.UNSUBSCRIBED:
            from .subscriptions import unsubscribe_subscriber

            subscriber = Subscriber.objects.filter(email=address).first()
            if subscriber is not None:
                unsubscribe_subscriber(subscriber)


def handle_tracking(sender, event, esp_name, **kwargs):
    """Receiver of ``anymail.signals.tracking``."""
    apply_event(event)


def unauthorized_on_failed_validation(view):
    """Answer 401 (not Anymail's 400) when the secret or signature is wrong; apply the
    events of a valid call atomically."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not conf.webhook_secret():
            logger.error("Refused an e-mail webhook call: ANYMAIL_WEBHOOK_SECRET is not set")
            return HttpResponse(
                _("The e-mail webhooks are off: no secret is configured."),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        try:
            with transaction.atomic():
                return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure:
            logger.warning("Rejected an e-mail webhook call with wrong credentials")
            response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Basic realm="webhooks"'
            return response

    return wrapped


def tracking_urlpatterns():
    """Anymail's tracking webhook URLs, each wrapped by ``unauthorized_on_failed_validation``."""
    from anymail import urls as anymail_urls
    from django.urls import URLPattern

    patterns = []
    for pattern in anymail_urls.urlpatterns:
        if isinstance(pattern, URLPattern) and "tracking" in (pattern.name or ""):
            patterns.append(
                URLPattern(
                    pattern.pattern,
                    unauthorized_on_failed_validation(pattern.callback),
                    name=pattern.name,
                )
            )
    return patterns
