"""Signed links: confirmation, preferences and unsubscribe.

Confirmation and preference links carry the subscriber's ``secret`` (a hash of it)
and expire; erasing a subscriber or rotating the secret voids every link sent before.
Unsubscribe links name a delivery and never expire (RFC 8058 one-click unsubscribe must
keep working); using one twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib

from django.core import signing

from . import conf

_SUBSCRIBER_SALT = "enkanal.mail.subscriber"
_UNSUBSCRIBE_SALT = "enkanal.mail.unsubscribe"


class LinkError(Exception):
    """A link that was tampered with, has expired or was already used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired" or "used"


def _fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def subscriber_token(subscriber, purpose: str) -> str:
    """A signed, timestamped token for ``purpose`` ("confirm" or "preferences")."""
    return signing.dumps(
        [subscriber.pk, purpose, _fingerprint(subscriber.secret)], salt=_SUBSCRIBER_SALT
    )


def read_subscriber_token(token: str, purpose: str):
    """The subscriber a token names, or ``LinkError``."""
    from .models import Subscriber

    max_age = conf.get(
        "ENKANAL_MAIL_CONFIRM_MAX_AGE"
        if purpose == "confirm"
        else "ENKANAL_MAIL_PREFERENCES_MAX_AGE"
    )
    try:
        pk, token_purpose, fingerprint = signing.loads(
            token, salt=_SUBSCRIBER_SALT, max_age=max_age
        )
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkError("invalid") from None
    if token_purpose != purpose:
        raise LinkError("invalid")
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _fingerprint(subscriber.secret) != fingerprint:
        raise LinkError("used")  # erased, or the secret was rotated since
    return subscriber


def unsubscribe_token(delivery_id: int) -> str:
    """A signed token naming one delivery (and so its recipient)."""
    return signing.dumps(delivery_id, salt=_UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    """The delivery id of an unsubscribe token, or ``LinkError``."""
    try:
        value = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise LinkError("invalid") from None
    if not isinstance(value, int):
        raise LinkError("invalid")
    return value


def absolute(path: str) -> str:
    """An absolute URL on this CMS for ``path``."""
    return f"{conf.link_base_url()}{path}"


def unsubscribe_url(delivery_id: int) -> str:
    """The one-click unsubscribe URL of a delivery."""
    from django.urls import reverse

    return absolute(reverse("mail:unsubscribe", args=[unsubscribe_token(delivery_id)]))


def confirm_url(subscriber) -> str:
    """The double opt-in confirmation link."""
    from django.urls import reverse

    return absolute(reverse("mail:confirm", args=[subscriber_token(subscriber, "confirm")]))


def preferences_url(subscriber) -> str:
    """The link to a subscriber's preferences."""
    from django.urls import reverse

    return absolute(reverse("mail:preferences", args=[subscriber_token(subscriber, "preferences")]))
