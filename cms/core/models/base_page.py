"""The abstract base page every Enkanal page type derives from."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.core.forms import EnkanalPageForm


class BasePage(Page):
    """Shared behaviour of every Enkanal page.

    Enkanal is headless: pages are rendered by the frontends through the API. Wagtail
    renders a page itself only for the editor's preview in the admin.
    """

    base_form_class = EnkanalPageForm
    preview_template = "core/preview.html"

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        """Every type previews through one template that renders the shared fields."""
        return self.preview_template

    @classmethod
    def type_label(cls):
        """The page type's human name (used in listings and e-mails)."""
        return cls._meta.verbose_name or _("sida")
