"""Template tags of editorial quality (the LIX score in the page editor)."""

from django import template

from cms.editorial.readability import page_lix

register = template.Library()


@register.inclusion_tag("editorial/lix_panel.html")
def lix_panel(page):
    """The LIX score of an article's title, summary and body, with its warnings."""
    specific = getattr(page, "specific_deferred", page)
    return {"page": page, "result": page_lix(specific)}
