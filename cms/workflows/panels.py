"""The release plan as an admin panel of the article types, attached by this app.

Wagtail's page editor has no hook for the status side panel, and copying its
templates would break silently on upgrade; a panel of our own, added to the article
types' settings tab beside the go-live and expiry dates, is the Wagtail way (Wagtail
attaches its comments panel to every page type the same way).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .guard import is_guarded
from .release import stored_plan


def release_plan(page) -> dict | None:
    """The stored release plan of an article (a draft object may carry stale values)."""
    if page is None or not getattr(page, "pk", None) or not is_guarded(page):
        return None
    internal, external = stored_plan(page)
    return {
        "internal_release_at": internal,
        "external_release_at": external,
        "staff_only": internal is not None and external is None,
    }


class ReleasePlanPanel(Panel):
    """When the item reaches the intranet and when the public (read-only)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Release plan"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/panels/release_plan.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.plan = release_plan(self.instance)

        def is_shown(self):
            # A page not saved yet has no plan to show: the create view shows nothing.
            return self.plan is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["plan"] = self.plan
            return context


def attach_release_plan_panel():
    """Add the panel to the article types' settings tab (from ``WorkflowsConfig.ready``)."""
    from cms.pages.models import ArticlePage

    if not any(isinstance(panel, ReleasePlanPanel) for panel in ArticlePage.settings_panels):
        ArticlePage.settings_panels = [*ArticlePage.settings_panels, ReleasePlanPanel()]
