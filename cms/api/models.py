"""Service tokens: read-only access to the intranet API for machines such as screens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Marks our tokens, so that a leaked one is recognisable (e.g. by secret scanners).
TOKEN_PREFIX = "enk_"  # noqa: S105  (a marker, not a secret)


class TokenScope(models.TextChoices):
    """What a service token may read."""

    INTRANET_READ = "intranet:read", _("Läsa intranätets innehåll")


def hash_token(raw: str) -> str:
    """SHA-256 of a token: tokens are long random strings, so no salt or stretching."""
    return hashlib.sha256(raw.encode()).hexdigest()


def default_scopes() -> list[str]:
    return [TokenScope.INTRANET_READ.value]


class ServiceTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens neither revoked nor expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ServiceToken(models.Model):
    """A revocable, scoped Bearer token for a machine; only its hash is stored.

    The token acts as its service account ``user``: unit memberships of that account
    decide which targeted staff bulletins a workplace screen shows.
    """

    name = models.CharField(
        _("namn"), max_length=150, help_text=_("Till exempel Skärm i Ekbyskolan.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tjänstekonto"),
        on_delete=models.CASCADE,
        related_name="service_tokens",
    )
    scopes = models.JSONField(_("behörigheter"), default=default_scopes, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("början av token"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gäller till"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True, editable=False)

    objects = ServiceTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("tjänstetoken")
        verbose_name_plural = _("tjänstetoken")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    def save(self, *args, **kwargs):
        """A token created in the admin gets its secret here; ``raw_token`` shows it once."""
        if not self.token_hash:
            self.raw_token = TOKEN_PREFIX + secrets.token_urlsafe(32)
            self.token_hash = hash_token(self.raw_token)
            self.hint = self.raw_token[:10]
        super().save(*args, **kwargs)

    @classmethod
    def issue(cls, name: str, user, scopes=(TokenScope.INTRANET_READ,), expires_at=None):
        """Create a token; returns ``(token, raw)`` – the raw value is shown only once."""
        token = cls.objects.create(
            name=name, user=user, scopes=[str(s) for s in scopes], expires_at=expires_at
        )
        return token, token.raw_token

    @classmethod
    def lookup(cls, raw: str):
        """The usable token for ``raw``, or ``None``."""
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
            return None
        return (
            cls.objects.usable().select_related("user").filter(token_hash=hash_token(raw)).first()
        )

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class SubscriberKind(models.TextChoices):
    """Whom a subscriber serves: internal ones also get internal (staff-first) releases."""

    EXTERNAL = "external", _("Extern (sociala medier, partner, lokaltidningen)")
    INTERNAL = "internal", _("Intern (skärmar, intranätets tjänster)")


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscriber(models.Model):
    """A system that receives released items as signed JSON (HMAC-SHA256)."""

    name = models.CharField(_("namn"), max_length=150)
    url = models.URLField(_("adress"), max_length=500)
    kind = models.CharField(
        _("typ"), max_length=20, choices=SubscriberKind.choices, default=SubscriberKind.EXTERNAL
    )
    secret = models.CharField(
        _("hemlighet"),
        max_length=100,
        default=new_webhook_secret,
        help_text=_("Mottagaren kontrollerar signaturen med den här hemligheten."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-mottagare")
        verbose_name_plural = _("webhook-mottagare")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Väntar")
    DELIVERED = "delivered", _("Levererad")
    FAILED = "failed", _("Misslyckades")


class WebhookDelivery(models.Model):
    """One event for one subscriber, with its attempts: the delivery log."""

    subscriber = models.ForeignKey(
        WebhookSubscriber,
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("händelse"), max_length=50)
    page_id = models.IntegerField(_("sida"))
    payload = models.TextField(_("innehåll"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("senaste svarskod"), null=True)
    last_error = models.TextField(_("senaste fel"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("levererad"), null=True)

    class Meta:
        verbose_name = _("webhook-leverans")
        verbose_name_plural = _("webhook-leveranser")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "event", "page_id"], name="webhook_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.event} #{self.page_id} → {self.subscriber}"
