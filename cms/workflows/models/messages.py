"""The important-message banner (Viktigt meddelande): a crisis or disruption notice.

A message is drafted like a snippet, but reaches a site only through the urgent path:
an Informatör publishes it with a written reason, which is logged
(``cms.workflows.urgent.publish_message``). It shows on every page of the public site
and the intranet, and on the workplace screens, within its validity window.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class MessageSeverity(models.TextChoices):
    """How serious the message is; the sites style the banner by it."""

    INFO = "info", _("Information")
    WARNING = "warning", _("Disruption")
    CRISIS = "crisis", _("Crisis")


class MessageAudience(models.TextChoices):
    """Who sees the message: everyone (public site, intranet, screens) or staff only."""

    EVERYONE = "everyone", _("Everyone (public site, intranet and screens)")
    STAFF = "staff", _("Staff only (intranet and screens)")


#: The order banners are shown in: the most serious first.
SEVERITY_ORDER = {MessageSeverity.CRISIS: 0, MessageSeverity.WARNING: 1, MessageSeverity.INFO: 2}


class ImportantMessageQuerySet(models.QuerySet):
    """Queries over important messages."""

    def published(self):
        """Published and not withdrawn (whether or not inside the validity window)."""
        return self.filter(published_at__isnull=False, withdrawn_at__isnull=True)

    def current(self, at: datetime.datetime | None = None):
        """Published, not withdrawn, and within the validity window at ``at``."""
        at = at or timezone.now()
        return self.published().filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=at),
            Q(valid_until__isnull=True) | Q(valid_until__gt=at),
        )

    def for_surface(self, public: bool):
        """What one surface may show: staff-only messages never reach the public site."""
        return self.filter(audience=MessageAudience.EVERYONE) if public else self


class ImportantMessage(models.Model):
    """A banner at the top of every page: severity, text, link and validity window."""

    severity = models.CharField(
        _("severity"),
        max_length=10,
        choices=MessageSeverity.choices,
        default=MessageSeverity.WARNING,
    )
    text = models.TextField(_("message"), max_length=400)
    text_en = models.TextField(_("message (English)"), max_length=400, blank=True)
    link_url = models.URLField(_("link"), blank=True, help_text=_("Where to read more."))
    link_label = models.CharField(_("link text"), max_length=80, blank=True)
    link_label_en = models.CharField(_("link text (English)"), max_length=80, blank=True)
    audience = models.CharField(
        _("shown to"),
        max_length=10,
        choices=MessageAudience.choices,
        default=MessageAudience.EVERYONE,
    )
    valid_from = models.DateTimeField(
        _("shown from"), null=True, blank=True, help_text=_("Empty: as soon as it is published.")
    )
    valid_until = models.DateTimeField(
        _("shown until"), null=True, blank=True, help_text=_("Empty: until it is withdrawn.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish_reason = models.TextField(_("reason for publishing"), blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ImportantMessageQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("severity"), FieldPanel("audience")]),
        FieldPanel("text"),
        FieldPanel("text_en"),
        MultiFieldPanel(
            [
                FieldPanel("link_url"),
                FieldRowPanel([FieldPanel("link_label"), FieldPanel("link_label_en")]),
            ],
            heading=_("Read more"),
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("Shown")),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("important message")
        verbose_name_plural = _("important messages")
        indexes = [models.Index(fields=["published_at", "withdrawn_at"], name="message_published")]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        """The window must end after it starts; a link needs its text."""
        super().clean()
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            raise ValidationError({"valid_until": _("The end must come after the start.")})
        if self.link_url and not self.link_label:
            raise ValidationError(
                {"link_label": _("Give the link a text that says where it leads.")}
            )

    @property
    def is_published(self) -> bool:
        """Published and not withdrawn."""
        return self.published_at is not None and self.withdrawn_at is None

    def status_label(self, at: datetime.datetime | None = None) -> str:
        """Draft, scheduled, shown, ended or withdrawn (for the admin listing)."""
        at = at or timezone.now()
        if self.withdrawn_at:
            return str(_("Withdrawn"))
        if not self.published_at:
            return str(_("Draft"))
        if self.valid_from and self.valid_from > at:
            return str(_("Scheduled"))
        if self.valid_until and self.valid_until <= at:
            return str(_("Ended"))
        return str(_("Shown"))

    status_label.short_description = _("status")

    def localized(self, language: str) -> tuple[str, str]:
        """Text and link text in ``language`` (Swedish where no English is given)."""
        if language == "en":
            return self.text_en or self.text, self.link_label_en or self.link_label
        return self.text, self.link_label
