"""The press room: press releases and press invitations."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.snippets.models import AudienceCode

from .base import ArticlePage, IndexPage, article_content_panels


class PressReleaseKind(models.TextChoices):
    """A press release, or an invitation to a press conference or event."""

    RELEASE = "release", _("Press release")
    INVITATION = "invitation", _("Press invitation")


class PressRoomPage(IndexPage):
    """The press room of one locale."""

    subpage_types = ["pages.PressReleasePage"]

    class Meta:
        verbose_name = _("press room")
        verbose_name_plural = _("press room")


class PressReleasePage(ArticlePage):
    """A press release or press invitation; always for the media at least."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=PressReleaseKind.choices, default=PressReleaseKind.RELEASE
    )
    event_start = models.DateTimeField(_("starts"), null=True, blank=True)
    event_end = models.DateTimeField(_("ends"), null=True, blank=True)
    event_location = models.CharField(_("place"), max_length=200, blank=True)
    media_contacts = ParentalManyToManyField(
        "snippets.Person",
        verbose_name=_("press contacts"),
        blank=True,
        related_name="+",
        limit_choices_to={"show_to_press": True},
    )

    mandatory_audience_codes = frozenset({AudienceCode.MEDIA})

    parent_page_types = ["pages.PressRoomPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels(
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
                FieldPanel("event_location"),
            ],
            heading=_("Press invitation"),
        ),
        FieldPanel("media_contacts", widget=forms.CheckboxSelectMultiple),
        InlinePanel("attachments", label=_("Attachments")),
    )
    search_fields = [
        *ArticlePage.search_fields,
        index.RelatedFields("media_contacts", [index.SearchField("name")]),
        index.SearchField("event_location"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def fixed_audience_message(self):
        """Explain the press rule."""
        return _("A press release must always have the Media audience.")

    def clean(self):
        """An invitation needs a time and a place; an end comes after the start."""
        super().clean()
        errors: dict[str, str] = {}
        if self.kind == PressReleaseKind.INVITATION:
            if not self.event_start:
                errors["event_start"] = _("A press invitation needs a time.")
            if not self.event_location.strip():
                errors["event_location"] = _("A press invitation needs a place.")
        if self.event_start and self.event_end and self.event_end <= self.event_start:
            errors["event_end"] = _("The end must come after the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def about_text(self) -> str:
        """The standard "about the municipality" text, in the page's language."""
        from cms.core.models import MunicipalitySettings

        site_settings = MunicipalitySettings.load()
        if self.locale.language_code == "en" and site_settings.about_municipality_en:
            return site_settings.about_municipality_en
        return site_settings.about_municipality


class PressReleaseAttachment(Orderable):
    """A document attached to a press release (report, photo pack, decision)."""

    page = ParentalKey(PressReleasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
