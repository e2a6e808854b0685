"""The concrete article base and the index-page base.

``ArticlePage`` is concrete (multi-table) rather than abstract on purpose: every item,
whatever its type, has its owner unit, audiences and release plan in one table, so the
one audience filter (DESIGN.md §6.1) is a single indexed query across all types.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, Revision
from wagtail.search import index

from cms.core.models import BasePage
from cms.core.panels import AudiencePanel
from cms.pages.models.mixins import (
    ArticleContentMixin,
    AudienceMixin,
    ReleasePlanMixin,
    ReviewDateMixin,
)
from cms.pages.querysets import ArticlePageQuerySet
from cms.pages.workflow_routing import route_workflow


def _ownership_panel(name):
    if name == "audiences":
        return AudiencePanel(name)
    if name == "topics":
        return FieldPanel(name, widget=forms.CheckboxSelectMultiple)
    return FieldPanel(name)


def article_content_panels(*extra, ownership=("owner_unit", "audiences", "topics")):
    """Title, summary, ownership, ``extra`` type-specific panels, main image and body.

    The audiences a type requires are shown ticked and locked (``AudiencePanel``).
    """
    return [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [_ownership_panel(name) for name in ownership],
            heading=_("Ansvar och målgrupper"),
        ),
        *extra,
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]


class ArticlePage(
    AudienceMixin,
    ReleasePlanMixin,
    ReviewDateMixin,
    ArticleContentMixin,
    BasePage,
):
    """An editorial item: news, notice, press release or staff bulletin."""

    is_creatable = False
    parent_page_types: list[str] = []
    subpage_types: list[str] = []

    #: ``public()`` and ``for_staff(user)``: the one audience filter (cms.pages.querysets).
    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    content_panels = []  # set per type with article_content_panels()
    settings_panels = [*BasePage.settings_panels, FieldPanel("review_date")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.RelatedFields("topics", [index.SearchField("name"), index.SearchField("name_en")]),
        index.FilterField("owner_unit"),
        index.FilterField("internal_release_at"),
        index.FilterField("external_release_at"),
    ]

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artiklar")
        indexes = [
            models.Index(
                fields=["external_release_at", "page_ptr"], name="article_external_release"
            ),
            # The intranet's listings order by internal release.
            models.Index(
                fields=["internal_release_at", "page_ptr"], name="article_internal_release"
            ),
        ]

    def clean(self):
        """Apply fixed audiences, then validate them (runs on every live save too)."""
        super().clean()
        self.apply_fixed_audiences()
        self.clean_audiences()

    def save(self, *args, **kwargs):
        """Fill the default review date when the item goes live."""
        self.apply_default_review_date()
        return super().save(*args, **kwargs)

    def get_workflow(self):
        """The workflow for this item's audiences and type (``route_workflow``).

        Wagtail's default looks up the page tree; an item's route depends on who it is
        for instead, so a staff news item and a resident news item in the same news
        section go through different workflows.
        """
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        return route_workflow(self)

    @property
    def has_workflow(self):
        """True when a workflow applies (Wagtail asks this before offering "submit")."""
        return self.get_workflow() is not None

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        """Save a revision with the page row locked, so autosave never races a submit.

        Autosave overwrites the revision it made last. Wagtail checks that this is
        still the latest against the page as loaded when the request began, and the
        edit view writes that stale page back before saving; a submit running at the
        same moment could have saved (and sent to moderation) a newer revision since.
        Locking the row and asking the revisions themselves which is the latest makes
        a late autosave fail as out of date instead of superseding the submitted one.
        """
        if self.pk is None:
            return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=self.pk).values_list("pk"))
            latest = Revision.objects.for_instance(self).order_by("-pk").first()
            if overwrite_revision is not None and (
                latest is None or latest.pk != overwrite_revision.pk
            ):
                raise PermissionDenied(gettext("Saving will overwrite a newer version."))
            self.latest_revision = latest
            return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)


class IndexPage(BasePage):
    """Abstract base for the one-per-home index pages (news, notice board, ...)."""

    intro = models.TextField(_("inledning"), blank=True)

    max_count_per_parent = 1
    parent_page_types = ["pages.HomePage"]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True
