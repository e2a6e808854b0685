"""HTTP caching of API responses: validators, 304s and Cache-Control.

A public response depends on what was published and on which releases and expiries
have passed: the content state of ``cms.api.generation``. The validator is that state
(a generation token bumped on every change, and the next scheduled change) with the
URL, host and language – no rendering, and with a shared cache no SQL query – so a
conditional request is answered with 304 cheaply, and a release or an expiry changes
the validator the moment it happens.

Intranet responses depend on the reader: they are ``private`` and validated by a hash
of the body only, so one reader's validator confirms another's answer only when the
bytes are the same.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, quote_etag

from . import conf, generation
from .generation import ContentState

#: Rendered public answers kept per validator (Django's cache; per process with LocMem).
RESPONSE_CACHE_SECONDS = 300
RESPONSE_CACHE_MAX_BYTES = 512 * 1024


def next_change(state: ContentState, at=None) -> datetime.datetime:
    """When ``state`` stops being the state: the next release, expiry or midnight."""
    at = at or timezone.now()
    local = timezone.localtime(at)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    # Midnight is local wall time, so it is found with the calendar, not by adding 24 h.
    midnight = timezone.make_aware(midnight.replace(tzinfo=None))
    return min(value for value in (state.next_change, midnight) if value is not None)


def public_etag(request, state: ContentState, at=None) -> str:
    """A strong validator: same URL, host, language and content state → same bytes.

    Today's date is part of it, as notices move from the current board to the archive
    at midnight.
    """
    key = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            state.token,
            str(state.next_change),
            str(timezone.localdate(at)),
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


def public_cache(run, max_age: int | None = None):
    """Wrap a public operation: answer conditional GETs with 304, mark responses cacheable.

    ``max_age`` shortens the API's ``ENKANAL_API_PUBLIC_MAX_AGE`` for one operation.
    """

    @wraps(run)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET":
            return run(request, *args, **kwargs)
        at = timezone.now()
        state = generation.current(at)
        etag = public_etag(request, state, at)
        if _matches(request, etag):
            response = _not_modified(etag)
            _public_headers(response, state, at, max_age)
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
            _public_headers(response, state, at, max_age)
        return response

    return wrapper


def _public_headers(response, state: ContentState, at, max_age: int | None = None):
    if state.last_modified is not None:
        response["Last-Modified"] = http_date(state.last_modified.timestamp())
    default = conf.get("ENKANAL_API_PUBLIC_MAX_AGE")
    max_age = default if max_age is None else min(max_age, default)
    # No cache may keep (or serve stale) an answer past the next change of state: an
    # item that expires in 20 seconds must be gone from every cache in 20 seconds.
    left = max(0, math.ceil((next_change(state, at) - at).total_seconds()))
    fresh = min(max_age, left)
    patch_cache_control(
        response,
        public=True,
        max_age=fresh,
        s_maxage=fresh,
        stale_while_revalidate=min(max_age, left - fresh),
    )
    patch_vary_headers(response, ["Accept-Language"])


def private_cache(run, max_age: int | None = None):
    """Wrap an intranet operation: ``private``, revalidated, ETag from the body.

    ``max_age`` is accepted for symmetry with ``public_cache``: intranet answers are
    revalidated every time anyway.
    """

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
