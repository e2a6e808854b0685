"""The outbox: a ``Dispatch`` per item × channel × release, a ``Delivery`` per recipient.

A delivery moves ``pending → sending → sent`` (or ``failed``/``skipped``/``cancelled``).
``sending`` means "claimed by a worker, hand-off in flight"; a worker that dies leaves
it there until the claim times out, and only such deliveries can ever go out twice
(DESIGN.md §6.5) — with the same Message-ID, which is derived from the delivery.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """Who a dispatch goes to."""

    STAFF = "staff", _("Staff")
    MEDIA = "media", _("Media list")
    SUBSCRIBERS = "subscribers", _("Subscribers")
    DIGEST = "digest", _("Weekly digest")
    #: A page made of items for staff (an INblick edition): a source registered in
    #: ``cms.mail.sources`` says who gets it and what it says.
    MAGAZINE = "magazine", _("Staff magazine")


class ReleaseKind(models.TextChoices):
    """Which release of the item a dispatch belongs to."""

    INTERNAL = "internal", _("Internal publication")
    EXTERNAL = "external", _("External publication")
    WEEKLY = "weekly", _("Weekly digest")
    REMINDER = "reminder", _("Reminder to read and confirm")


class DispatchState(models.TextChoices):
    """The life of a dispatch; only pending and held ones can be held or cancelled."""

    PENDING = "pending", _("Pending")
    HELD = "held", _("Paused")
    RUNNING = "running", _("Sending")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DispatchQuerySet(models.QuerySet):
    """Queries over dispatches."""

    def with_progress(self):
        """Annotate delivery counts per status (``n_sent``, ``n_failed``, ...)."""
        return self.annotate(
            n_total=Count("deliveries"),
            **{
                f"n_{status}": Count("deliveries", filter=Q(deliveries__status=status))
                for status in DeliveryStatus.values
            },
            n_delivered=Count("deliveries", filter=Q(deliveries__delivered_at__isnull=False)),
            n_bounced=Count("deliveries", filter=Q(deliveries__bounced_at__isnull=False)),
            n_opened=Count("deliveries", filter=Q(deliveries__opened_at__isnull=False)),
        )


class Dispatch(models.Model):
    """One e-mail send of one item to one channel at one of its releases (or of one
    page of a registered source, ``source_page``, to its channel)."""

    page = models.ForeignKey(
        "pages.ArticlePage",
        verbose_name=_("content"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The page a dispatch of a registered source sends (``page`` is for items only).
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page sent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("headline"), max_length=255)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    release_kind = models.CharField(_("publication"), max_length=10, choices=ReleaseKind.choices)
    digest_week = models.DateField(_("week (Monday)"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=DispatchState.choices, default=DispatchState.PENDING
    )
    waits_for = models.ForeignKey(
        "self",
        verbose_name=_("waits for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The dispatch starts only when this dispatch is done."),
    )
    created_at = models.DateTimeField(pgettext_lazy("dispatch", "created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paused/cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The circuit breaker: while the provider does not answer, sending pauses (the
    # recipients' attempts are not counted) and is tried again at ``resume_at``.
    paused_at = models.DateTimeField(_("paused since"), null=True, blank=True)
    resume_at = models.DateTimeField(_("next try"), null=True, blank=True)
    outages = models.PositiveIntegerField(_("failed connections"), default=0)
    pause_error = models.CharField(_("connection error"), max_length=255, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatch")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "channel", "release_kind"],
                condition=Q(page__isnull=False),
                name="mail_dispatch_unique_per_item_channel_release",
            ),
            models.UniqueConstraint(
                fields=["source_page", "channel"],
                condition=Q(source_page__isnull=False),
                name="mail_dispatch_unique_per_source_page_channel",
            ),
            models.UniqueConstraint(
                fields=["channel", "digest_week"],
                condition=Q(digest_week__isnull=False),
                name="mail_dispatch_unique_digest_week",
            ),
        ]
        indexes = [models.Index(fields=["state"], name="mail_dispatch_state")]

    def __str__(self):
        return f"{self.title} – {self.get_channel_display()}"

    @property
    def is_paused(self) -> bool:
        """The provider did not answer: sending waits until it does."""
        return self.paused_at is not None

    @property
    def can_hold(self) -> bool:
        """Only a dispatch that has not started can be held."""
        return self.state == DispatchState.PENDING

    @property
    def can_resume(self) -> bool:
        """A held dispatch can be released again."""
        return self.state == DispatchState.HELD

    @property
    def can_cancel(self) -> bool:
        """Only a dispatch that has not started can be cancelled."""
        return self.state in (DispatchState.PENDING, DispatchState.HELD)

    @property
    def can_resend(self) -> bool:
        """A started dispatch with failed recipients can give them a new attempt."""
        if self.state not in (DispatchState.RUNNING, DispatchState.DONE):
            return False
        failed = getattr(self, "n_failed", None)  # annotated by with_progress()
        if failed is not None:
            return failed > 0
        return self.deliveries.filter(status=DeliveryStatus.FAILED).exists()

    def problem_deliveries(self):
        """Failed recipients and those waiting for a retry, with their last error."""
        return self.deliveries.filter(
            Q(status=DeliveryStatus.FAILED)
            | (Q(status=DeliveryStatus.PENDING, attempts__gt=0) & ~Q(error=""))
        ).order_by("status", "email")


class DeliveryStatus(models.TextChoices):
    """Where one recipient's message is."""

    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Handing over")
    SENT = "sent", _("Handed over")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", pgettext_lazy("delivery status", "Skipped")
    CANCELLED = "cancelled", pgettext_lazy("delivery status", "Cancelled")


class Delivery(models.Model):
    """One recipient of one dispatch, with the hand-off's status and the provider's events."""

    dispatch = models.ForeignKey(
        Dispatch, verbose_name=_("dispatch"), on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.EmailField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=2, default="sv")
    subscriber = models.ForeignKey(
        "mail.Subscriber", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    # The claim's lease: renewed while its batch is in flight, so a claim whose worker
    # died is taken over once the lease runs out, and a live one never is.
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    esp_message_id = models.CharField(max_length=255, blank=True, db_index=True)
    last_event = models.CharField(_("last event"), max_length=20, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "email"], name="mail_delivery_unique_recipient"
            ),
        ]
        indexes = [
            # The claim's queue: only pending rows, in claim order. Status is the
            # predicate, not a column, so no UPDATE that names its rows by id and checks
            # their status (the record) can walk it instead of the primary key.
            models.Index(
                fields=["dispatch", "id"],
                condition=Q(status="pending"),
                name="mail_delivery_claim",
            ),
            # Only claims in flight: a handful of rows whatever the dispatch's size.
            models.Index(
                fields=["lease_until"],
                condition=Q(status="sending"),
                name="mail_delivery_in_flight",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"

    @property
    def message_id(self) -> str:
        """The stable Message-ID: the same for every hand-off of this delivery."""
        return delivery_message_id(self.pk, self.dispatch_id)


def delivery_message_id(delivery_id: int, dispatch_id: int) -> str:
    """``<enkanal.<dispatch>.<delivery>.<mac>@domain>``; the MAC keeps it unguessable."""
    from cms.mail.conf import message_id_domain

    mac = hmac.new(
        settings.SECRET_KEY.encode(), f"{dispatch_id}.{delivery_id}".encode(), hashlib.sha256
    ).hexdigest()[:12]
    return f"<enkanal.{dispatch_id}.{delivery_id}.{mac}@{message_id_domain()}>"
