"""INblick editions: the staff magazine, made of items already released to staff.

An edition is a page under the INblick section with an owner unit (the editorial unit)
and staff as its only audience, so it goes through the staff workflow like any staff
item: the unit's manager approves it before it is published (cms.workflows). Once
published it is an intranet page, one e-mail to staff through the outbox and an A4
PDF – all three from the same chosen items.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.models import BasePage
from cms.pages.models.mixins import AudienceMixin
from cms.pages.workflow_routing import route_workflow
from cms.snippets.models import AudienceCode

from ..forms import EditionForm
from ..selection import edition_candidates

#: What the foreword may contain: running text with emphasis, links and lists.
FOREWORD_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Edition(AudienceMixin, BasePage):
    """One issue of INblick: number, date, the editor's foreword and the chosen items."""

    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The edition's number within its year.")
    )
    issue_date = models.DateField(_("issue date"), default=timezone.localdate)
    foreword = RichTextField(_("editor's foreword"), features=FOREWORD_FEATURES, blank=True)
    foreword_by = models.CharField(
        _("foreword signed by"),
        max_length=150,
        blank=True,
        help_text=_("E.g. Anna Berg, editor"),
    )
    cover_image = models.ForeignKey(
        "core.EnkanalImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the main image of the first item that has one."),
    )

    fixed_audience_codes = frozenset({AudienceCode.STAFF})
    #: Set by the admin form while it validates: it checks the rows as submitted.
    entries_checked_by_form = False

    base_form_class = EditionForm
    parent_page_types = ["pages.StaffBulletinIndexPage"]
    subpage_types: list[str] = []
    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("issue_date")]),
        FieldPanel("owner_unit", help_text=_("The editorial unit: its manager approves.")),
        MultiFieldPanel(
            [FieldPanel("foreword"), FieldPanel("foreword_by")],
            heading=_("Editor's foreword"),
        ),
        FieldPanel("cover_image"),
        InlinePanel(
            "entries",
            heading=_("Items"),
            label=_("Item"),
            help_text=_(
                "Bulletins and news already released to all staff, in the order they are printed."
            ),
            min_num=1,
        ),
    ]
    search_fields = [*BasePage.search_fields, index.FilterField("issue_date")]

    class Meta:
        verbose_name = _("INblick edition")
        verbose_name_plural = _("INblick editions")

    def __str__(self):
        return self.title

    def get_workflow(self):
        """The staff workflow: the editorial unit's manager approves (``route_workflow``)."""
        return route_workflow(self)

    @property
    def has_workflow(self):
        """True when a workflow applies (Wagtail asks this before offering "submit")."""
        return self.get_workflow() is not None

    def save(self, *args, **kwargs):
        """Staff, always: a draft saved from code is not validated, and would have none."""
        self.apply_fixed_audiences()
        return super().save(*args, **kwargs)

    def fixed_audience_message(self):
        """Explain the staff-only rule."""
        return _("An INblick edition is for staff only.")

    @property
    def year(self) -> int:
        """The year the edition's number counts in."""
        return self.issue_date.year

    @property
    def language(self) -> str:
        """The edition's language: its items are in it too."""
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    def release_time(self) -> datetime.datetime:
        """When the edition goes out: its scheduled publication, else now."""
        now = timezone.now()
        return self.go_live_at if self.go_live_at and self.go_live_at > now else now

    def chosen_item_ids(self) -> list[int]:
        """The ids of the chosen items in their order (in-memory entries included)."""
        return [entry.item_id for entry in self.entries.all() if entry.item_id]

    def items(self, queryset=None, specific=True):
        """The chosen items that ``queryset`` lets through (default: all staff, now), in order.

        Every channel of the edition reads its items here, through the one audience
        filter, so an item withdrawn after it was chosen drops out of all of them.
        """
        ids = self.chosen_item_ids()
        queryset = edition_candidates(language=self.language) if queryset is None else queryset
        queryset = queryset.filter(pk__in=ids)
        found = {page.pk: page for page in (queryset.specific() if specific else queryset)}
        return [found[pk] for pk in ids if pk in found]

    def clean(self):
        """Staff only; a number unique in its year; every item released to all staff."""
        super().clean()
        self.apply_fixed_audiences()
        self.clean_audiences()
        errors: dict[str, list] = {}
        if self.number is not None and self.issue_date is not None:
            same = Edition.objects.filter(number=self.number, issue_date__year=self.year)
            if self.translation_key:
                same = same.exclude(translation_key=self.translation_key)
            if same.exists():
                errors.setdefault("number", []).append(
                    _("There is already an edition number %(number)s in %(year)s.")
                    % {"number": self.number, "year": self.year}
                )
        if errors:
            raise ValidationError(errors)
        if self.entries_checked_by_form:
            return
        ids = self.chosen_item_ids()
        allowed = set(
            edition_candidates(self.release_time(), self.language)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        refused = [e for e in self.entries.all() if e.item_id and e.item_id not in allowed]
        if refused:
            raise ValidationError(
                _("Only items released to all staff can be in an edition; not so: %(items)s.")
                % {"items": ", ".join(f"”{e.item.title}”" for e in refused)}
            )


class EditionEntry(Orderable):
    """One item in an edition, in print order."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(
        "pages.ArticlePage",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = _("item in an edition")
        verbose_name_plural = _("items in an edition")
