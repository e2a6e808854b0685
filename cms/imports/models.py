"""What an import brought in, keyed by the source system and its UID.

``ImportedObject`` makes imports idempotent and resumable: a record whose
``(system, uid)`` is known and whose fingerprint is unchanged is skipped; with
``--update`` a changed one is updated, unless the item was edited in Enkanal since
(its latest revision is no longer the import's), which is reported as a conflict.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    """One object of a source system and the Enkanal object it became."""

    system = models.CharField(_("source system"), max_length=50)
    uid = models.CharField(_("source UID"), max_length=255)
    record_type = models.CharField(_("record type"), max_length=32)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("source object ID"), null=True, blank=True)
    source_url = models.CharField(_("source URL"), max_length=1000, blank=True)
    #: The object's path on the old site, normalised (no trailing slash): resolves links.
    source_path = models.CharField(_("source path"), max_length=1000, blank=True, db_index=True)
    source_modified = models.DateTimeField(_("changed in the source"), null=True, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("import version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: Work left for the end of a run: a body whose links await targets, a redirect
    #: whose target is not imported yet. Empty when nothing is pending.
    pending = models.JSONField(_("pending"), default=dict, blank=True)
    #: What the import wrote last, to tell an editor's later change from its own:
    #: ``{"redirects": {"target": …, "paths": […]}, "object": hash}`` (documents and
    #: images; a page has its revision).
    written = models.JSONField(_("written by the import"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(fields=["system", "uid"], name="imported_object_unique_uid"),
        ]

    def __str__(self):
        return f"{self.system}:{self.uid}"

    def get_object(self):
        """The Enkanal object (specific page, document or image), or None."""
        if self.content_type_id is None or self.object_id is None:
            return None
        model = self.content_type.model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()
