"""Settings of the e-mail channel with their defaults (overridable as ``ENKANAL_MAIL_*``)."""

import functools

from django.conf import settings

DEFAULTS = {
    # Deliveries claimed and handed off together; the most that can go out twice when
    # a worker dies during a hand-off.
    "ENKANAL_MAIL_BATCH_SIZE": 100,
    # Messages per second per worker process; 0 means no limit.
    "ENKANAL_MAIL_RATE_LIMIT": 0,
    # Attempts before a delivery with transient errors is given up (recorded as failed).
    "ENKANAL_MAIL_MAX_ATTEMPTS": 6,
    # First retry delay in seconds; doubled on each attempt, capped below.
    "ENKANAL_MAIL_RETRY_BASE_DELAY": 30,
    "ENKANAL_MAIL_RETRY_MAX_DELAY": 60 * 60,
    # When the provider does not answer (refused, timeout, TLS, authentication, 421,
    # HTTP 5xx/429), sending pauses this many seconds, doubled per failed try, capped.
    # 5, 10, 20, 30, 30 … s: a try is one connection per paused dispatch, cheap for the
    # provider, and sending resumes at most 30 s after it answers again (measured with
    # bench/mail_recovery.py: 10 s doubling to 5 min left a 30 s outage 34 s late).
    "ENKANAL_MAIL_OUTAGE_BASE_DELAY": 5,
    "ENKANAL_MAIL_OUTAGE_MAX_DELAY": 30,
    # Seconds a claim lives without renewal: a live worker renews it every third of
    # that while its batch is in flight; a dead worker's batch is taken over after it.
    "ENKANAL_MAIL_CLAIM_LEASE": 15,
    # Claims written without a lease (before leases existed) are taken as abandoned
    # after this many seconds.
    "ENKANAL_MAIL_CLAIM_TIMEOUT": 5 * 60,
    # Seconds between two runs of the outbox sweep.
    "ENKANAL_MAIL_SWEEP_INTERVAL": 60,
    # Sending tasks queued per dispatch, so that several workers share a large one.
    "ENKANAL_MAIL_PARALLEL_TASKS": 2,
    # "auto": Anymail batch sending when the backend is an Anymail backend; "on"/"off".
    "ENKANAL_MAIL_BATCH_SEND": "auto",
    # How the provider writes a merge field in batch sending ({name} is the field).
    "ENKANAL_MAIL_MERGE_FIELD_FORMAT": "{{{{{name}}}}}",
    # Domain of the stable Message-IDs (default: the domain of DEFAULT_FROM_EMAIL).
    "ENKANAL_MAIL_MESSAGE_ID_DOMAIN": "",
    # Public base URL of this CMS, for signed links and one-click unsubscribe.
    "ENKANAL_MAIL_LINK_BASE_URL": "",
    # Seconds a confirmation link stays valid; preferences links likewise.
    "ENKANAL_MAIL_CONFIRM_MAX_AGE": 7 * 24 * 60 * 60,
    "ENKANAL_MAIL_PREFERENCES_MAX_AGE": 30 * 24 * 60 * 60,
    # Subscribe requests per client address and window (seconds).
    "ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT": 5,
    "ENKANAL_MAIL_SUBSCRIBE_RATE_WINDOW": 60 * 60,
    # Weekly digest: ISO weekday (1 = Monday) and local hour it goes out.
    "ENKANAL_MAIL_DIGEST_WEEKDAY": 1,
    "ENKANAL_MAIL_DIGEST_HOUR": 7,
    # Absolute URL of the logo in messages (default: none; the name is always shown).
    "ENKANAL_MAIL_LOGO_URL": "",
    # Version of the consent text subscribers agree to (see cms.mail.consent).
    "ENKANAL_MAIL_CONSENT_VERSION": "2026-1",
}


def get(name: str):
    """The setting ``name``, or its default."""
    return getattr(settings, name, DEFAULTS[name])


#: Anymail backends that call no provider, so nothing sends tracking events back.
NON_TRACKING_BACKENDS = {"anymail.backends.test.EmailBackend"}


def uses_tracking_esp(email_backend: str) -> bool:
    """True when ``email_backend`` is a provider's Anymail backend (which has webhooks)."""
    return email_backend.startswith("anymail.backends.") and (
        email_backend not in NON_TRACKING_BACKENDS
    )


def webhook_secret() -> str:
    """Anymail's webhook secret (``ANYMAIL = {"WEBHOOK_SECRET": …}``), or ""."""
    anymail = getattr(settings, "ANYMAIL", None) or {}
    return anymail.get("WEBHOOK_SECRET") or getattr(settings, "ANYMAIL_WEBHOOK_SECRET", "") or ""


def link_base_url() -> str:
    """Base URL of signed links (``ENKANAL_MAIL_LINK_BASE_URL`` or the admin base URL)."""
    return (get("ENKANAL_MAIL_LINK_BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def message_id_domain() -> str:
    """The domain of every Message-ID we create."""
    return _domain(get("ENKANAL_MAIL_MESSAGE_ID_DOMAIN"), settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)
def _domain(configured: str, from_email: str) -> str:
    from email.utils import parseaddr

    if configured:
        return configured
    return parseaddr(from_email)[1].rpartition("@")[2] or "localhost"
