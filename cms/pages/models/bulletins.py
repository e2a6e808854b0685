"""Staff bulletins (personalblad, the INblick magazine) and their index."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.snippets.models import AudienceCode

from .base import ArticlePage, IndexPage, article_content_panels


class StaffBulletinIndexPage(IndexPage):
    """INblick: the staff bulletin section of one locale."""

    # INblick's editions (cms.channels) are made of bulletins and news; they live here.
    subpage_types = ["pages.StaffBulletinPage", "channels.Edition"]

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
    must_read = models.BooleanField(
        _("read and confirm"),
        default=False,
        help_text=_("Every reader confirms with one click that they have read it."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        default=5,
        null=True,
        blank=True,
        help_text=_(
            "Those who have not confirmed this many days after the internal release get "
            "one reminder by e-mail. Empty: no reminder."
        ),
    )

    fixed_audience_codes = frozenset({AudienceCode.STAFF})
    review_interval_days = 365

    parent_page_types = ["pages.StaffBulletinIndexPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels(
        FieldPanel("target_units"),
        MultiFieldPanel(
            [FieldPanel("must_read"), FieldPanel("reminder_days")],
            heading=_("Read and confirm"),
        ),
        ownership=("owner_unit", "topics"),
    )

    class Meta:
        verbose_name = _("staff bulletin")
        verbose_name_plural = _("staff bulletin")

    def fixed_audience_message(self):
        """Explain the staff-only rule."""
        return _("A staff bulletin is for staff only and cannot have external audiences.")


class MustReadConfirmation(models.Model):
    """A reader's confirmation of having read a must-read bulletin (Läs och bekräfta).

    Personal data of the reader: it goes when the user is deleted (erased).
    """

    page = models.ForeignKey(
        StaffBulletinPage,
        verbose_name=_("bulletin"),
        on_delete=models.CASCADE,
        related_name="confirmations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        on_delete=models.CASCADE,
        related_name="must_read_confirmations",
    )
    confirmed_at = models.DateTimeField(_("confirmed"), auto_now_add=True)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="must_read_once_per_reader")
        ]

    def __str__(self):
        return f"{self.user} – {self.page}"
