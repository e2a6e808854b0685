"""Listings: filters, ordering and cursor pagination shared by every item endpoint.

Cursors are keyset positions (the last row's sort value and id), so a page deep in a
listing costs the same as the first and no row is skipped or repeated when items are
published while a reader pages through.
"""

from __future__ import annotations

import base64
import datetime
import json
import re

from django.db import connection
from django.db.models import F, Prefetch, Q, Value
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from cms.snippets.models import Topic, Unit

from . import conf
from .schemas.items import AudienceCode, ItemType, Ordering
from .surfaces import Surface, content_type_ids

MAX_CURSOR_LENGTH = 300
#: The start of an ISO 8601 date and time (the rest is pydantic's to check).
ISO_8601 = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
#: Largest id a parameter accepts (a 64-bit signed integer, as the databases store).
MAX_ID = 2**63 - 1


class ListingParams(Schema):
    """Query parameters of every item listing."""

    type: list[ItemType] | None = Field(None, description="Typ av innehåll (upprepas).")
    topic: list[str] | None = Field(None, description="Ämnets kortnamn (upprepas).")
    unit: int | None = Field(
        None, ge=1, le=MAX_ID, description="Ansvarig enhet, underenheter ingår."
    )
    audience: list[AudienceCode] | None = Field(None, description="Målgrupp (upprepas).")
    locale: str | None = Field(None, pattern=r"^[a-z]{2,3}(-[a-zA-Z]{2,4})?$")
    released_after: datetime.datetime | None = Field(None, description="ISO 8601.")
    released_before: datetime.datetime | None = Field(None, description="ISO 8601.")
    ordering: Ordering = "-released_at"
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=MAX_CURSOR_LENGTH)
    count: bool = Field(False, description="Räkna alla träffar (kostar en fråga till).")

    @field_validator("released_after", "released_before", mode="before")
    @classmethod
    def iso_8601_only(cls, value):
        """A date and time in ISO 8601; pydantic would also take a number of seconds."""
        if value is not None and not ISO_8601.match(str(value)):
            raise ValueError(_("Give the time in ISO 8601, e.g. 2026-03-01T08:00:00+01:00."))
        return value

    @field_validator("released_after", "released_before")
    @classmethod
    def as_utc(cls, value):
        """In UTC, as stored; a time without offset is Swedish time."""
        if value is None:
            return None
        try:
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as error:
            raise ValueError(_("The time cannot be parsed.")) from error


def with_listing_relations(queryset):
    """The joins and prefetches every item summary needs: constant queries per page."""
    # The body is the heaviest column and no listing shows it.
    return (
        queryset.defer("body")
        .select_related("owner_unit", "main_image", "locale")
        .prefetch_related("audiences", Prefetch("topics", queryset=Topic.objects.order_by("name")))
    )


def filter_items(queryset, surface: Surface, params: ListingParams, *, types=None):
    """Apply the listing's filters; ``types`` limits the item types an endpoint shows."""
    wanted = set(params.type or ()) or None
    if types is not None:
        wanted = (wanted or set(types)) & set(types)
    if wanted is not None:
        type_ids = content_type_ids(sorted(wanted))
        if connection.vendor == "sqlite":
            # "content_type_id + 0" keeps SQLite from picking the content-type index,
            # which matches thousands of rows that must then be sorted; walking the
            # release-time index in order and stopping after one page is far cheaper.
            # PostgreSQL's planner makes that choice itself from its statistics.
            queryset = queryset.alias(type_id=F("content_type_id") + Value(0)).filter(
                type_id__in=type_ids
            )
        else:
            queryset = queryset.filter(content_type_id__in=type_ids)
    if params.topic:
        from cms.pages.models import ArticlePage

        through = ArticlePage.topics.through
        queryset = queryset.filter(
            pk__in=through.objects.filter(topic__slug__in=params.topic).values("articlepage_id")
        )
    if params.unit:
        unit = Unit.objects.filter(pk=params.unit).first()
        if unit is None:
            return queryset.none()
        queryset = queryset.filter(owner_unit_id__in={unit.pk, *unit.get_descendant_ids()})
    if params.audience:
        from cms.pages.models import ArticlePage

        through = ArticlePage.audiences.through
        queryset = queryset.filter(
            pk__in=through.objects.filter(audience__code__in=params.audience).values(
                "articlepage_id"
            )
        )
    if params.locale:
        queryset = queryset.filter(locale__language_code=params.locale)
    field = surface.released_field
    if params.released_after:
        queryset = queryset.filter(**{f"{field}__gte": params.released_after})
    if params.released_before:
        queryset = queryset.filter(**{f"{field}__lt": params.released_before})
    return queryset


def paginate(queryset, surface: Surface, params: ListingParams):
    """``(rows, next_cursor, count)`` of one page of ``queryset``."""
    ordering = surface.order_fields[params.ordering]
    limit = min(params.limit, conf.get("ENKANAL_API_MAX_PAGE_SIZE"))
    count = queryset.count() if params.count else None
    if params.cursor:
        queryset = queryset.filter(_after(decode_cursor(params.cursor, ordering), ordering))
    rows = list(queryset.order_by(*ordering)[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1], ordering)
    return rows, next_cursor, count


def encode_cursor(row, ordering) -> str:
    value = getattr(row, ordering[0].lstrip("-"))
    if isinstance(value, datetime.datetime):
        value = value.isoformat()
    raw = json.dumps([value, row.pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, ordering) -> tuple:
    """The position in ``cursor``; a 400 for anything we did not hand out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError
        if ordering[0].lstrip("-").endswith("_at"):
            value = parse_datetime(value) if isinstance(value, str) else None
            if value is None or value.tzinfo is None:
                raise ValueError
        elif not isinstance(value, str):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
        raise HttpError(
            400, _("Invalid cursor: use next_cursor from the previous answer.")
        ) from None
    return value, pk


def _after(position, ordering) -> Q:
    value, pk = position
    field = ordering[0].lstrip("-")
    op = "lt" if ordering[0].startswith("-") else "gt"
    return Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk})
