"""What the views share: the API client, the reader's token, alternates, ``render_page``."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from .. import api
from ..context_processors import PageMeta, language_of
from ..text import LANGUAGES, home_path, section_path


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
    for translation in item.get("translations") or []:
        alternates.setdefault(translation["locale"], translation["path"])
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
    """Render a page of this site.

    The shared context comes from ``context_processors.page`` and the cache and
    language headers from ``PageHeadersMiddleware``; both read what only the view
    knows from ``request.frontend_page``.
    """
    request.frontend_page = PageMeta(
        language=language or language_of(request), alternates=alternates or {}, noindex=noindex
    )
    page = {"title": title, "description": description, "noindex": noindex, **(context or {})}
    return render(request, template, page, status=status)
