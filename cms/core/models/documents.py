"""The document model, able to keep documents of staff-only items internal."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class EnkanalDocument(AbstractDocument):
    """A document; ``is_internal`` keeps it off every public surface, ``is_public``
    lets anyone download it without an item referring to it."""

    is_internal = models.BooleanField(
        _("internal only"),
        default=False,
        help_text=_("Internal documents are shown only to signed-in staff, never publicly."),
    )

    is_public = models.BooleanField(
        _("public without an item"),
        default=False,
        help_text=_(
            "Anyone may download it even when no published item links to the document (a form, "
            "for example). Otherwise the document is shown only to those who may see an item "
            "that links to it."
        ),
    )

    admin_form_fields = (*Document.admin_form_fields, "is_internal", "is_public")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("document")

    def clean(self):
        """An internal document cannot be public as well."""
        super().clean()
        if self.is_internal and self.is_public:
            raise ValidationError({"is_public": _("An internal document cannot be public.")})
