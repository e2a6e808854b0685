"""The consent text subscribers agree to, by version.

A new wording gets a new version (``ENKANAL_MAIL_CONSENT_VERSION``); consent records
keep the version, so what each subscriber agreed to can always be shown.
"""

from django.utils.translation import gettext_lazy as _

from . import conf

CONSENT_TEXTS = {
    "2026-1": _(
        "Jag vill få e-post från kommunen om de ämnen jag valt, på det språk och så ofta "
        "som jag valt. Kommunen sparar min e-postadress och mina val tills jag avslutar "
        "prenumerationen eller ber om att uppgifterna raderas. Varje utskick har en länk "
        "för att avsluta."
    ),
}


def current_version() -> str:
    """The consent text's version in force."""
    return conf.get("ENKANAL_MAIL_CONSENT_VERSION")


def consent_text(version: str | None = None) -> str:
    """The consent text of ``version`` (default: the current one)."""
    return str(CONSENT_TEXTS.get(version or current_version(), CONSENT_TEXTS["2026-1"]))
