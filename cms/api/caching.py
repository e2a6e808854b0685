"""HTTP caching of API responses: validators, 304s and Cache-Control.

A public response depends on what was published (Wagtail's audit log records every
publish, unpublish, move and snippet or settings edit) and on which releases have
passed. The validator is therefore the newest log entry and the newest release time
up to now – three indexed look-ups, no rendering – so a conditional request is
answered with 304 cheaply, and a release becomes visible the moment it happens.

Intranet responses depend on the reader: they are ``private`` and validated by a hash
of the body only.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from functools import wraps

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_etags, quote_etag
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from cms.pages.models import ArticlePage

from . import conf

#: Rendered public answers kept per validator (Django's cache; per process with LocMem).
RESPONSE_CACHE_SECONDS = 300
RESPONSE_CACHE_MAX_BYTES = 512 * 1024


def content_state(at=None) -> tuple:
    """What public content looks like at ``at``: changes when anything is (un)released.

    One round trip: the newest page and model log entries and the newest release
    up to ``at`` (each an index seek), the next time an item changes state on its own
    (a release or an expiry still ahead; until the worker acts, nothing is logged for
    them), and today's date, as notices move from the current board to the archive at
    midnight. Once that next time passes, the state – and every validator – changes.
    """
    at = at or timezone.now()
    # Table names come from model metadata, never from input.
    page_log = PageLogEntry._meta.db_table
    model_log = ModelLogEntry._meta.db_table
    article = ArticlePage._meta.db_table
    page = Page._meta.db_table
    sql = (
        f"SELECT (SELECT MAX(timestamp) FROM {page_log}),"  # noqa: S608
        f" (SELECT MAX(timestamp) FROM {model_log}),"
        f" (SELECT MAX(external_release_at) FROM {article} WHERE external_release_at <= %s),"
        f" (SELECT MIN(external_release_at) FROM {article} WHERE external_release_at > %s),"
        f" (SELECT MIN(expire_at) FROM {page} WHERE live = %s AND expire_at > %s)"
    )
    when = connection.ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        cursor.execute(sql, [when, when, True, when])
        row = [_as_datetime(value) for value in cursor.fetchone()]
    upcoming = [value for value in row[3:] if value is not None]
    return (*row[:3], min(upcoming) if upcoming else None, timezone.localdate(at))


def next_change(state, at=None) -> datetime.datetime:
    """When ``state`` stops being the state: the next release, expiry or midnight."""
    at = at or timezone.now()
    local = timezone.localtime(at)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    # Midnight is local wall time, so it is found with the calendar, not by adding 24 h.
    midnight = timezone.make_aware(midnight.replace(tzinfo=None))
    return min(value for value in (state[3], midnight) if value is not None)


def _as_datetime(value):
    # SQLite hands back text for raw queries, PostgreSQL a datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
    return value


def last_modified(state) -> float | None:
    times = [value for value in state[:3] if value is not None]  # what has happened
    return max(times).timestamp() if times else None


def public_etag(request, state) -> str:
    """A strong validator: same URL, host, language and content state → same bytes."""
    key = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            *(str(s) for s in state),
        ]
    )
    return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def _matches(request, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or etag in tags or etag.removeprefix("W/") in tags


def _not_modified(etag: str):
    from django.http import HttpResponseNotModified

    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response


def public_cache(run):
    """Wrap a public operation: answer conditional GETs with 304, mark responses cacheable."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return run(request, *args, **kwargs)
        state = content_state()
        etag = public_etag(request, state)
        if _matches(request, etag):
            response = _not_modified(etag)
            _public_headers(response, state)
            return response
        # The validator pins the bytes, so a rendered answer can be reused as long as the
        # validator stands: nothing stale is ever served from this cache.
        cache_key = f"enkanal-api:{etag}"
        stored = cache.get(cache_key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
        else:
            response = run(request, *args, **kwargs)
            cacheable = response.status_code == 200 and not response.streaming
            if cacheable and len(response.content) <= RESPONSE_CACHE_MAX_BYTES:
                cache.set(
                    cache_key, (response.content, response["Content-Type"]), RESPONSE_CACHE_SECONDS
                )
        if response.status_code == 200:
            response["ETag"] = etag
            _public_headers(response, state)
        return response

    return wrapper


def _public_headers(response, state):
    modified = last_modified(state)
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    max_age = conf.get("ENKANAL_API_PUBLIC_MAX_AGE")
    # No cache may keep (or serve stale) an answer past the next change of state: an
    # item that expires in 20 seconds must be gone from every cache in 20 seconds.
    left = max(0, math.ceil((next_change(state) - timezone.now()).total_seconds()))
    fresh = min(max_age, left)
    patch_cache_control(
        response,
        public=True,
        max_age=fresh,
        s_maxage=fresh,
        stale_while_revalidate=min(max_age, left - fresh),
    )
    patch_vary_headers(response, ["Accept-Language"])


def private_cache(run):
    """Wrap an intranet operation: ``private``, revalidated, ETag from the body."""

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        if response.status_code == 200 and request.method == "GET" and not response.streaming:
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            if _matches(request, etag):
                not_modified = _not_modified(etag)
                not_modified["Cache-Control"] = response["Cache-Control"]
                not_modified["Vary"] = response["Vary"]
                return not_modified
            response["ETag"] = etag
        return response

    return wrapper


def no_store(response):
    """Drafts and previews: never cached, never indexed."""
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
