"""Search with filters, and autocomplete suggestions for the search field's script.

The API's ``GET search`` (``q``, ``type``, ``topic``, ``locale``, ``page``, ``page_size``;
answers ``results`` with snippets, ``total``, ``has_next`` and a ``corrected_query``) and
``GET search/suggest``. When search does not answer, the page says so instead of failing.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse

from .. import api
from ..text import words
from . import content
from .base import client, language_of, reader_token, render_page, section_alternates

TYPES = ("news", "notice", "press_release")
INTRANET_TYPES = ("staff_bulletin", "news", "notice", "press_release")
QUERY_MAX_LENGTH = 200
PAGE_SIZE = 10
MAX_PAGE = 100


def _page_number(value) -> int:
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def search(request):
    """Results for ``q`` with type and topic filters, paged by cursor."""
    from django.conf import settings

    language = language_of(request)
    t = words(language)
    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    item_type = request.GET.get("typ") or request.GET.get("type") or ""
    topic = request.GET.get("amne") or request.GET.get("topic") or ""
    types = INTRANET_TYPES if settings.SITE == "intranet" else TYPES
    if item_type not in types:
        item_type = ""
    results, unavailable = None, False
    token = reader_token(request)
    page = _page_number(request.GET.get("sida"))
    if query:
        params = {
            "q": query,
            "locale": language if settings.SITE == "public" else None,
            "type": item_type or None,
            "topic": topic or None,
            "page": page,
            "page_size": PAGE_SIZE,
        }
        try:
            results = client().get("search", params, token=token)
        except (api.ApiNotFound, api.ApiUnavailable):
            unavailable = True
    query_string = {k: v for k, v in {"q": query, "typ": item_type, "amne": topic}.items() if v}
    next_query = previous_query = ""
    if results and results.get("has_next"):
        next_query = "?" + urlencode({**query_string, "sida": page + 1})
    if results and page > 1:
        previous_query = "?" + urlencode({**query_string, "sida": page - 1})
    corrected = (results or {}).get("corrected_query")
    try:
        topic_options = content.topics(language if settings.SITE == "public" else None, token)
    except api.ApiUnavailable:
        topic_options = []
    return render_page(
        request,
        "frontend/search.html",
        {
            "query": query,
            "results": results,
            "unavailable": unavailable,
            "item_type": item_type,
            "types": [(code, t[f"type_{code}"]) for code in types],
            "topic": topic,
            "topics": topic_options,
            "next_query": next_query,
            "previous_query": previous_query,
            "corrected_query": corrected,
            "corrected_link": "?" + urlencode({**query_string, "q": corrected})
            if corrected
            else "",
        },
        language=language,
        title=f"{t['search']}: {query}" if query else t["search"],
        alternates=section_alternates("search") if settings.SITE == "public" else {},
    )


def suggest(request):
    """Autocomplete as JSON for the search field: ``{"suggestions": [{"title", "path"}]}``."""

    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
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
