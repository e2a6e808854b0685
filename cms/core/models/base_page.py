"""The abstract base page every Enkanal page type derives from."""

from django.db import transaction
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

    def publish(self, revision, *args, **kwargs):
        """Validate the revision, then publish or schedule it in one transaction.

        Wagtail validates a page only when it is saved live, so a revision scheduled for
        later would be accepted unchecked and fail in the worker when it goes live; and
        a publish refused by validation would already have cleared other revisions'
        schedules. Checking first and wrapping the whole publication in a transaction
        keeps every rule in force and a refused publish free of side effects.
        """
        with transaction.atomic():
            revision.as_object().full_clean()
            return super().publish(revision, *args, **kwargs)

    @classmethod
    def type_label(cls):
        """The page type's human name (used in listings and e-mails)."""
        return cls._meta.verbose_name or _("page")
