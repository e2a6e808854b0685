"""Page behaviour the workflow adds to article pages (no fields, no migrations)."""

from django.conf import settings


class AudienceWorkflowMixin:
    """Chooses the workflow from the item's audiences and type (``cms.workflows.routing``).

    Wagtail's default looks up the page tree; an item's route depends on who it is
    for instead, so a staff news item and a resident news item in the same news
    section go through different workflows.
    """

    def get_workflow(self):
        """The workflow for this item's audiences and type."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        from cms.workflows.routing import workflow_for

        return workflow_for(self)

    @property
    def has_workflow(self):
        """True when a workflow applies (Wagtail asks this before offering "submit")."""
        return self.get_workflow() is not None
