"""People: contact persons and media contacts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class PersonQuerySet(models.QuerySet):
    """Queries over contact people."""

    def media_contacts(self):
        """People who may be shown to the press."""
        return self.filter(show_to_press=True)


class Person(index.Indexed, models.Model):
    """A contact person; ``show_to_press`` makes them a media contact."""

    name = models.CharField(_("name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    title_en = models.CharField(_("job title in English"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "snippets.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    show_to_press = models.BooleanField(
        _("shown to the media"),
        default=False,
        help_text=_("Shown as a press contact in the press room and on press releases."),
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("job_title"),
                FieldPanel("title_en"),
                FieldPanel("unit"),
            ],
            heading=_("Person"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        FieldPanel("show_to_press"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("job_title"),
        index.AutocompleteField("name"),
        index.FilterField("show_to_press"),
        index.FilterField("unit_id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name}, {self.job_title}" if self.job_title else self.name
