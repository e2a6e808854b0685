"""The public sitemap: what a search engine may index, from the one audience filter.

Items come from ``public()`` (through the surface); home and section pages are the
site's structure, linkable when live and not restricted. The entries are split into
pages of at most ``ENKANAL_API_SITEMAP_PAGE_SIZE`` (the sitemap protocol allows
50,000 URLs per file), from which the public site builds its sitemap index.
"""

from __future__ import annotations

import math

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from wagtail.models import Page

from cms.pages.models import HomePage, NewsIndexPage, NoticeBoardPage, PressRoomPage
from cms.pages.paths import frontend_path

from .. import conf
from ..schemas.common import responses
from ..schemas.sitemap import Sitemap
from ..surfaces import Surface

#: The structure pages the public site shows (never the staff bulletins' section).
STRUCTURE_MODELS = (HomePage, NewsIndexPage, NoticeBoardPage, PressRoomPage)
FIELDS = ("pk", "url_path", "locale__language_code", "last_published_at", "translation_key")


def structure_pages():
    """Home and public section pages, live and outside any view restriction."""
    return Page.objects.live().public().type(*STRUCTURE_MODELS).order_by("path")


def build_router(surface: Surface) -> Router:
    """The sitemap router (public surface only)."""
    router = Router(tags=[_("Structure")])

    @router.get(
        "/sitemap",
        response=responses(surface, Sitemap, 404),
        summary=_("Sitemap"),
        operation_id=f"{surface.name}_sitemap",
    )
    def sitemap(request, page: int = Query(1, ge=1, le=10_000)):
        """Every public page with its last change and its translations, one file a page."""
        size = conf.get("ENKANAL_API_SITEMAP_PAGE_SIZE")
        structure = list(structure_pages().values_list(*FIELDS))
        items = surface.items(request).order_by("pk")
        total = len(structure) + items.count()
        pages = max(1, math.ceil(total / size))
        if page > pages:
            raise Http404(_("The sitemap does not have that many pages."))
        start, end = (page - 1) * size, page * size
        rows = structure[start:end]
        if end > len(structure):
            rows += items.values_list(*FIELDS)[
                max(0, start - len(structure)) : end - len(structure)
            ]
        translations = _translations(surface, request, {row[4] for row in rows})
        entries = []
        for _pk, url_path, language, published, key in rows:
            alternates = translations.get(key, [])
            entries.append(
                {
                    "url": surface.absolute_url(frontend_path(url_path, language)),
                    "lastmod": timezone.localtime(published) if published else None,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return {"page": page, "pages": pages, "entries": entries}

    return router


def _translations(surface: Surface, request, keys) -> dict:
    """Per translation key, the public pages in every language (for ``hreflang``)."""
    found: dict = {}
    for queryset in (structure_pages(), surface.items(request)):
        rows = queryset.filter(translation_key__in=keys).values_list(
            "translation_key", "url_path", "locale__language_code"
        )
        for key, url_path, language in rows.order_by("locale__language_code"):
            url = surface.absolute_url(frontend_path(url_path, language))
            found.setdefault(key, []).append({"locale": language, "url": url})
    return found
