"""Search in the delivery APIs: ``public_router`` and ``intranet_router``.

Mounted at ``/search`` on both NinjaAPI instances (``cms.api.apis``):
``GET /search?q=…`` and ``GET /search/suggest?q=…``. Both call ``search.queries``,
which starts from the one audience filter; the public router never passes a user and
the intranet router passes the authenticated reader.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError

from cms.core.errors import field_error
from cms.pages.paths import frontend_path

from . import queries, swedish

ItemType = Literal["news", "notice", "press_release", "staff_bulletin"]


class SearchParams(Schema):
    """Query parameters of a search."""

    q: str = Field(..., min_length=1, max_length=swedish.MAX_QUERY_LENGTH, description="Sökfrågan.")
    type: list[ItemType] | None = Field(None, description="Typ av innehåll (upprepas).")
    topic: list[str] | None = Field(None, description="Ämnets kortnamn (upprepas).")
    unit: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Ansvarig enhet, underenheter ingår."
    )
    year: int | None = Field(None, ge=1900, le=2200, description="Publiceringsår.")
    locale: str | None = Field(None, pattern=r"^[a-z]{2,3}(-[a-zA-Z]{2,4})?$")
    page: int = Field(1, ge=1, le=queries.MAX_PAGE)
    page_size: int = Field(10, ge=1, le=queries.MAX_PAGE_SIZE)


class SearchHitOut(Schema):
    """One hit: the item, a snippet with the matched words in ``<mark>``, its rank."""

    id: int
    type: str
    title: str
    summary: str
    path: str = Field(description="Sökväg i webbplatsen eller intranätet.")
    locale: str
    released_at: datetime.datetime | None
    snippet: str = Field(description="HTML: escapad text med träffarna i <mark>.")
    score: float | None = None
    promoted: bool = Field(False, description="Redaktionens val för sökfrågan.")


class SearchOut(Schema):
    """One page of search results; editor's picks first on the first page."""

    query: str
    total: int = Field(..., description="Antal träffar (uppskattat när total_exact är falskt).")
    total_exact: bool = Field(
        True,
        description="Falskt när totalen är en uppskattning: mycket vanliga ord ger tusentals "
        "träffar, och bara de bästa av dem kontrolleras mot målgruppsfiltret.",
    )
    page: int
    page_size: int
    has_next: bool
    corrected_query: str | None = Field(None, description="Rättad stavning som också söktes.")
    results: list[SearchHitOut]


class SuggestParams(Schema):
    """Query parameters of autocomplete."""

    q: str = Field(..., min_length=1, max_length=100, description="Början av en sökning.")
    limit: int = Field(8, ge=1, le=20)


class SuggestionOut(Schema):
    """An item whose title or summary starts like the typed text."""

    id: int
    type: str
    title: str
    path: str


class SuggestOut(Schema):
    """Autocomplete suggestions."""

    suggestions: list[SuggestionOut]


def _path(page) -> str:
    return frontend_path(page.url_path, page.locale.language_code)


def _hit(hit: queries.SearchHit, public: bool) -> dict:
    page = hit.page
    released = page.external_release_at if public else page.internal_release_at
    return {
        "id": page.pk,
        "type": queries.type_code(page),
        "title": page.title,
        "summary": page.summary,
        "path": _path(page),
        "locale": page.locale.language_code,
        "released_at": timezone.localtime(released) if released else None,
        "snippet": hit.snippet,
        "score": hit.score,
        "promoted": hit.promoted,
    }


def _invalid(error: queries.SearchInputError) -> ValidationError:
    # The APIs answer it in their one error shape (cms/api/errors.py).
    return ValidationError([field_error(["query", error.field], error.message)])


def _reader(request):
    return getattr(request, "reader", None) or getattr(request, "auth", None)


def _search(request, params: SearchParams, *, public: bool):
    filters = queries.SearchFilters(
        types=tuple(params.type or ()),
        topics=tuple(params.topic or ()),
        unit=params.unit,
        year=params.year,
        locale=params.locale,
    )
    try:
        results = queries.search_items(
            params.q,
            user=None if public else _reader(request),
            public=public,
            filters=filters,
            page=params.page,
            page_size=params.page_size,
        )
    except queries.SearchInputError as error:
        raise _invalid(error) from None
    return Status(
        200,
        {
            "query": results.query,
            "total": results.total,
            "total_exact": results.total_exact,
            "page": results.page,
            "page_size": results.page_size,
            "has_next": results.has_next,
            "corrected_query": results.corrected_query,
            "results": [_hit(hit, public) for hit in results.hits],
        },
    )


def _suggest(request, params: SuggestParams, *, public: bool):
    try:
        pages = queries.suggest(
            params.q,
            user=None if public else _reader(request),
            public=public,
            limit=params.limit,
        )
    except queries.SearchInputError as error:
        raise _invalid(error) from None
    return Status(
        200,
        {
            "suggestions": [
                {"id": p.pk, "type": queries.type_code(p), "title": p.title, "path": _path(p)}
                for p in pages
            ]
        },
    )


def build_router(*, public: bool) -> Router:
    """The search router of the public API (``public=True``) or of the intranet API."""
    surface = "public" if public else "intranet"
    router = Router(tags=[str(_("Search"))])

    @router.get(
        "",
        response={200: SearchOut},
        summary=str(_("Search content")),
        operation_id=f"{surface}_search",
    )
    def search(request, params: Query[SearchParams]):
        """Full-text search in Swedish (and English) with filters and pagination."""
        return _search(request, params, public=public)

    @router.get(
        "/suggest",
        response={200: SuggestOut},
        summary=str(_("Suggestions while you type")),
        operation_id=f"{surface}_search_suggest",
    )
    def suggest(request, params: Query[SuggestParams]):
        """Titles that start like the typed text, for autocomplete."""
        return _suggest(request, params, public=public)

    return router


public_router = build_router(public=True)
intranet_router = build_router(public=False)


def router(*, public: bool) -> Router:
    """The search router to mount on the public (``public=True``) or the intranet API."""
    return public_router if public else intranet_router
