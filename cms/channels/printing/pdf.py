"""HTML to PDF with WeasyPrint, reading nothing but the CMS's own files.

The layouts are HTML and CSS (Paged Media: page sizes, bleed, crop marks, running
headers, page counters, ``target-counter`` for the table of contents). WeasyPrint
fetches what the HTML points at through ``MediaFetcher``: image renditions from the
default storage by ``media:`` URL, nothing else – no network, no local paths – so an
address in an editor's text can never make the server fetch it.
"""

from __future__ import annotations

import logging
import mimetypes

from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .renderer import MEDIA_SCHEME

logger = logging.getLogger(__name__)


class MediaFetcher(URLFetcher):
    """Serves ``media:`` URLs from the default storage and refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=("media",))

    def fetch(self, url, headers=None):
        if not url.startswith(MEDIA_SCHEME):
            raise ValueError(f"Not fetched for print: {url}")
        name = url.removeprefix(MEDIA_SCHEME)
        if ".." in name.split("/") or name.startswith("/"):
            raise ValueError(f"Not a stored file: {url}")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with default_storage.open(name, "rb") as stored:
            body = stored.read()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def write_pdf(html: str) -> bytes:
    """The PDF of ``html`` (with its own stylesheet), fonts embedded as subsets."""
    fetcher = MediaFetcher()
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(font_config=FontConfiguration(), uncompressed_pdf=False)
