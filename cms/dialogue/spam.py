"""Spam protection without third-party services.

Three checks, each small and overridable: a honeypot field that people leave empty,
a signed timestamp token that proves the form was shown some seconds before it was
sent, and a rate limit per client address kept in Django's cache.
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

#: Salt of the form token, so that no other signed value can stand in for one.
TOKEN_SALT = "enkanal.dialogue.form-token"  # noqa: S105 (a salt, not a secret)


class SpamError(Exception):
    """Input refused by a spam check; ``status`` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class RateLimited(SpamError):
    """Too many submissions from one client within the window."""

    status = 429


def make_form_token(now: float | None = None) -> str:
    """A signed token holding the time the form was shown."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"t": issued}, salt=TOKEN_SALT, compress=False)


def check_form_token(token: str, now: float | None = None) -> None:
    """Refuse a missing, forged, expired or too-quickly-used token."""
    expired = SpamError(_("Formuläret har gått ut. Ladda om sidan och försök igen."))
    try:
        issued = int(signing.loads(token or "", salt=TOKEN_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise expired from None
    age = (now if now is not None else time.time()) - issued
    if age > settings.ENKANAL_FEEDBACK_TOKEN_MAX_AGE:
        raise expired
    if age < settings.ENKANAL_FEEDBACK_MIN_FILL_SECONDS:
        raise SpamError(_("Formuläret skickades för snabbt. Försök igen om en stund."))


def check_honeypot(value: str | None) -> None:
    """Refuse a filled-in honeypot field (hidden from people, filled in by robots)."""
    if value:
        raise SpamError(_("Meddelandet kunde inte tas emot."))


def get_client_ip(request) -> str:
    """The client's address; a reverse proxy in front must set REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def check_rate_limit(request, scope: str = "feedback") -> None:
    """Count one attempt for the client; refuse with 429 beyond the limit in the window."""
    key = f"enkanal:dialogue:rate:{scope}:{get_client_ip(request)}"
    window = settings.ENKANAL_FEEDBACK_RATE_WINDOW
    # add() only sets a missing key, so the window starts at the first attempt.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the window's first attempt.
        cache.set(key, 1, timeout=window)
        count = 1
    if count > settings.ENKANAL_FEEDBACK_RATE_LIMIT:
        raise RateLimited(_("För många meddelanden. Försök igen senare."))
