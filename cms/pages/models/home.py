"""The home page: one per locale, the root of each language's content."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.core.models import BasePage


class HomePage(BasePage):
    """The start of one locale's tree; holds one index page per item type."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.NewsIndexPage",
        "pages.NoticeBoardPage",
        "pages.PressRoomPage",
        "pages.StaffBulletinIndexPage",
    ]
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def can_create_at(cls, parent):
        """Only where some content language still lacks a home page."""
        from wagtail.models import Locale

        if not super().can_create_at(parent):
            return False
        covered = set(cls.objects.values_list("locale_id", flat=True))
        return Locale.objects.exclude(pk__in=covered).exists()

    def clean(self):
        """One home page per locale."""
        super().clean()
        others = HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("There is already a home page for this language."))
