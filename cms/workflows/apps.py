"""App config for the editorial workflow."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """Wires the workflow's side effects explicitly (DESIGN.md §7)."""

    name = "cms.workflows"
    label = "workflows"
    verbose_name = _("Arbetsflöde")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register_signal_handlers()
