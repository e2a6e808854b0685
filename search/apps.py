"""App config for search: configuration and audience-safe queries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search configuration and audience-safe search queries (filled by the search work)."""

    name = "search"
    label = "enkanal_search"
    verbose_name = _("Search")

    def ready(self):
        """Schedule the vocabulary's rebuild with the rest of the periodic work."""
        from django.conf import settings

        from cms.core import periodic

        from .tasks import vocabulary_refresh

        # Started by ``manage.py enkanal_scheduler``; the worker runs it.
        periodic.register(vocabulary_refresh, lambda: settings.ENKANAL_SEARCH_VOCABULARY_TTL)
