"""Site-wide texts the municipality keeps in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class MunicipalitySettings(BaseGenericSetting):
    """Standing texts: about the municipality (press), how to appeal (notice board)."""

    municipality_name = models.CharField(
        _("municipality's name"), max_length=100, default="Ekby kommun"
    )
    about_municipality = models.TextField(
        _("about the municipality"),
        blank=True,
        help_text=_("Standard text that ends every press release."),
    )
    about_municipality_en = models.TextField(_("about the municipality (English)"), blank=True)
    appeal_instructions = models.TextField(
        _("how to appeal"),
        blank=True,
        help_text=_("Standing text on the notice board on how to appeal decisions."),
    )
    appeal_instructions_en = models.TextField(_("how to appeal (English)"), blank=True)
    press_email = models.EmailField(_("press e-mail address"), blank=True)
    press_phone = models.CharField(_("press phone number"), max_length=40, blank=True)

    panels = [
        FieldPanel("municipality_name"),
        MultiFieldPanel(
            [FieldPanel("about_municipality"), FieldPanel("about_municipality_en")],
            heading=_("Press releases"),
        ),
        MultiFieldPanel(
            [FieldPanel("appeal_instructions"), FieldPanel("appeal_instructions_en")],
            heading=_("Notice board"),
        ),
        MultiFieldPanel([FieldPanel("press_email"), FieldPanel("press_phone")], heading=_("Press")),
    ]

    class Meta:
        verbose_name = _("municipality's standard texts")
