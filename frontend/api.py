"""The client of the CMS delivery API: timeouts, retries and an HTTP cache in the process.

Every page is built from a few GETs, so the client keeps responses in memory and
follows the API's own caching rules:

* ``Cache-Control: max-age`` – served from memory without asking while fresh;
* ``ETag`` / ``Last-Modified`` – revalidated with ``If-None-Match`` /
  ``If-Modified-Since`` once stale, so an unchanged answer costs a 304;
* ``no-store`` – never kept (drafts, previews);
* ``private`` – kept only under the token that fetched it, never shared between readers.

Idempotent reads are retried after a connection error or a 502/503/504; when the API
stays away a stale copy is served if there is one, otherwise ``ApiUnavailable`` turns
into the friendly 503 page.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import requests

logger = logging.getLogger("frontend.api")

RETRY_STATUSES = {502, 503, 504}


class ApiError(Exception):
    """Something the API answered or failed to answer; ``status`` is the HTTP status."""

    status = 500

    def __init__(self, message: str = "", *, status: int | None = None, payload=None):
        super().__init__(message or self.__class__.__name__)
        if status is not None:
            self.status = status
        self.payload = payload


class ApiNotFound(ApiError):
    """404: the item does not exist or is not published here."""

    status = 404


class ApiGone(ApiError):
    """410: the item was withdrawn."""

    status = 410


class ApiUnauthorized(ApiError):
    """401: no token, or a token the API no longer accepts."""

    status = 401


class ApiForbidden(ApiError):
    """403: a valid token without access."""

    status = 403


class ApiBadRequest(ApiError):
    """400/422: the API refused our input; ``payload`` holds its message."""

    status = 400


class ApiUnavailable(ApiError):
    """The API cannot be reached or answers 5xx: the site shows its 503 page."""

    status = 503


@dataclass
class CacheEntry:
    """One cached response and what is needed to reuse or revalidate it."""

    data: object
    etag: str | None
    last_modified: str | None
    fresh_until: float
    stored_at: float = field(default_factory=time.monotonic)


def parse_cache_control(header: str | None) -> dict[str, str | bool]:
    """``Cache-Control`` as a dict: ``{"max-age": "60", "public": True}``."""
    directives: dict[str, str | bool] = {}
    for part in (header or "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip('"') if value else True
    return directives


class ResponseCache:
    """A small thread-safe LRU of API responses, keyed by URL and reader."""

    def __init__(self, max_entries: int = 2000):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, CacheEntry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CacheEntry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def set(self, key: str, entry: CacheEntry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def delete(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


@dataclass
class ClientStats:
    """Counters for tests and the benchmark: how each read was answered."""

    fresh_hits: int = 0
    revalidated: int = 0
    fetched: int = 0
    stale_served: int = 0
    retries: int = 0


class ApiClient:
    """Reads one surface of the API (``public`` or ``intranet``) at ``base_url``."""

    def __init__(
        self,
        base_url: str,
        surface: str = "public",
        *,
        connect_timeout: float = 2.0,
        read_timeout: float = 8.0,
        retries: int = 2,
        backoff: float = 0.2,
        cache: ResponseCache | None = None,
        language: str | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.surface = surface
        self.timeout = (connect_timeout, read_timeout)
        self.retries = retries
        self.backoff = backoff
        self.cache = cache if cache is not None else ResponseCache()
        self.language = language
        self.stats = ClientStats()
        self._local = threading.local()

    @property
    def session(self) -> requests.Session:
        # One keep-alive session per thread: requests' Session is not thread-safe.
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            session.headers["User-Agent"] = "enkanal-frontend/1"
            self._local.session = session
        return session

    def url(self, path: str, params=None) -> str:
        """The absolute URL of ``path`` on this surface, with sorted query parameters."""
        url = f"{self.base_url}/{self.surface}/v1/{path.lstrip('/')}"
        if params:
            pairs = []
            for key, value in sorted(params.items()):
                if value is None or value == "" or value is False:
                    continue
                for one in value if isinstance(value, list | tuple) else [value]:
                    pairs.append((key, "true" if one is True else one))
            if pairs:
                url = f"{url}?{urlencode(pairs)}"
        return url

    # Reading

    def get(self, path: str, params=None, *, token: str | None = None, cache: bool = True):
        """The decoded JSON of a GET, from the cache when the API's headers allow it."""
        url = self.url(path, params)
        key = self._cache_key(url, token)
        entry = self.cache.get(key) if cache else None
        now = time.monotonic()
        if entry is not None and entry.fresh_until > now:
            self.stats.fresh_hits += 1
            return entry.data
        headers = self._headers(token)
        if entry is not None:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        try:
            response = self._send("GET", url, headers=headers)
            if response.status_code >= 500:
                self._raise_for_status(response, url)
        except ApiUnavailable:
            if entry is not None:
                # Better yesterday's news than an error page.
                self.stats.stale_served += 1
                logger.warning("API unavailable, serving a stale copy of %s", url)
                return entry.data
            raise
        if response.status_code == 304 and entry is not None:
            self.stats.revalidated += 1
            entry.fresh_until = self._fresh_until(response)
            self.cache.set(key, entry)
            return entry.data
        self._raise_for_status(response, url)
        self.stats.fetched += 1
        data = response.json()
        if cache:
            self._store(key, response, data)
        return data

    def post(
        self,
        path: str,
        payload: dict,
        *,
        token: str | None = None,
        method: str = "POST",
        request=None,
    ):
        """``(status, data)`` of a POST (or PUT); never retried, a write may have happened.

        With the visitor's ``request``, their address goes along in ``X-Forwarded-For``
        so that the API's rate limits count each resident, not this site. 400, 422 and
        429 come back as data for the form to show; others raise.
        """
        url = self.url(path)
        headers = self._headers(token)
        if request is not None:
            headers["X-Forwarded-For"] = forwarded_for(request)
        response = self._send(method, url, headers=headers, json=payload, retry=False)
        if response.status_code in {400, 422, 429}:
            return response.status_code, _json_or_empty(response)
        self._raise_for_status(response, url)
        return response.status_code, _json_or_empty(response)

    # The endpoints the sites use

    def items(self, *, token=None, **params) -> dict:
        """A page of items: ``{"items": [...], "next_cursor": ..., "count": ...}``."""
        return self.get("items", params, token=token)

    def item(self, item_id: int, *, token=None) -> dict:
        return self.get(f"items/{int(item_id)}", token=token)

    def item_by_path(self, path: str, *, token=None) -> dict:
        """The item at a frontend path such as ``/nyheter/ny-skola/``."""
        return self.get("items/by-path", {"path": path}, token=token)

    def get_file(self, path: str, *, token: str | None = None) -> tuple[bytes, str, str]:
        """``(content, content type, Content-Disposition)`` of a file the API makes (a PDF).

        Never cached here: a PDF is large, and the API answers a repeated request cheaply.
        """
        url = self.url(path)
        headers = {**self._headers(token), "Accept": "application/pdf"}
        response = self._send("GET", url, headers=headers)
        self._raise_for_status(response, url)
        return (
            response.content,
            response.headers.get("Content-Type", "application/octet-stream"),
            response.headers.get("Content-Disposition", ""),
        )

    def preview(self, preview_token: str) -> dict:
        """The draft a signed preview token stands for; never cached."""
        return self.get("preview", {"token": preview_token}, cache=False)

    # Internals

    def _headers(self, token: str | None) -> dict[str, str]:
        headers = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if self.language:
            headers["Accept-Language"] = self.language
        return headers

    @staticmethod
    def _cache_key(url: str, token: str | None) -> str:
        if not token:
            return url
        # A private answer belongs to its reader: key it by a hash of the token.
        return f"{url}#{hashlib.sha256(token.encode()).hexdigest()[:16]}"

    def _send(self, method: str, url: str, *, retry: bool = True, **kwargs) -> requests.Response:
        attempts = 1 + (self.retries if retry else 0)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.RequestException as error:
                if last:
                    raise ApiUnavailable(f"{method} {url}: {error}") from error
            else:
                if response.status_code not in RETRY_STATUSES or last:
                    return response
            self.stats.retries += 1
            time.sleep(self.backoff * (2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _raise_for_status(self, response: requests.Response, url: str) -> None:
        status = response.status_code
        if status < 400:
            return
        payload = _json_or_empty(response)
        message = f"{status} from {url}"
        if status == 404:
            raise ApiNotFound(message, payload=payload)
        if status == 410:
            raise ApiGone(message, payload=payload)
        if status == 401:
            raise ApiUnauthorized(message, payload=payload)
        if status == 403:
            raise ApiForbidden(message, payload=payload)
        if status in {400, 422}:
            raise ApiBadRequest(message, status=status, payload=payload)
        if status >= 500:
            raise ApiUnavailable(message, status=503, payload=payload)
        raise ApiError(message, status=status, payload=payload)

    @staticmethod
    def _fresh_until(response: requests.Response) -> float:
        directives = parse_cache_control(response.headers.get("Cache-Control"))
        if "no-store" in directives or "no-cache" in directives:
            return 0.0
        try:
            max_age = int(directives.get("max-age", 0))
        except (TypeError, ValueError):
            max_age = 0
        age_header = response.headers.get("Age", "")
        age = int(age_header) if age_header.isdigit() else 0
        return time.monotonic() + max(0, max_age - age)

    def _store(self, key: str, response: requests.Response, data) -> None:
        directives = parse_cache_control(response.headers.get("Cache-Control"))
        if "no-store" in directives:
            return
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        fresh_until = self._fresh_until(response)
        if not etag and not last_modified and fresh_until <= time.monotonic():
            return  # nothing to revalidate with and not fresh: useless to keep
        self.cache.set(key, CacheEntry(data, etag, last_modified, fresh_until))


def forwarded_for(request) -> str:
    """``X-Forwarded-For`` for the API: the hops that reached us, then our own peer.

    The API trusts the header only from its configured proxies and frontends and walks
    it from the right, so a value the visitor made up never stands for someone else.
    """
    hops = [request.META.get("HTTP_X_FORWARDED_FOR", ""), request.META.get("REMOTE_ADDR", "")]
    return ", ".join(hop.strip() for hop in hops if hop.strip())


def _json_or_empty(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        return {}


_clients: dict[str, ApiClient] = {}
_clients_lock = threading.Lock()


def client(surface: str | None = None) -> ApiClient:
    """The process's shared client of ``surface`` (default: this site's), from settings."""
    from django.conf import settings

    surface = surface or settings.API_SURFACE
    with _clients_lock:
        if surface not in _clients:
            _clients[surface] = ApiClient(
                settings.API_URL,
                surface,
                connect_timeout=settings.API_CONNECT_TIMEOUT,
                read_timeout=settings.API_READ_TIMEOUT,
                retries=settings.API_RETRIES,
                cache=ResponseCache(settings.API_CACHE_ENTRIES),
            )
        return _clients[surface]
