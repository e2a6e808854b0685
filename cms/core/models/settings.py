"""Site-wide texts and the identity the municipality keeps in one place.

A second municipality runs Enkanal by changing these settings and its content only:
name, logo, colours, contact details, opening hours and social media links all reach
the sites through the API (``/site``), never from code.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from cms.core.colours import AA_TEXT_CONTRAST, HEX_COLOUR, contrast_ratio, hex_colour_validator


class OpeningHoursBlock(blocks.StructBlock):
    """One line of opening hours: which days, and when."""

    days = blocks.CharBlock(label=_("Days"), max_length=80, help_text=_("E.g. Måndag–torsdag"))
    days_en = blocks.CharBlock(label=_("Days (English)"), max_length=80, required=False)
    hours = blocks.CharBlock(label=_("Hours"), max_length=80, help_text=_("E.g. 08.00–16.30"))

    class Meta:
        icon = "time"
        label = _("Opening hours")


SOCIAL_SERVICES = [
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("youtube", "YouTube"),
    ("x", "X"),
    ("mastodon", "Mastodon"),
    ("other", _("Other")),
]


class SocialLinkBlock(blocks.StructBlock):
    """A link to the municipality's account on a social media service."""

    service = blocks.ChoiceBlock(choices=SOCIAL_SERVICES, label=_("Service"))
    url = blocks.URLBlock(label=_("Address"))
    label = blocks.CharBlock(
        label=_("Name"),
        max_length=80,
        required=False,
        help_text=_("Shown instead of the service's name."),
    )

    class Meta:
        icon = "link"
        label = _("Social media link")


#: The colour tokens and their defaults (Ekby's blue on white).
COLOUR_DEFAULTS = {
    "colour_primary": "#005a8c",
    "colour_on_primary": "#ffffff",
    "colour_accent": "#ffd166",
    "colour_on_accent": "#1a1a1a",
    "colour_text": "#1a1a1a",
    "colour_background": "#ffffff",
}

#: Pairs of tokens used as text on background, each checked against WCAG AA (4.5:1).
CONTRAST_PAIRS = (
    ("colour_text", "colour_background"),
    ("colour_primary", "colour_background"),
    ("colour_on_primary", "colour_primary"),
    ("colour_on_accent", "colour_accent"),
)


def _colour_field(name, label, help_text=""):
    return models.CharField(
        label,
        max_length=7,
        default=COLOUR_DEFAULTS[name],
        validators=[hex_colour_validator],
        help_text=help_text,
    )


@register_setting(icon="site")
class MunicipalitySettings(BaseGenericSetting):
    """The identity (logo, colours, contact, hours, social media) and the standing texts:
    about the municipality (press), how to appeal (notice board)."""

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

    # Identity
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("SVG or PNG, shown in the sites' header and in e-mails."),
    )
    logo_alt = models.CharField(
        _("logo's alternative text"),
        max_length=150,
        blank=True,
        help_text=_("Usually the municipality's name. Empty: the image's own alternative text."),
    )
    colour_primary = _colour_field(
        "colour_primary", _("primary colour"), _("Header, links and buttons.")
    )
    colour_on_primary = _colour_field("colour_on_primary", _("text on the primary colour"))
    colour_accent = _colour_field(
        "colour_accent", _("accent colour"), _("Highlights, such as the focus ring.")
    )
    colour_on_accent = _colour_field("colour_on_accent", _("text on the accent colour"))
    colour_text = _colour_field("colour_text", _("text colour"))
    colour_background = _colour_field("colour_background", _("background colour"))

    # Contact
    visiting_address = models.TextField(_("visiting address"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("switchboard phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    opening_hours = StreamField(
        [("row", OpeningHoursBlock())], verbose_name=_("opening hours"), blank=True
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social media"), blank=True
    )

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
    identity_panels = [
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("colour_primary"), FieldPanel("colour_on_primary")]),
                FieldRowPanel([FieldPanel("colour_accent"), FieldPanel("colour_on_accent")]),
                FieldRowPanel([FieldPanel("colour_text"), FieldPanel("colour_background")]),
            ],
            heading=_("Colours"),
            help_text=_("Every text colour must reach WCAG AA contrast (4.5:1) on its background."),
        ),
    ]
    contact_panels = [
        FieldRowPanel([FieldPanel("visiting_address"), FieldPanel("postal_address")]),
        FieldRowPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("organisation_number")]
        ),
        FieldPanel("opening_hours"),
        FieldPanel("social_links"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(panels, heading=_("Texts")),
            ObjectList(identity_panels, heading=_("Identity")),
            ObjectList(contact_panels, heading=_("Contact")),
        ]
    )

    class Meta:
        verbose_name = _("kommunens standardtexter")

    def clean(self):
        """Refuse colour pairs that fail WCAG AA contrast, naming both colours."""
        super().clean()
        errors = {}
        for foreground, background in CONTRAST_PAIRS:
            values = getattr(self, foreground), getattr(self, background)
            if not all(hex_colour_is_valid(value) for value in values):
                continue  # the field's own validator reports it
            ratio = contrast_ratio(*values)
            if ratio < AA_TEXT_CONTRAST:
                errors.setdefault(foreground, []).append(
                    ValidationError(
                        _(
                            "The contrast between %(foreground)s (%(fg)s) and %(background)s "
                            "(%(bg)s) is %(ratio)s:1; WCAG AA needs at least 4.5:1."
                        ),
                        code="contrast",
                        params={
                            "foreground": self._meta.get_field(foreground).verbose_name,
                            "fg": values[0],
                            "background": self._meta.get_field(background).verbose_name,
                            "bg": values[1],
                            "ratio": f"{ratio:.2f}",
                        },
                    )
                )
        if errors:
            raise ValidationError(errors)

    def colours(self) -> dict[str, str]:
        """The colour tokens by name without the ``colour_`` prefix (for the API)."""
        return {
            name.removeprefix("colour_"): getattr(self, name).lower() for name in COLOUR_DEFAULTS
        }

    def logo_alt_text(self) -> str:
        """The logo's alternative text: its own, the image's, or the municipality's name."""
        if self.logo_alt:
            return self.logo_alt
        return getattr(self.logo, "alt_text", "") or self.municipality_name


def hex_colour_is_valid(value) -> bool:
    """Whether ``value`` is ``#rrggbb``."""
    return bool(value) and bool(HEX_COLOUR.match(value))
