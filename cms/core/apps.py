"""App config for Enkanal's core: base page, mixins, media models, site settings."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Wires the core's side effects explicitly (DESIGN.md §7)."""

    name = "cms.core"
    label = "core"
    verbose_name = _("Enkanal")

    def ready(self):
        from . import checks  # noqa: F401 – registers the deployment checks
        from .locales import sync_locales

        # Locales follow WAGTAIL_CONTENT_LANGUAGES on every migrate, so a language
        # added in settings exists as a Wagtail locale without manual steps.
        post_migrate.connect(sync_locales, dispatch_uid="enkanal_sync_locales")
