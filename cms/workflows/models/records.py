"""What the workflow remembers beyond Wagtail's own workflow states.

Wagtail's log holds the audit trail; these rows hold state that code must query:
which workflow a route uses, urgent publishes awaiting follow-up, used approval links,
release events still to fire, and why a notice came down early.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkflowRoute(models.Model):
    """Which Wagtail workflow handles items of one route (internal or external)."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    KEY_CHOICES = [
        (INTERNAL, _("Intern publicering")),
        (EXTERNAL, _("Extern publicering")),
    ]

    key = models.CharField(_("väg"), max_length=20, choices=KEY_CHOICES, unique=True)
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        verbose_name=_("arbetsflöde"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("arbetsflödesväg")
        verbose_name_plural = _("arbetsflödesvägar")

    def __str__(self):
        return f"{self.get_key_display()} → {self.workflow}"


class UrgentPublication(models.Model):
    """A communicator's urgent publish of one revision, with its written reason.

    The row is also the follow-up review: the unit's manager looks at the item
    afterwards and marks it as reviewed.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        on_delete=models.CASCADE,
        related_name="urgent_publications",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicerad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("skäl"))
    skip_lead = models.BooleanField(
        _("extern publicering direkt"),
        default=False,
        help_text=_("Ingen fördröjning mellan intern och extern publicering."),
    )
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    followed_up_at = models.DateTimeField(_("uppföljd"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppföljd av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_comment = models.TextField(_("kommentar vid uppföljning"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("brådskande publicering")
        verbose_name_plural = _("brådskande publiceringar")
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
        verbose_name = _("använd godkännandelänk")
        verbose_name_plural = _("använda godkännandelänkar")

    def __str__(self):
        return f"{self.action} {self.task_state_id} ({self.used_at:%Y-%m-%d %H:%M})"


class ReleaseEventKind(models.TextChoices):
    """Timed events the scheduler fires once each."""

    EXTERNAL_RELEASE = "external_release", _("Extern publicering")
    NOTICE_ARCHIVED = "notice_archived", _("Anslag till arkivet")


class ReleaseEvent(models.Model):
    """One timed event of one page; ``done_at`` makes firing it idempotent."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="release_events"
    )
    kind = models.CharField(max_length=32, choices=ReleaseEventKind.choices)
    due_at = models.DateTimeField(db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publiceringshändelse")
        verbose_name_plural = _("publiceringshändelser")
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
    ACTION_CHOICES = [(UNPUBLISH, _("Avpublicering")), (DELETE, _("Radering"))]

    page_id_value = models.PositiveBigIntegerField(_("sid-id"))
    page_title = models.CharField(_("rubrik"), max_length=255)
    action = models.CharField(_("åtgärd"), max_length=20, choices=ACTION_CHOICES)
    reason = models.TextField(_("skäl"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    earliest_removal_date = models.DateField(_("tas ner tidigast"))
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("borttaget anslag")
        verbose_name_plural = _("borttagna anslag")

    def __str__(self):
        return f"{self.page_title} ({self.get_action_display()})"
