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

    MEETING = "meeting", _("Kungörelse av sammanträde")
    ADJUSTED_MINUTES = "adjusted_minutes", _("Justerat protokoll")
    DELEGATED_DECISION = "delegated_decision", _("Delegationsbeslut")
    OTHER = "other", _("Övrigt anslag")


class NoticeBoardPage(IndexPage):
    """The official notice board of one locale."""

    subpage_types = ["pages.NoticePage"]

    class Meta:
        verbose_name = _("anslagstavla")
        verbose_name_plural = _("anslagstavlor")


class NoticePage(ArticlePage):
    """A notice on the official board; always for residents and the outside world."""

    notice_kind = models.CharField(
        _("typ av anslag"), max_length=32, choices=NoticeKind.choices, default=NoticeKind.OTHER
    )
    issuing_body = models.CharField(
        _("organ"), max_length=150, help_text=_("Till exempel Kommunfullmäktige.")
    )
    meeting_date = models.DateTimeField(_("sammanträdets tid"), null=True, blank=True)
    meeting_location = models.CharField(_("sammanträdets plats"), max_length=200, blank=True)
    adjustment_date = models.DateField(_("justeringsdatum"), null=True, blank=True)
    minutes_location = models.CharField(
        _("förvaringsplats för protokollet"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel Kommunkansliet, Stadshuset."),
    )
    posting_date = models.DateField(
        _("anslaget"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Sätts när anslaget publiceras första gången och ändras aldrig."),
    )
    earliest_removal_date = models.DateField(_("tas ner tidigast"), db_index=True)

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
                    empty_text=_("Sätts till dagen då anslaget blir offentligt."),
                ),
                FieldPanel("earliest_removal_date"),
            ],
            heading=_("Anslag"),
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
        verbose_name = _("anslag")
        verbose_name_plural = _("anslag")

    def fixed_audience_message(self):
        """Explain the notice rule."""
        return _("Ett anslag är alltid till för kommuninvånare och omvärlden.")

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
                    _("Ange när protokollet justerades.")
                )
            elif self.adjustment_date > posting:
                errors.setdefault("adjustment_date", []).append(
                    _("Protokollet kan inte anslås innan det är justerat.")
                )
            if not self.minutes_location.strip():
                errors.setdefault("minutes_location", []).append(
                    _("Ange var protokollet förvaras.")
                )
        if self.notice_kind == NoticeKind.MEETING and not self.meeting_date:
            errors.setdefault("meeting_date", []).append(_("Ange när sammanträdet hålls."))
        if self.earliest_removal_date:
            minimum = self.minimum_removal_date(posting)
            if self.earliest_removal_date < minimum:
                errors.setdefault("earliest_removal_date", []).append(
                    _("Anslaget får tas ner tidigast %(date)s.")
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
