"""Staff bulletins (personalblad, the INblick magazine) and their index."""

from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from cms.snippets.models import AudienceCode

from .base import ArticlePage, IndexPage, article_content_panels


class StaffBulletinIndexPage(IndexPage):
    """INblick: the staff bulletin section of one locale."""

    subpage_types = ["pages.StaffBulletinPage"]

    class Meta:
        verbose_name = _("INblick (staff bulletin)")
        verbose_name_plural = _("INblick (staff bulletin)")


class StaffBulletinPage(ArticlePage):
    """A staff bulletin: for staff only by construction, optionally for some units."""

    target_units = ParentalManyToManyField(
        "snippets.Unit",
        verbose_name=_("targeted at units"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to reach all staff. Sub-units are included."),
    )

    fixed_audience_codes = frozenset({AudienceCode.STAFF})
    review_interval_days = 365

    parent_page_types = ["pages.StaffBulletinIndexPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels(
        FieldPanel("target_units"), ownership=("owner_unit", "topics")
    )

    class Meta:
        verbose_name = _("staff bulletin")
        verbose_name_plural = _("staff bulletin")

    def fixed_audience_message(self):
        """Explain the staff-only rule."""
        return _("A staff bulletin is for staff only and cannot have external audiences.")
