"""Search's own data: the stored vocabulary of the public items."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredVocabulary(models.Model):
    """The words of the public items, built once and shared by every process.

    One row (``pk=1``). Built in the background (``search.tasks.refresh_vocabulary``)
    so that no search request waits for a scan of every item; each process loads the
    newest row into memory (``search.vocabulary.get_vocabulary``).
    """

    SINGLETON_PK = 1

    built_at = models.DateTimeField(_("built"))
    item_count = models.PositiveIntegerField(_("number of items"), default=0)
    #: Folded word → number of public items that contain it.
    counts = models.JSONField(_("words"), default=dict)
    #: Folded word or stem → how it is written (``snorojning`` → ``snöröjning``).
    spellings = models.JSONField(_("spellings"), default=dict)

    class Meta:
        verbose_name = _("search vocabulary")
        verbose_name_plural = _("search vocabulary")

    def __str__(self):
        return f"{len(self.counts)} ord, {self.built_at:%Y-%m-%d %H:%M}"
