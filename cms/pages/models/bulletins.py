"""Staff bulletins (personalblad, the INblick magazine) and their index."""

from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from cms.snippets.models import AudienceCode

from .base import ArticlePage, IndexPage, article_content_panels


class StaffBulletinIndexPage(IndexPage):
    """INblick: the staff bulletin section of one locale."""

    # INblick's editions (cms.channels) are made of bulletins and news; they live here.
    subpage_types = ["pages.StaffBulletinPage", "channels.Edition"]

    class Meta:
        verbose_name = _("INblick (personalblad)")
        verbose_name_plural = _("INblick (personalblad)")


class StaffBulletinPage(ArticlePage):
    """A staff bulletin: for staff only by construction, optionally for some units."""

    target_units = ParentalManyToManyField(
        "snippets.Unit",
        verbose_name=_("riktat till enheter"),
        blank=True,
        related_name="+",
        help_text=_("Lämna tomt för att nå alla medarbetare. Underenheter ingår."),
    )

    fixed_audience_codes = frozenset({AudienceCode.STAFF})
    review_interval_days = 365

    parent_page_types = ["pages.StaffBulletinIndexPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels(
        FieldPanel("target_units"), ownership=("owner_unit", "topics")
    )

    class Meta:
        verbose_name = _("personalblad")
        verbose_name_plural = _("personalblad")

    def fixed_audience_message(self):
        """Explain the staff-only rule."""
        return _("Ett personalblad är bara för medarbetare och kan inte ha externa målgrupper.")
