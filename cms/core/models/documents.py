"""The document model, able to keep documents of staff-only items internal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class EnkanalDocument(AbstractDocument):
    """A document; ``is_internal`` keeps it off every public surface."""

    is_internal = models.BooleanField(
        _("endast internt"),
        default=False,
        help_text=_("Interna dokument visas bara för inloggade medarbetare, aldrig publikt."),
    )

    admin_form_fields = (*Document.admin_form_fields, "is_internal")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
