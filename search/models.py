"""Search's own data: the stored vocabularies, one per audience."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredVocabulary(models.Model):
    """The words of one audience's items, built once and shared by every process.

    One row per audience (``public``, ``staff``). Built in the background
    (``search.tasks.refresh_vocabulary``) so that no search request waits for a scan of
    every item; each process loads the newest row into memory
    (``search.vocabulary.get_vocabulary``).
    """

    class Audience(models.TextChoices):
        """Whose items a vocabulary holds."""

        PUBLIC = "public", _("Allmänheten")
        STAFF = "staff", _("Medarbetare")

    audience = models.CharField(
        _("målgrupp"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC, unique=True
    )
    built_at = models.DateTimeField(_("byggd"))
    item_count = models.PositiveIntegerField(_("antal artiklar"), default=0)
    #: Folded word → number of the audience's items that contain it.
    counts = models.JSONField(_("ord"), default=dict)
    #: Folded word or stem → how it is written (``snorojning`` → ``snöröjning``).
    spellings = models.JSONField(_("stavningar"), default=dict)

    class Meta:
        verbose_name = _("sökordförråd")
        verbose_name_plural = _("sökordförråd")

    def __str__(self):
        return f"{self.audience}: {len(self.counts)} ord, {self.built_at:%Y-%m-%d %H:%M}"
