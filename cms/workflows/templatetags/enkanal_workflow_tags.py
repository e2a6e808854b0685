"""Template tags for the workflow's admin views and side panel."""

from django import template

register = template.Library()


@register.simple_tag
def release_plan(page):
    """The stored release plan of an article (a draft object may carry stale values)."""
    from cms.workflows.guard import is_guarded
    from cms.workflows.release import stored_plan

    if page is None or not getattr(page, "pk", None) or not is_guarded(page):
        return None
    internal, external = stored_plan(page)
    return {
        "internal_release_at": internal,
        "external_release_at": external,
        "staff_only": internal is not None and external is None,
    }
