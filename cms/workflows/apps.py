"""App config for the editorial workflow."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    """Wires the workflow's side effects explicitly (DESIGN.md §7)."""

    name = "cms.workflows"
    label = "workflows"
    verbose_name = _("Workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.pages.workflow_routing import register_workflow_router

        from . import signal_handlers
        from .panels import attach_release_plan_panel
        from .routing import workflow_for

        # The page types never import the workflows; the workflows route them.
        register_workflow_router(workflow_for)
        signal_handlers.register_signal_handlers()
        attach_release_plan_panel()
