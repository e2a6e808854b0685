"""Search with filters, and autocomplete suggestions for the search field's script.

The API's ``GET search`` (``q``, ``type``, ``topic``, ``locale``, ``page``, ``page_size``;
answers ``results`` with snippets, ``total``, ``has_next`` and a ``corrected_query``) and
``GET search/suggest``. When search does not answer, the page says so instead of failing.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .. import api
from ..forms import SearchForm
from ..labels import TYPE_LABELS
from . import content
from .base import client, language_of, reader_token, render_page, section_alternates

TYPES = ("news", "notice", "press_release")
INTRANET_TYPES = ("staff_bulletin", "news", "notice", "press_release")
PAGE_SIZE = 10


def _results(params: dict, language: str, token) -> tuple[dict | None, bool]:
    """The API's answer for the search and whether search was unavailable."""

    if not params["q"]:
        return None, False
    query = {
        "q": params["q"],
        "locale": language if settings.SITE == "public" else None,
        "type": params["typ"] or None,
        "topic": params["amne"] or None,
        "page": params["sida"],
        "page_size": PAGE_SIZE,
    }
    try:
        return client().get("search", query, token=token), False
    except (api.ApiNotFound, api.ApiUnavailable):
        return None, True


def _links(params: dict, results: dict | None) -> dict:
    """Query strings for the next and previous page and the corrected query."""
    kept = {name: params[name] for name in ("q", "typ", "amne") if params[name]}
    page = params["sida"]
    results = results or {}
    corrected = results.get("corrected_query")
    return {
        "next_query": "?" + urlencode({**kept, "sida": page + 1})
        if results.get("has_next")
        else "",
        "previous_query": "?" + urlencode({**kept, "sida": page - 1})
        if results and page > 1
        else "",
        "corrected_query": corrected,
        "corrected_link": "?" + urlencode({**kept, "q": corrected}) if corrected else "",
    }


def search(request):
    """Results for ``q`` with type and topic filters, paged."""

    language = language_of(request)
    types = INTRANET_TYPES if settings.SITE == "intranet" else TYPES
    params = SearchForm(request.GET, types=types).values
    token = reader_token(request)
    results, unavailable = _results(params, language, token)
    try:
        topic_options = content.topics(language if settings.SITE == "public" else None, token)
    except api.ApiUnavailable:
        topic_options = []
    query = params["q"]
    return render_page(
        request,
        "frontend/search.html",
        {
            "query": query,
            "results": results,
            "unavailable": unavailable,
            "item_type": params["typ"],
            "types": [(code, TYPE_LABELS[code]) for code in types],
            "topic": params["amne"],
            "topics": topic_options,
            **_links(params, results),
        },
        language=language,
        title=f"{_('Search')}: {query}" if query else _("Search"),
        description=_("Search the website of %(name)s.") % {"name": settings.SITE_NAME},
        alternates=section_alternates("search") if settings.SITE == "public" else {},
    )


def suggest(request):
    """Autocomplete as JSON for the search field: ``{"suggestions": [{"title", "path"}]}``."""

    query = SearchForm(request.GET).values["q"]
    suggestions = []
    if len(query) >= 2:
        params = {"q": query, "limit": 8}
        try:
            data = client().get("search/suggest", params, token=reader_token(request))
        except api.ApiError:
            data = {}
        raw = data.get("suggestions", data.get("items", [])) if isinstance(data, dict) else data
        for entry in raw[:8]:
            if isinstance(entry, str):
                suggestions.append({"title": entry, "path": ""})
            elif isinstance(entry, dict) and entry.get("title"):
                suggestions.append({"title": entry["title"], "path": entry.get("path", "")})
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "private, max-age=60"
    return response
