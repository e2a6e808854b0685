"""What the views share: the API client, the reader's token, alternates, ``render_page``."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from .. import api
from ..context_processors import PageMeta, breadcrumbs, language_of
from ..sections import LANGUAGES, home_path, section_path


def client() -> api.ApiClient:
    return api.client()


def reader_token(request) -> str | None:
    """The intranet reader's access token (``None`` on the public site)."""
    if settings.SITE != "intranet":
        return None
    return request.session.get("access_token")


def section_alternates(section: str | None, *rest: str) -> dict[str, str]:
    """The same section in every language: ``{"sv": "/nyheter/", "en": "/en/news/"}``."""
    if section is None:
        return {code: home_path(code) for code in LANGUAGES}
    return {code: section_path(code, section, *rest) for code in LANGUAGES}


def item_alternates(item: dict) -> dict[str, str]:
    """The item's own path and its translations' paths, by language."""
    alternates = {item["locale"]: item["path"]}
    for version in item.get("translations") or []:
        alternates.setdefault(version["locale"], version["path"])
    return alternates


def render_page(
    request,
    template: str,
    context: dict | None = None,
    *,
    language: str | None = None,
    title: str = "",
    alternates: dict[str, str] | None = None,
    status: int = 200,
    noindex: bool = False,
    description: str = "",
):
    """Render a page of this site in its language.

    The shared context comes from ``context_processors.page`` and the cache and
    language headers from ``PageHeadersMiddleware``; both read what only the view
    knows from ``request.frontend_page``. The words are translated into the page's
    language, which for an item is its own locale, whatever its path says.
    """
    meta = PageMeta(
        language=language or language_of(request), alternates=alternates or {}, noindex=noindex
    )
    request.frontend_page = meta
    page = {
        "title": title,
        "description": description,
        "noindex": noindex,
        "breadcrumbs": breadcrumbs(request.path, meta.language, title),
        **(context or {}),
    }
    with translation.override(meta.language):
        return render(request, template, page, status=status)
