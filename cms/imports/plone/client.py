"""A plone.restapi client for the import: authentication, retries and batched walks.

Credentials come from the environment only (``ENKANAL_PLONE_USER`` and
``ENKANAL_PLONE_PASSWORD`` for basic auth or a JWT from ``@login``, or
``ENKANAL_PLONE_TOKEN``) and never appear in a message: errors name the URL and the
status, nothing else.
"""

from __future__ import annotations

import base64
import os
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import requests
import urllib3
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

#: Seconds to wait for Plone to connect and to answer one request.
DEFAULT_TIMEOUT = (10, 120)
#: Attempts after the first on a 5xx answer, a dropped connection or a time-out.
DEFAULT_RETRIES = 3
DEFAULT_BATCH_SIZE = 100
#: Batches fetched ahead while the import works on one (one thread each).
DEFAULT_PREFETCH = 2


class PloneError(Exception):
    """An error that concerns the whole site: the run stops with this message."""


class PloneItemError(Exception):
    """An error about one object: it is reported and the run goes on."""

    def __init__(self, url, message, status=None):
        super().__init__(message)
        self.url = url
        #: The HTTP status Plone answered, or ``None`` (time-out, no connection, bad JSON).
        self.status = status


def _explain(status, url):
    """A message for an HTTP error status (never with a credential in it)."""
    if status == 401:
        return _(
            "Plone answered 401 (not logged in) for %(url)s: check ENKANAL_PLONE_USER and "
            "ENKANAL_PLONE_PASSWORD or ENKANAL_PLONE_TOKEN."
        ) % {"url": url}
    if status == 403:
        return _("Plone answered 403 (no permission) for %(url)s.") % {"url": url}
    if status == 404:
        return _("Plone answered 404 (not found) for %(url)s.") % {"url": url}
    return _("Plone answered %(status)s for %(url)s.") % {"status": status, "url": url}


def _timed_out(error):
    """Whether a requests error is a time-out (after retries it arrives wrapped)."""
    if isinstance(error, requests.Timeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    # urllib3's refused connection is a subclass of its connect time-out: not one here.
    if isinstance(reason, urllib3.exceptions.NewConnectionError):
        return False
    return isinstance(reason, TimeoutError | urllib3.exceptions.TimeoutError)


class PloneClient:
    """One authenticated session against the Plone site at ``site_url``."""

    def __init__(
        self,
        site_url,
        *,
        user=None,
        password=None,
        token=None,
        jwt=False,
        timeout=DEFAULT_TIMEOUT,
        retries=DEFAULT_RETRIES,
        backoff=0.5,
    ):
        self.site_url = site_url.rstrip("/")
        parts = urlsplit(self.site_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PloneError(_("Invalid Plone address: %(url)s") % {"url": site_url})
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self.timeout = timeout
        self._retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=(500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "POST"}),
            raise_on_status=False,
        )
        self._sessions = threading.local()
        self._auth_header = None
        if token:
            self._auth_header = f"Bearer {token}"
        elif user and password and jwt:
            self._auth_header = f"Bearer {self._login(user, password)}"
        elif user and password:
            pair = f"{user}:{password}".encode()
            self._auth_header = "Basic " + base64.b64encode(pair).decode("ascii")

    @classmethod
    def from_env(cls, site_url, *, jwt=False, environ=None, **kwargs):
        """A client with the credentials from the environment (none: anonymous)."""
        environ = os.environ if environ is None else environ
        return cls(
            site_url,
            user=environ.get("ENKANAL_PLONE_USER"),
            password=environ.get("ENKANAL_PLONE_PASSWORD"),
            token=environ.get("ENKANAL_PLONE_TOKEN"),
            jwt=jwt,
            **kwargs,
        )

    # --- requests -----------------------------------------------------------------

    @property
    def session(self) -> requests.Session:
        """This thread's session (the walk fetches batches ahead in other threads)."""
        session = getattr(self._sessions, "session", None)
        if session is None:
            session = requests.Session()
            session.headers.update({"Accept": "application/json"})
            adapter = HTTPAdapter(max_retries=self._retry, pool_maxsize=4)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._sessions.session = session
        return session

    def _headers(self, url):
        # Credentials go to the Plone host only, never to a link that points elsewhere.
        if self._auth_header and url.startswith(self._origin + "/"):
            return {"Authorization": self._auth_header}
        return {}

    def _request(self, method, url, **kwargs):
        try:
            return self.session.request(
                method, url, headers=self._headers(url), timeout=self.timeout, **kwargs
            )
        except requests.RequestException as error:
            if not _timed_out(error):
                raise PloneItemError(
                    url,
                    # The text can hold the URL but never a header: name its kind only.
                    _("Plone could not be reached at %(url)s (%(error)s).")
                    % {"url": url, "error": type(error).__name__},
                ) from None
            raise PloneItemError(
                url, _("Plone did not answer in time at %(url)s.") % {"url": url}
            ) from None

    def _login(self, user, password):
        url = f"{self.site_url}/@login"
        response = self._request("POST", url, json={"login": user, "password": password})
        if response.status_code != 200:
            raise PloneError(_explain(response.status_code, url))
        try:
            return response.json()["token"]
        except (ValueError, KeyError, TypeError):
            raise PloneError(_("Plone gave no JWT from %(url)s.") % {"url": url}) from None

    def get_json(self, url, params=None):
        """GET ``url`` as JSON; raise :class:`PloneItemError` for any failure."""
        response = self._request("GET", url, params=params)
        if response.status_code != 200:
            raise PloneItemError(url, _explain(response.status_code, url), response.status_code)
        try:
            data = response.json()
        except ValueError:
            raise PloneItemError(
                url, _("Plone did not answer with JSON for %(url)s.") % {"url": url}
            ) from None
        if not isinstance(data, dict):
            raise PloneItemError(
                url, _("Plone answered with unexpected JSON for %(url)s.") % {"url": url}
            )
        return data

    def fetch(self, url):
        """The bytes at ``url`` (a file or an image), for the import engine."""
        response = self._request("GET", url)
        if response.status_code != 200:
            raise PloneItemError(url, _explain(response.status_code, url), response.status_code)
        return response.content

    # --- the site -------------------------------------------------------------------

    def check_site(self):
        """Fail with :class:`PloneError` unless the site answers as a signed-in user."""
        url = f"{self.site_url}/@site"
        try:
            data = self.get_json(url)
        except PloneItemError as error:
            raise PloneError(str(error)) from None
        return data

    def _search_params(self, path, portal_types):
        params = {"sort_on": "path"}
        if path and path.strip("/"):
            site_path = urlsplit(self.site_url).path.rstrip("/")
            params["path.query"] = site_path + "/" + path.strip("/")
        if portal_types:
            params["portal_type"] = list(portal_types)
        return params

    def count(self, *, path=None, portal_types=None):
        """How many objects :meth:`search` will walk (one cheap request)."""
        url = f"{self.site_url}/@search"
        try:
            data = self.get_json(url, {**self._search_params(path, portal_types), "b_size": 1})
            return int(data["items_total"])
        except PloneItemError as error:
            raise PloneError(str(error)) from None
        except (KeyError, TypeError, ValueError):
            raise PloneError(
                _("Plone answered with unexpected JSON for %(url)s.") % {"url": url}
            ) from None

    def search(
        self,
        *,
        path=None,
        batch_size=DEFAULT_BATCH_SIZE,
        portal_types=None,
        prefetch=DEFAULT_PREFETCH,
    ):
        """Yield every object below ``path`` (a site path) as restapi serializes it.

        Batches of ``fullobjects=1`` (with the ``translations`` expander) are one
        request per ``batch_size`` objects, far faster than one GET per item. A batch
        that Plone cannot serialize as a whole is fetched again item by item, so one
        broken object is reported instead of stopping the run. Each yielded value is a
        dict, or a :class:`PloneItemError` for an object that could not be read.

        While the caller works on one batch, the next ``prefetch`` batches are being
        fetched (a thread each): Plone serializes while the import writes, instead of
        each waiting for the other. At most ``prefetch + 1`` batches are held at once,
        whatever the size of the site. The objects are yielded in path order.
        """
        params = {
            **self._search_params(path, portal_types),
            "b_size": batch_size,
            "fullobjects": 1,
            "expand": "translations",
        }
        url = f"{self.site_url}/@search"
        first = self._search_batch(url, {**params, "b_start": 0})
        self.total = first["total"]
        starts = iter(range(batch_size, self.total, batch_size))
        if not first["count"]:
            starts = iter(())
        pool = ThreadPoolExecutor(max_workers=max(prefetch, 1), thread_name_prefix="plone")
        ahead = deque()

        def fetch_next():
            start = next(starts, None)
            if start is not None:
                ahead.append(pool.submit(self._search_batch, url, {**params, "b_start": start}))

        try:
            for _ in range(max(prefetch, 1)):
                fetch_next()
            yield from first["items"]
            while ahead:
                batch = ahead.popleft().result()
                if batch["count"]:
                    fetch_next()
                else:  # the site shrank during the walk: nothing further
                    starts = iter(())
                yield from batch["items"]
        finally:
            # A run that stops (an error, Ctrl-C) does not wait for batches in flight.
            pool.shutdown(wait=False, cancel_futures=True)

    def _search_batch(self, url, params):
        try:
            data = self.get_json(url, params)
            items = data["items"]
            total = int(data["items_total"])
            if not isinstance(items, list):
                raise TypeError
            return {"items": items, "total": total, "count": len(items)}
        except PloneItemError as error:
            if error.status in (401, 403, 404):
                raise PloneError(str(error)) from None
            first_error = error
        except (KeyError, TypeError, ValueError):
            first_error = PloneItemError(
                url, _("Plone answered with unexpected JSON for %(url)s.") % {"url": url}
            )
        # The batch as summaries (cheap), then each object on its own.
        summary_params = {k: v for k, v in params.items() if k not in ("fullobjects", "expand")}
        try:
            data = self.get_json(url, summary_params)
            summaries = data["items"]
            total = int(data["items_total"])
        except (PloneItemError, KeyError, TypeError, ValueError):
            raise PloneError(str(first_error)) from None
        items = []
        for summary in summaries:
            item_url = summary.get("@id") if isinstance(summary, dict) else None
            if not item_url:
                continue
            try:
                items.append(self.get_json(item_url, {"expand": "translations"}))
            except PloneItemError as error:
                items.append(error)
        return {"items": items, "total": total, "count": len(summaries)}
