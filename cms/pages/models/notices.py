"""The official notice board (anslagstavla), Kommunallagen (2017:725) 8 kap."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from cms.core.panels import ReadOnlyDatePanel
from cms.snippets.models.audiences import EXTERNAL_CODES

from .base import ArticlePage, IndexPage, article_content_panels


class NoticeKind(models.TextChoices):
    """What a notice announces."""

    MEETING = "meeting", _("Notice of meeting")
    ADJUSTED_MINUTES = "adjusted_minutes", _("Approved minutes")
    DELEGATED_DECISION = "delegated_decision", _("Delegated decision")
    OTHER = "other", _("Other notice")


class NoticeBoardPage(IndexPage):
    """The official notice board of one locale."""

    subpage_types = ["pages.NoticePage"]

    class Meta:
        verbose_name = _("notice board")
        verbose_name_plural = _("notice boards")


class NoticePage(ArticlePage):
    """A notice on the official board; always for residents and the outside world."""

    notice_kind = models.CharField(
        _("kind of notice"), max_length=32, choices=NoticeKind.choices, default=NoticeKind.OTHER
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=150, help_text=_("For example the Municipal Council.")
    )
    meeting_date = models.DateTimeField(_("meeting time"), null=True, blank=True)
    meeting_location = models.CharField(_("meeting place"), max_length=200, blank=True)
    adjustment_date = models.DateField(_("approval date"), null=True, blank=True)
    minutes_location = models.CharField(
        _("where the minutes are kept"),
        max_length=200,
        blank=True,
        help_text=_("For example the Municipal Office, the Town Hall."),
    )
    posting_date = models.DateField(
        _("posted"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Set when the notice is first published and never changed."),
    )
    earliest_removal_date = models.DateField(_("removed at the earliest"), db_index=True)

    fixed_audience_codes = EXTERNAL_CODES
    #: Public announcements reach everyone at once: no internal lead (DESIGN.md §6.8).
    staff_lead = False

    parent_page_types = ["pages.NoticeBoardPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels(
        MultiFieldPanel(
            [
                FieldPanel("notice_kind"),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("meeting_location")]),
                FieldRowPanel([FieldPanel("adjustment_date"), FieldPanel("minutes_location")]),
                ReadOnlyDatePanel(
                    "posting_date",
                    empty_text=_("Set to the day the notice becomes public."),
                ),
                FieldPanel("earliest_removal_date"),
            ],
            heading=_("Notice"),
        ),
        ownership=("owner_unit", "audiences", "topics"),
    )
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("issuing_body"),
        index.SearchField("get_notice_kind_display"),
        index.FilterField("notice_kind"),
    ]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notice")

    def fixed_audience_message(self):
        """Explain the notice rule."""
        return _("A notice is always for residents and the outside world.")

    def expected_posting_date(self) -> datetime.date:
        """The posting date, or the day it will be posted if it is not yet."""
        posting_date = self.posting_date or self._stored_posting_date()
        if posting_date:
            return posting_date
        if self.go_live_at:
            return timezone.localdate(self.go_live_at)
        return timezone.localdate()

    def clean(self):
        """Validate the notice's dates against the kind's legal rules."""
        super().clean()
        errors: dict[str, list] = {}
        posting = self.expected_posting_date()
        if self.notice_kind == NoticeKind.ADJUSTED_MINUTES:
            if not self.adjustment_date:
                errors.setdefault("adjustment_date", []).append(
                    _("Give the date the minutes were approved.")
                )
            elif self.adjustment_date > posting:
                errors.setdefault("adjustment_date", []).append(
                    _("The minutes cannot be posted before they are approved.")
                )
            if not self.minutes_location.strip():
                errors.setdefault("minutes_location", []).append(
                    _("Give where the minutes are kept.")
                )
        if self.notice_kind == NoticeKind.MEETING and not self.meeting_date:
            errors.setdefault("meeting_date", []).append(_("Give when the meeting is held."))
        if self.earliest_removal_date:
            minimum = self.minimum_removal_date(posting)
            if self.earliest_removal_date < minimum:
                errors.setdefault("earliest_removal_date", []).append(
                    _("The notice may be taken down on %(date)s at the earliest.")
                    % {"date": date_format(minimum, "j F Y")}
                )
        if errors:
            raise ValidationError(errors)

    def minimum_removal_date(self, posting: datetime.date) -> datetime.date:
        """The earliest removal date the law (or common sense) allows for this kind."""
        if self.notice_kind == NoticeKind.ADJUSTED_MINUTES:
            return posting + datetime.timedelta(days=settings.ENKANAL_MINUTES_MIN_POSTING_DAYS)
        if self.notice_kind == NoticeKind.MEETING and self.meeting_date:
            return max(posting, timezone.localdate(self.meeting_date))
        return posting

    def _stored_posting_date(self) -> datetime.date | None:
        """The posting date in the database, which no revision may change."""
        if self.pk is None:
            return None
        return NoticePage.objects.filter(pk=self.pk).values_list("posting_date", flat=True).first()

    def with_content_json(self, content):
        """Keep the real posting date in revisions saved before the first publication.

        Such a revision carries no posting date; without this, editing or reverting to
        it would judge the removal date from today instead of from the posting day.
        """
        obj = super().with_content_json(content)
        if self.posting_date is not None:
            obj.posting_date = self.posting_date
        return obj

    def save(self, *args, **kwargs):
        """Set the posting date at first publication; never change it afterwards."""
        if self.pk is not None:
            stored = self._stored_posting_date()
            if stored is not None:
                # A revision saved before the first publication carries no posting date;
                # the stored one wins.
                self.posting_date = stored
        if self.live and self.posting_date is None:
            self.posting_date = timezone.localdate(self.first_published_at or timezone.now())
        return super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        """On the current board (not yet past its removal date)."""
        return self.earliest_removal_date >= timezone.localdate()
