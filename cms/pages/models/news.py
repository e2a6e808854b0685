"""News items (nyheter) and their index."""

from django.utils.translation import gettext_lazy as _

from .base import ArticlePage, IndexPage, article_content_panels


class NewsIndexPage(IndexPage):
    """The news section of one locale."""

    subpage_types = ["pages.NewsPage"]

    class Meta:
        verbose_name = _("news archive")
        verbose_name_plural = _("news archive")


class NewsPage(ArticlePage):
    """A news item for any audience: residents, staff, the outside world."""

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []
    content_panels = article_content_panels()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
