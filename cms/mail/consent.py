"""The consent text subscribers agree to, by version.

A new wording gets a new version (``ENKANAL_MAIL_CONSENT_VERSION``); consent records
keep the version, so what each subscriber agreed to can always be shown.
"""

from django.utils.translation import gettext_lazy as _

from . import conf

CONSENT_TEXTS = {
    "2026-1": _(
        "I want to receive e-mail from the municipality about the topics I have chosen, in the "
        "language and as often as I have chosen. The municipality keeps my e-mail address and "
        "my choices until I unsubscribe or ask for them to be erased. Every message has a link "
        "to unsubscribe."
    ),
}


def current_version() -> str:
    """The consent text's version in force."""
    return conf.get("ENKANAL_MAIL_CONSENT_VERSION")


def consent_text(version: str | None = None) -> str:
    """The consent text of ``version`` (default: the current one)."""
    return str(CONSENT_TEXTS.get(version or current_version(), CONSENT_TEXTS["2026-1"]))
