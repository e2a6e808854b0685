"""The document model, able to keep documents of staff-only items internal."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class EnkanalDocument(AbstractDocument):
    """A document; ``is_internal`` keeps it off every public surface, ``is_public``
    lets anyone download it without an item referring to it."""

    is_internal = models.BooleanField(
        _("endast internt"),
        default=False,
        help_text=_("Interna dokument visas bara för inloggade medarbetare, aldrig publikt."),
    )

    is_public = models.BooleanField(
        _("publikt utan artikel"),
        default=False,
        help_text=_(
            "Får laddas ned av vem som helst även om ingen publicerad artikel länkar till "
            "dokumentet (t.ex. en blankett). Annars visas dokumentet bara för den som får "
            "se en artikel som länkar till det."
        ),
    )

    admin_form_fields = (*Document.admin_form_fields, "is_internal", "is_public")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")

    def clean(self):
        """An internal document cannot be public as well."""
        super().clean()
        if self.is_internal and self.is_public:
            raise ValidationError({"is_public": _("Ett internt dokument kan inte vara publikt.")})
