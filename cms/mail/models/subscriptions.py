"""Subscribers, their consent records and the suppression list."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalize_email(address: str) -> str:
    """The form an address is stored and compared in: trimmed and lower-cased."""
    return (address or "").strip().lower()


def new_secret() -> str:
    """A random value that signed links carry; rotating it voids the old links."""
    return secrets.token_urlsafe(16)


class Language(models.TextChoices):
    """Languages a subscriber can receive e-mail in."""

    SV = "sv", "Svenska"
    EN = "en", "English"


class Frequency(models.TextChoices):
    """How often a subscriber hears from us."""

    IMMEDIATE = "immediate", _("Immediately")
    WEEKLY = "weekly", _("Weekly digest")


class SubscriberQuerySet(models.QuerySet):
    """Queries over subscribers."""

    def active(self):
        """Confirmed (double opt-in) and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def for_topics(self, topic_ids):
        """Subscribers of any of ``topic_ids``, and those who chose no topic (everything)."""
        through = Subscriber.topics.through
        chose_any = models.Exists(through.objects.filter(subscriber_id=models.OuterRef("pk")))
        chose_these = models.Exists(
            through.objects.filter(subscriber_id=models.OuterRef("pk"), topic_id__in=topic_ids)
        )
        return self.filter(~chose_any | chose_these)


class Subscriber(models.Model):
    """A resident or journalist who asked for e-mail about some topics.

    Only a confirmed subscriber (double opt-in) receives anything; ``secret`` goes into
    every signed link, so erasing or rotating it voids the links already sent.
    """

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.SV
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    topics = models.ManyToManyField(
        "snippets.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="subscribers",
        help_text=_("No topics chosen means all topics."),
    )
    is_media = models.BooleanField(
        _("media"),
        default=False,
        help_text=_("Journalists get press releases before other subscribers."),
    )
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        """Confirmed and not unsubscribed."""
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ConsentAction(models.TextChoices):
    """What happened to a subscriber's consent."""

    REQUESTED = "requested", _("Signed up (not confirmed)")
    CONFIRMED = "confirmed", _("Consent confirmed")
    CHANGED = "changed", _("Preferences changed")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class ConsentRecord(models.Model):
    """Evidence of consent: what was agreed to, the consent text's version, and when.

    Records go with their subscriber on erasure: after erasure nothing links back to
    the person.
    """

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    action = models.CharField(_("event"), max_length=12, choices=ConsentAction.choices)
    text_version = models.CharField(_("text version"), max_length=20)
    agreed_to = models.JSONField(_("scope"), default=dict)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.text_version})"


class SuppressionReason(models.TextChoices):
    """Why an address receives nothing more."""

    BOUNCED = "bounced", _("Bounced (permanently)")
    COMPLAINED = "complained", _("Reported as spam")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    MANUAL = "manual", _("Suppressed manually")


class Suppression(models.Model):
    """An address every future dispatch skips (recorded as skipped, never dropped silently)."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    reason = models.CharField(_("cause"), max_length=12, choices=SuppressionReason.choices)
    detail = models.CharField(_("details"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("suppressed"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppression list")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)
