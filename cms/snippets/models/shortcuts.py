"""Service shortcuts (e-tjänster och genvägar): the ordered list on the start page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable


class ShortcutIcon(models.TextChoices):
    """Icons the sites ship as SVG symbols (no image upload, no third-party font)."""

    NONE = "", _("No icon")
    DOCUMENT = "document", _("Document / form")
    SCHOOL = "school", _("School")
    CARE = "care", _("Care")
    RECYCLE = "recycle", _("Waste and recycling")
    BUILDING = "building", _("Building and planning")
    TRANSPORT = "transport", _("Traffic and transport")
    JOBS = "jobs", _("Jobs")
    CALENDAR = "calendar", _("Events")
    CHAT = "chat", _("Contact")
    LEAF = "leaf", _("Nature and environment")


class ShortcutPlacement(models.TextChoices):
    """Which site shows the shortcut."""

    PUBLIC = "public", _("Public site")
    INTRANET = "intranet", _("Intranet")
    BOTH = "both", _("Both")


class ServiceShortcut(Orderable):
    """A way into a service residents (or staff) come for: a page or an e-service."""

    title = models.CharField(_("title"), max_length=60)
    title_en = models.CharField(_("title (English)"), max_length=60, blank=True)
    text = models.CharField(_("short text"), max_length=140, blank=True)
    text_en = models.CharField(_("short text (English)"), max_length=140, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(
        _("e-service address"),
        blank=True,
        help_text=_("An e-service outside the site. Give either a page or an address."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=ShortcutIcon.choices, blank=True)
    placement = models.CharField(
        _("shown on"),
        max_length=10,
        choices=ShortcutPlacement.choices,
        default=ShortcutPlacement.PUBLIC,
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("text"), FieldPanel("text_en")]),
        MultiFieldPanel([PageChooserPanel("page"), FieldPanel("url")], heading=_("Link")),
        FieldRowPanel([FieldPanel("icon"), FieldPanel("placement")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("service shortcut")
        verbose_name_plural = _("service shortcuts")

    def __str__(self):
        return self.title

    def clean(self):
        """A page or an address, not both and not neither."""
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Link to either a page or an e-service address."))

    def label(self, language: str) -> tuple[str, str]:
        """Title and text in ``language`` (Swedish where no English is given)."""
        if language == "en":
            return self.title_en or self.title, self.text_en or self.text
        return self.title, self.text
