"""Site-wide texts the municipality keeps in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="site")
class MunicipalitySettings(BaseGenericSetting):
    """Standing texts: about the municipality (press), how to appeal (notice board)."""

    municipality_name = models.CharField(_("kommunens namn"), max_length=100, default="Ekby kommun")
    about_municipality = models.TextField(
        _("om kommunen"),
        blank=True,
        help_text=_("Standardtext som avslutar varje pressmeddelande."),
    )
    about_municipality_en = models.TextField(_("om kommunen (engelska)"), blank=True)
    appeal_instructions = models.TextField(
        _("så överklagar du"),
        blank=True,
        help_text=_("Stående text på anslagstavlan om hur man överklagar beslut."),
    )
    appeal_instructions_en = models.TextField(_("så överklagar du (engelska)"), blank=True)
    press_email = models.EmailField(_("pressens e-postadress"), blank=True)
    press_phone = models.CharField(_("pressens telefonnummer"), max_length=40, blank=True)

    panels = [
        FieldPanel("municipality_name"),
        MultiFieldPanel(
            [FieldPanel("about_municipality"), FieldPanel("about_municipality_en")],
            heading=_("Pressmeddelanden"),
        ),
        MultiFieldPanel(
            [FieldPanel("appeal_instructions"), FieldPanel("appeal_instructions_en")],
            heading=_("Anslagstavlan"),
        ),
        MultiFieldPanel([FieldPanel("press_email"), FieldPanel("press_phone")], heading=_("Press")),
    ]

    class Meta:
        verbose_name = _("kommunens standardtexter")
