"""What the workflow remembers beyond Wagtail's own workflow states.

Wagtail's log holds the audit trail; these rows hold state that code must query:
which workflow a route uses, urgent publishes awaiting follow-up, used approval links,
release events still to fire, and why a notice came down early.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkflowRoute(models.Model):
    """Which Wagtail workflow handles items of one route (internal or external)."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    KEY_CHOICES = [
        (INTERNAL, _("Internal publication")),
        (EXTERNAL, _("External publication")),
    ]

    key = models.CharField(_("route"), max_length=20, choices=KEY_CHOICES, unique=True)
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("workflow"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("workflow route")
        verbose_name_plural = _("workflow routes")

    def __str__(self):
        return f"{self.get_key_display()} → {self.workflow}"


class UrgentPublication(models.Model):
    """A communicator's urgent publish of one revision, with its written reason.

    The row is also the follow-up review: the unit's manager looks at the item
    afterwards and marks it as reviewed.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="urgent_publications",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    skip_lead = models.BooleanField(
        _("external publication at once"),
        default=False,
        help_text=_("No delay between internal and external publication."),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    followed_up_at = models.DateTimeField(_("followed up"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_comment = models.TextField(_("follow-up comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("urgent publication")
        verbose_name_plural = _("urgent publications")
        indexes = [models.Index(fields=["followed_up_at"], name="urgent_followup_idx")]

    def __str__(self):
        return f"{self.page} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def awaits_follow_up(self) -> bool:
        """True until the unit's manager has reviewed the item afterwards."""
        return self.followed_up_at is None


class ApprovalLinkUse(models.Model):
    """A signed approval link that has been used; a link works once."""

    nonce = models.CharField(max_length=64, unique=True)
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=20)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("used approval link")
        verbose_name_plural = _("used approval links")

    def __str__(self):
        return f"{self.action} {self.task_state_id} ({self.used_at:%Y-%m-%d %H:%M})"


class ReleaseEventKind(models.TextChoices):
    """Timed events the scheduler fires once each."""

    EXTERNAL_RELEASE = "external_release", _("External publication")
    NOTICE_ARCHIVED = "notice_archived", _("Notice to the archive")


class ReleaseEvent(models.Model):
    """One timed event of one page; ``done_at`` makes firing it idempotent."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="release_events"
    )
    kind = models.CharField(max_length=32, choices=ReleaseEventKind.choices)
    due_at = models.DateTimeField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publishing event")
        verbose_name_plural = _("publishing events")
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "due_at"], name="release_event_unique"),
        ]
        indexes = [models.Index(fields=["done_at", "due_at"], name="release_event_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page_id} @ {self.due_at:%Y-%m-%d %H:%M}"


class NoticeRemoval(models.Model):
    """A notice an Administratör took down before its earliest removal date."""

    UNPUBLISH = "unpublish"
    DELETE = "delete"
    ACTION_CHOICES = [
        (UNPUBLISH, _("Unpublishing")),
        (DELETE, pgettext_lazy("publishing event", "Deletion")),
    ]

    page_id_value = models.PositiveBigIntegerField(_("page id"))
    page_title = models.CharField(_("headline"), max_length=255)
    action = models.CharField(_("action"), max_length=20, choices=ACTION_CHOICES)
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    earliest_removal_date = models.DateField(_("removed at the earliest"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("removed notice")
        verbose_name_plural = _("removed notices")

    def __str__(self):
        return f"{self.page_title} ({self.get_action_display()})"
