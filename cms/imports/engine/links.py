"""Finding the Enkanal object an old site's link points to.

Plone links come as ``…/resolveuid/<uid>`` (with ``/@@images/image/<scale>`` or
``/@@download/file`` after it), as absolute links to the old site and as relative
links. They resolve through the imported objects (by source UID or path) and then
through the redirects an import created (folders and collections feed those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from cms.imports.models import ImportedObject

_RESOLVEUID = re.compile(r"/resolve[uU][iI][dD]/([^/?#]+)(/.*)?$")
#: Views and scales Plone appends to an object's path.
_VIEW_SUFFIX = re.compile(
    r"/(?:@@download|@@images|@@display-file|@@view|view|image_view_fullscreen"
    r"|image_(?:large|preview|mini|thumb|tile|icon|listing)|image)(?:/.*)?$"
)
_CACHE_LIMIT = 20_000


@dataclass(frozen=True)
class Target:
    """An Enkanal object a link resolves to: ``kind`` is page, document or image."""

    kind: str
    id: int


def normalise_path(path: str) -> str:
    """A path as stored in ``ImportedObject.source_path``: no trailing slash, unquoted."""
    path = unquote(path or "").strip()
    if not path.startswith("/"):
        path = "/" + path
    return path.rstrip("/") or "/"


def kind_for(record_type: str) -> str:
    """The link kind of an imported record type."""
    return record_type if record_type in ("document", "image") else "page"


class LinkResolver:
    """Resolves old links of one source system; remembers hits, never misses.

    Misses are not cached because a target may arrive later in the same run.
    """

    def __init__(self, system: str):
        self.system = system
        #: Hosts of the old site (taken from the records' source URLs).
        self.hosts: set[str] = set()
        self._hits: dict[tuple[str, str], Target] = {}

    def note_source(self, url: str):
        """Learn the old site's host from a record's source URL."""
        host = urlsplit(url or "").netloc.lower()
        if host:
            self.hosts.add(host)

    def remember(self, uid: str, path: str, target: Target):
        """Record a freshly imported object so later links find it without a query."""
        self._store(("uid", uid), target)
        if path:
            self._store(("path", normalise_path(path)), target)

    def is_old_site(self, href: str, base_url: str = "") -> bool:
        """True for relative links and absolute links to the old site's hosts."""
        absolute = urljoin(base_url, href) if base_url else href
        parts = urlsplit(absolute)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return False
        return not parts.netloc or parts.netloc.lower() in self.hosts

    def absolute(self, href: str, base_url: str = "") -> str:
        """``href`` made absolute against the record's old URL (for unresolved links)."""
        return urljoin(base_url, href) if base_url else href

    def resolve(self, href: str, base_url: str = "") -> Target | None:
        """The object ``href`` points to, or None (external, or not imported yet)."""
        href = (href or "").strip()
        if not href or href.startswith("#") or not self.is_old_site(href, base_url):
            return None
        path = urlsplit(self.absolute(href, base_url)).path
        match = _RESOLVEUID.search(path)
        if match:
            return self._by_uid(unquote(match.group(1)))
        path = _VIEW_SUFFIX.sub("", path)
        return self._by_path(normalise_path(path))

    def _by_uid(self, uid: str) -> Target | None:
        hit = self._hits.get(("uid", uid))
        if hit is not None:
            return hit
        row = (
            ImportedObject.objects.filter(system=self.system, uid=uid, object_id__isnull=False)
            .values_list("record_type", "object_id")
            .first()
        )
        if row is None:
            return None
        return self._store(("uid", uid), Target(kind_for(row[0]), row[1]))

    def _by_path(self, path: str) -> Target | None:
        from wagtail.contrib.redirects.models import Redirect

        hit = self._hits.get(("path", path))
        if hit is not None:
            return hit
        row = (
            ImportedObject.objects.filter(
                system=self.system, source_path=path, object_id__isnull=False
            )
            .values_list("record_type", "object_id")
            .first()
        )
        if row is not None:
            return self._store(("path", path), Target(kind_for(row[0]), row[1]))
        page_id = (
            Redirect.objects.filter(old_path=Redirect.normalise_path(path))
            .exclude(redirect_page=None)
            .values_list("redirect_page_id", flat=True)
            .first()
        )
        if page_id is not None:
            return self._store(("path", path), Target("page", page_id))
        return None

    def _store(self, key, target: Target) -> Target:
        if len(self._hits) >= _CACHE_LIMIT:
            self._hits.clear()  # bounded memory on very large sites
        self._hits[key] = target
        return target
