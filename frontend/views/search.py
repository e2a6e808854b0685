"""Search with filters, and autocomplete suggestions for the search field's script.

Built against the search API as documented for the search issue (``GET search`` with
``q``, ``type``, ``topic``, ``cursor``; ``GET search/suggest`` with ``q``). Until that
endpoint answers, the page says search is unavailable instead of failing.
"""

from __future__ import annotations

from django.http import JsonResponse

from .. import api
from ..text import words
from . import content
from .base import client, language_of, reader_token, render_page, section_alternates

TYPES = ("news", "notice", "press_release")
INTRANET_TYPES = ("staff_bulletin", "news", "notice", "press_release")
QUERY_MAX_LENGTH = 200


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
    results, unavailable, next_query = None, False, ""
    token = reader_token(request)
    if query:
        params = {
            "q": query,
            "locale": language if settings.SITE == "public" else None,
            "type": item_type or None,
            "topic": topic or None,
            "cursor": request.GET.get("cursor") or None,
            "limit": 10,
        }
        try:
            results = client().get("search", params, token=token)
        except (api.ApiNotFound, api.ApiUnavailable):
            unavailable = True
        else:
            if results.get("next_cursor"):
                from urllib.parse import urlencode

                next_query = "?" + urlencode(
                    {k: v for k, v in {"q": query, "typ": item_type, "amne": topic,
                                       "cursor": results["next_cursor"]}.items() if v}
                )  # fmt: skip
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
        },
        language=language,
        title=f"{t['search']}: {query}" if query else t["search"],
        alternates=section_alternates("search") if settings.SITE == "public" else {},
    )


def suggest(request):
    """Autocomplete as JSON for the search field: ``{"suggestions": [{"title", "path"}]}``."""
    from django.conf import settings

    query = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    suggestions = []
    if len(query) >= 2:
        params = {"q": query, "locale": language_of(request) if settings.SITE == "public" else None}
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
