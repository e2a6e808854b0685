"""Subscribing, confirming, preferences, unsubscribing and erasure.

Every answer to someone who is not yet proven to own an address is the same, whether
or not the address is subscribed (no enumeration). State changes happen in one
transaction together with their consent record.
"""

from __future__ import annotations

import dataclasses
import logging

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .consent import current_version
from .models import (
    ConsentAction,
    ConsentRecord,
    Delivery,
    DeliveryStatus,
    Frequency,
    Language,
    Subscriber,
    Suppression,
    SuppressionReason,
    normalize_email,
)
from .models.subscriptions import new_secret
from .tokens import LinkError, read_subscriber_token, read_unsubscribe_token

logger = logging.getLogger(__name__)

#: Seconds before a second confirmation e-mail goes to the same address.
CONFIRMATION_RESEND_SECONDS = 10 * 60


class InvalidInput(ValueError):
    """Bad input, with a message for the person who sent it; ``field`` names the input."""

    def __init__(self, message, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclasses.dataclass
class Choices:
    """What a subscriber chooses."""

    language: str = Language.SV
    frequency: str = Frequency.IMMEDIATE
    topic_slugs: tuple[str, ...] = ()
    is_media: bool = False

    def validate(self):
        """Raise ``InvalidInput`` for an unknown language, frequency or topic."""
        from cms.snippets.models import Topic

        if self.language not in Language.values:
            raise InvalidInput(_("Unknown language."), "language")
        if self.frequency not in Frequency.values:
            raise InvalidInput(_("Unknown frequency."), "frequency")
        slugs = set(self.topic_slugs)
        topics = list(Topic.objects.filter(slug__in=slugs))
        if len(topics) != len(slugs):
            raise InvalidInput(_("Unknown topic."), "topics")
        return topics

    def as_record(self) -> dict:
        return {
            "language": self.language,
            "frequency": self.frequency,
            "topics": sorted(self.topic_slugs),
            "media": self.is_media,
        }


def clean_email(address: str) -> str:
    """The normalised address, or ``InvalidInput`` with a clear message."""
    address = normalize_email(address)
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput(_("Invalid e-mail address."), "email") from None
    return address


def _apply(subscriber, choices: Choices, topics):
    subscriber.language = choices.language
    subscriber.frequency = choices.frequency
    subscriber.is_media = choices.is_media
    subscriber.save()
    subscriber.topics.set(topics)


def _record(subscriber, action, choices: Choices | None = None):
    ConsentRecord.objects.create(
        subscriber=subscriber,
        action=action,
        text_version=current_version(),
        agreed_to=choices.as_record() if choices else {},
    )


def subscribe(address: str, choices: Choices) -> None:
    """Ask for a subscription; a confirmation (or a reminder) goes to the address.

    Returns nothing on purpose: the caller's answer must not depend on whether the
    address was known. A confirmed subscriber gets a link to their preferences instead
    of a new confirmation, so their choices are not changed by someone else.
    """
    email = clean_email(address)
    topics = choices.validate()
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email)
            _apply(subscriber, choices, topics)
            _record(subscriber, ConsentAction.REQUESTED, choices)
        elif not subscriber.is_active:
            subscriber.unsubscribed_at = None
            subscriber.confirmed_at = None
            _apply(subscriber, choices, topics)
            _record(subscriber, ConsentAction.REQUESTED, choices)
        sent_recently = (
            subscriber.confirmation_sent_at is not None
            and (now - subscriber.confirmation_sent_at).total_seconds()
            < CONFIRMATION_RESEND_SECONDS
        )
        if sent_recently:
            return
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
        transaction.on_commit(lambda: _queue_confirmation(subscriber.pk))


def _queue_confirmation(subscriber_id: int):
    from .tasks import send_confirmation

    send_confirmation.enqueue(subscriber_id)


def confirm(token: str) -> str:
    """Confirm a subscription: "confirmed", or "already" when it was (nothing changes)."""
    subscriber = read_subscriber_token(token, "confirm")
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.is_active:
            return "already"
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
        # Fresh, explicit consent lifts an earlier unsubscribe from the suppression list.
        Suppression.objects.filter(
            email=subscriber.email, reason=SuppressionReason.UNSUBSCRIBED
        ).delete()
        _record(subscriber, ConsentAction.CONFIRMED, current_choices(subscriber))
    return "confirmed"


def current_choices(subscriber) -> Choices:
    """A subscriber's choices as they are stored."""
    return Choices(
        language=subscriber.language,
        frequency=subscriber.frequency,
        topic_slugs=tuple(sorted(subscriber.topics.values_list("slug", flat=True))),
        is_media=subscriber.is_media,
    )


def subscriber_from_preferences_link(token: str):
    """The (active) subscriber of a preferences link, or ``LinkError``."""
    subscriber = read_subscriber_token(token, "preferences")
    if not subscriber.is_active:
        raise LinkError("used")
    return subscriber


def update_preferences(token: str, choices: Choices):
    """Change a subscriber's choices through their signed link."""
    subscriber = subscriber_from_preferences_link(token)
    topics = choices.validate()
    with transaction.atomic():
        _apply(subscriber, choices, topics)
        _record(subscriber, ConsentAction.CHANGED, choices)
    return subscriber


@transaction.atomic
def unsubscribe_subscriber(subscriber) -> str:
    """Withdraw consent: nothing more goes out; "unsubscribed" or "already"."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.unsubscribed_at is not None:
        return "already"
    subscriber.unsubscribed_at = timezone.now()
    subscriber.secret = new_secret()  # voids preference links already sent
    subscriber.save(update_fields=["unsubscribed_at", "secret"])
    Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED, error="unsubscribed"
    )
    _record(subscriber, ConsentAction.WITHDRAWN)
    return "unsubscribed"


@transaction.atomic
def unsubscribe(token: str) -> str:
    """One-click unsubscribe from a message; "unsubscribed", "already" or ``LinkError``.

    A subscriber withdraws their subscription; anyone else (staff, media contacts) goes
    on the suppression list, which every future dispatch honours.
    """
    delivery = Delivery.objects.filter(pk=read_unsubscribe_token(token)).first()
    if delivery is None or delivery.email.endswith(ERASED_DOMAIN):
        raise LinkError("used")
    if delivery.subscriber_id is not None:
        return unsubscribe_subscriber(delivery.subscriber)
    _suppression, created = Suppression.objects.get_or_create(
        email=delivery.email,
        defaults={"reason": SuppressionReason.UNSUBSCRIBED, "detail": "list-unsubscribe"},
    )
    return "unsubscribed" if created else "already"


ERASED_DOMAIN = "@erased.invalid"


@transaction.atomic
def erase(address: str) -> dict[str, int]:
    """Erase everything about ``address``: subscriber, consent records, suppression entry,
    and the address on past deliveries (replaced by a placeholder). Counts what changed.
    """
    email = normalize_email(address)
    deliveries = Delivery.objects.filter(email=email)
    cancelled = deliveries.filter(status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CANCELLED
    )
    anonymised = 0
    for pk in deliveries.values_list("pk", flat=True):
        anonymised += Delivery.objects.filter(pk=pk).update(
            email=f"{pk}{ERASED_DOMAIN}", subscriber=None, error="", esp_message_id=""
        )
    _count, erased = Subscriber.objects.filter(email=email).delete()
    _count, lifted = Suppression.objects.filter(email=email).delete()
    logger.info("Erased a subscriber's data (%s deliveries anonymised)", anonymised)
    return {
        "subscribers": erased.get("mail.Subscriber", 0),
        "consent_records": erased.get("mail.ConsentRecord", 0),
        "deliveries": anonymised,
        "cancelled": cancelled,
        "suppressions": lifted.get("mail.Suppression", 0),
    }
