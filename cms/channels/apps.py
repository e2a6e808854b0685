"""App config of the print channels: INblick editions, the local-press page, item PDFs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """Wires the channels' side effects explicitly (DESIGN.md §7)."""

    name = "cms.channels"
    label = "channels"
    verbose_name = _("Print channels")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .mail import register_edition_source
        from .models import LocalPressPage, NewspaperFormat
        from .permissions import PRINT_ACTIONS, PrintPermissionPolicy
        from .signal_handlers import register_signal_handlers

        # The local-press page and the newspaper formats belong to the communicators
        # as a whole, as the e-mail channel does: no model permissions to grant.
        for model in (LocalPressPage, NewspaperFormat):
            register_permission_policy(model, PrintPermissionPolicy(model, PRINT_ACTIONS))
        register_edition_source()
        register_signal_handlers()
