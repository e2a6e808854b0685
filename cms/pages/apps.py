"""App config for Enkanal's page types."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """News, notices, press releases, staff bulletins, and their index pages."""

    name = "cms.pages"
    label = "pages"
    verbose_name = _("Page types")
