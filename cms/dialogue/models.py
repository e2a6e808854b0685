"""Residents' feedback (synpunkter) and staff news tips (nyhetstips).

Both are stored as plain text; templates and e-mails escape them on output. Feedback
holds personal data (name, e-mail, free text), which ``Feedback.erase`` removes while
keeping the figures (unit, category, dates) that the statistics need.
"""

import datetime
import statistics

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core import roles

#: Roles that see and handle every unit's cases (the strategy's communicators and up).
ALL_CASES_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)
#: Roles that triage news tips.
TIP_TRIAGE_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)


def user_has_role(user, role_names) -> bool:
    """True for an active superuser or a member of one of ``role_names``."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=role_names).exists()


class FeedbackCategory(models.TextChoices):
    """What kind of feedback a resident sends."""

    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")
    PRAISE = "praise", _("Praise")
    QUESTION = "question", _("Question")


class FeedbackState(models.TextChoices):
    """Where a case is in its handling."""

    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class FeedbackQuerySet(models.QuerySet):
    """Queries over feedback cases."""

    def visible_to(self, user):
        """Cases ``user`` may see: every case for communicators, else their units' cases."""
        if user_has_role(user, ALL_CASES_ROLES):
            return self
        if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return self.none()
        return self.filter(Q(unit__managers=user) | Q(unit__members=user)).distinct()

    def due_for_erasure(self, now: datetime.datetime | None = None):
        """Cases older than the retention period that still hold personal data."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.ENKANAL_FEEDBACK_RETENTION_DAYS)
        return self.filter(created_at__lt=cutoff, erased_at__isnull=True)

    def erase(self) -> int:
        """Erase the personal data of every case here (``Feedback.erase``); how many."""
        count = 0
        for case in self.iterator():
            case.erase()
            count += 1
        return count

    def erase_due(self, now: datetime.datetime | None = None) -> int:
        """Erase the personal data of every case past the retention period; how many."""
        return self.due_for_erasure(now).erase()

    def figures(self) -> dict:
        """Received, answered and the median time to answer (in hours) of these cases."""
        answered = list(
            self.filter(answered_at__isnull=False).values_list("created_at", "answered_at")
        )
        hours = [(a - c).total_seconds() / 3600 for c, a in answered]
        return {
            "received": self.count(),
            "answered": len(answered),
            "median_hours": round(statistics.median(hours), 1) if hours else None,
        }

    def figures_per_unit(self) -> list[dict]:
        """``figures()`` for each unit with cases; the default inbox has unit ``None``."""
        from cms.snippets.models import Unit

        unit_ids = sorted(set(self.values_list("unit_id", flat=True)), key=lambda i: (i is None, i))
        units = Unit.objects.in_bulk([i for i in unit_ids if i is not None])
        return [
            {"unit": units.get(unit_id), **self.filter(unit_id=unit_id).figures()}
            for unit_id in unit_ids
        ]


class Feedback(models.Model):
    """A resident's feedback about a page or in general, routed to a unit."""

    category = models.CharField(
        _("category"), max_length=20, choices=FeedbackCategory.choices, db_index=True
    )
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "snippets.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text=_("Empty: the municipality's shared inbox (the communications officers)."),
    )
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=FeedbackState.choices,
        default=FeedbackState.NEW,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback items")

    def __str__(self):
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def is_erased(self) -> bool:
        """True once personal data has been removed."""
        return self.erased_at is not None

    @property
    def can_be_answered_by_email(self) -> bool:
        """True when the resident left an address and the case still has personal data."""
        return bool(self.email) and not self.is_erased

    @staticmethod
    def route(page):
        """The unit a case about ``page`` goes to; ``None`` is the default inbox."""
        specific = page.specific if page is not None else None
        return getattr(specific, "owner_unit", None)

    def assign(self, user):
        """Give the case to ``user`` (or take it back to the unit's queue with ``None``)."""
        with transaction.atomic():
            self.assignee = user
            if self.state == FeedbackState.NEW and user is not None:
                self.state = FeedbackState.ASSIGNED
            self.save(update_fields=["assignee", "state"])

    def answer_case(self, text: str, user, *, send: bool = True):
        """Record the answer, mark the case answered and e-mail the resident."""
        from .notifications import send_feedback_answer

        with transaction.atomic():
            self.answer = text
            self.answered_at = timezone.now()
            self.answered_by = user
            self.assignee = self.assignee or user
            self.state = FeedbackState.ANSWERED
            self.save(update_fields=["answer", "answered_at", "answered_by", "assignee", "state"])
            if send and self.can_be_answered_by_email:
                # Queued in this transaction: the answer is never recorded without it.
                send_feedback_answer(self)

    def close(self):
        """Close the case; no more handling."""
        with transaction.atomic():
            self.state = FeedbackState.CLOSED
            self.closed_at = timezone.now()
            self.save(update_fields=["state", "closed_at"])

    def erase(self):
        """Remove the personal data; category, unit, state and dates stay for figures."""
        with transaction.atomic():
            self.message = ""
            self.name = ""
            self.email = ""
            self.answer = ""
            self.erased_at = timezone.now()
            self.save(update_fields=["message", "name", "email", "answer", "erased_at"])


class NewsTipState(models.TextChoices):
    """Triage state of a tip."""

    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class NewsTip(models.Model):
    """A staff member's tip about an event or a decision, for the communicators."""

    title = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("text"))
    unit = models.ForeignKey(
        "snippets.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="news_tips",
    )
    audiences = models.ManyToManyField(
        "snippets.Audience", verbose_name=_("audiences"), blank=True, related_name="+"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sender_name = models.CharField(_("sender's name"), max_length=150, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=NewsTipState.choices,
        default=NewsTipState.NEW,
        db_index=True,
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    draft_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("news tip")
        verbose_name_plural = _("news tip")

    def __str__(self):
        return self.title

    @property
    def reply_email(self) -> str:
        """Where the sender is told about the decision."""
        return self.sender_email or (self.sender.email if self.sender else "")


class ReviewReminder(models.Model):
    """A unit's weekly review reminder that was sent; a rerun in the same week skips it."""

    unit = models.ForeignKey(
        "snippets.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("week (Monday)"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    overdue_count = models.PositiveIntegerField(_("overdue"), default=0)
    soon_count = models.PositiveIntegerField(_("due soon"), default=0)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(fields=["unit", "week"], name="review_reminder_once_a_week")
        ]

    def __str__(self):
        return f"{self.unit} {self.week:%G-W%V}"
