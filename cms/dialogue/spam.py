"""Spam protection without third-party services.

Two checks, each small and overridable: a honeypot field that people leave empty, and
a signed timestamp token that proves the form was shown some seconds before it was
sent. The rate limit per resident is a ninja throttle on the endpoints
(``cms.core.throttling``), like every other limit of the APIs.
"""

import time

from django.conf import settings
from django.core import signing
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


def make_form_token(now: float | None = None) -> str:
    """A signed token holding the time the form was shown."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"t": issued}, salt=TOKEN_SALT, compress=False)


def check_form_token(token: str, now: float | None = None) -> None:
    """Refuse a missing, forged, expired or too-quickly-used token."""
    expired = SpamError(_("The form has expired. Reload the page and try again."))
    try:
        issued = int(signing.loads(token or "", salt=TOKEN_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise expired from None
    age = (now if now is not None else time.time()) - issued
    if age > settings.ENKANAL_FEEDBACK_TOKEN_MAX_AGE:
        raise expired
    if age < settings.ENKANAL_FEEDBACK_MIN_FILL_SECONDS:
        raise SpamError(_("The form was sent too quickly. Try again in a moment."))


def check_honeypot(value: str | None) -> None:
    """Refuse a filled-in honeypot field (hidden from people, filled in by robots)."""
    if value:
        raise SpamError(_("The message could not be received."))
