"""App config for search: configuration and audience-safe queries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search configuration and audience-safe search queries (filled by the search work)."""

    name = "search"
    label = "enkanal_search"
    verbose_name = _("Sök")
