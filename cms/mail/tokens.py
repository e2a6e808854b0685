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
    value = f"{subscriber.pk}.{purpose}.{_fingerprint(subscriber.secret)}"
    return signing.TimestampSigner(salt=_SUBSCRIBER_SALT).sign(value)


def read_subscriber_token(token: str, purpose: str):
    """The subscriber a token names, or ``LinkError``."""
    from .models import Subscriber

    max_age = conf.get(
        "ENKANAL_MAIL_CONFIRM_MAX_AGE"
        if purpose == "confirm"
        else "ENKANAL_MAIL_PREFERENCES_MAX_AGE"
    )
    try:
        value = signing.TimestampSigner(salt=_SUBSCRIBER_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("invalid") from None
    pk, _dot, rest = value.partition(".")
    token_purpose, _dot, fingerprint = rest.partition(".")
    if not pk.isdigit() or token_purpose != purpose:
        raise LinkError("invalid")
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or _fingerprint(subscriber.secret) != fingerprint:
        raise LinkError("used")  # erased, or the secret was rotated since
    return subscriber


def unsubscribe_token(delivery_id: int) -> str:
    """A signed token naming one delivery (and so its recipient); cheap to make."""
    return signing.Signer(salt=_UNSUBSCRIBE_SALT).sign(str(delivery_id))


def read_unsubscribe_token(token: str) -> int:
    """The delivery id of an unsubscribe token, or ``LinkError``."""
    try:
        value = signing.Signer(salt=_UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise LinkError("invalid") from None
    if not value.isdigit():
        raise LinkError("invalid")
    return int(value)


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


class LinkBuilder:
    """Builds many links fast: each URL pattern is reversed once, then filled in."""

    _MARK = "ENKANALTOKEN"

    def __init__(self):
        from django.urls import reverse

        self.templates = {
            name: absolute(reverse(f"mail:{name}", args=[self._MARK]))
            for name in ("unsubscribe", "preferences")
        }

    def unsubscribe_url(self, delivery_id: int) -> str:
        """As ``unsubscribe_url``."""
        return self.templates["unsubscribe"].replace(self._MARK, unsubscribe_token(delivery_id))

    def preferences_url(self, subscriber) -> str:
        """As ``preferences_url``."""
        token = subscriber_token(subscriber, "preferences")
        return self.templates["preferences"].replace(self._MARK, token)


def preferences_url(subscriber) -> str:
    """The link to a subscriber's preferences."""
    from django.urls import reverse

    return absolute(reverse("mail:preferences", args=[subscriber_token(subscriber, "preferences")]))
