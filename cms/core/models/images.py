"""The image model: alt text is required, because every image reaches the public."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class EnkanalImage(AbstractImage):
    """An image with required alternative text and a credit line."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_(
            "Describe what the image shows for those who cannot see it (required by WCAG 2.1)."
        ),
    )
    credit = models.CharField(_("photographer/source"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        """The required alt text; used wherever an image is rendered."""
        return self.alt_text

    def clean(self):
        """Refuse alt text of only blanks (empty alt text is the field's own error)."""
        super().clean()
        if self.alt_text:
            # An empty value already fails the field's blank check; reporting it here as
            # well would show the editor the same problem twice.
            self._check_alt_text()

    def save(self, *args, **kwargs):
        """Check alt text on every save, so no code path stores an image without it."""
        self._check_alt_text()
        super().save(*args, **kwargs)

    def _check_alt_text(self):
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("The image must have an alternative text.")})


class EnkanalRendition(AbstractRendition):
    """Renditions of ``EnkanalImage``."""

    image = models.ForeignKey(EnkanalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
