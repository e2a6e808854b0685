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

    INTRANET_READ = "intranet:read", _("Read the intranet's content")


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
        _("name"), max_length=150, help_text=_("For example Screen at Ekbyskolan.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service account"),
        on_delete=models.CASCADE,
        related_name="service_tokens",
    )
    scopes = models.JSONField(_("scopes"), default=default_scopes, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("token prefix"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ServiceTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("service token")
        verbose_name_plural = _("service token")
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

    EXTERNAL = "external", _("External (social media, partners, the local paper)")
    INTERNAL = "internal", _("Internal (screens, the intranet's services)")


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscriber(models.Model):
    """A system that receives released items as signed JSON (HMAC-SHA256)."""

    name = models.CharField(_("name"), max_length=150)
    url = models.URLField(_("address"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SubscriberKind.choices, default=SubscriberKind.EXTERNAL
    )
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_webhook_secret,
        help_text=_("The receiver checks the signature with this secret."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook receiver")
        verbose_name_plural = _("webhook receiver")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one subscriber, with its attempts: the delivery log."""

    subscriber = models.ForeignKey(
        WebhookSubscriber,
        verbose_name=_("receiver"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=50)
    page_id = models.IntegerField(_("page"))
    payload = models.TextField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last status code"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "event", "page_id"], name="webhook_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.event} #{self.page_id} → {self.subscriber}"
