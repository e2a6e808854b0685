"""``/sitemap.xml`` and ``robots.txt``: what search engines may find on the public site.

The entries come from the public API's sitemap (the one audience filter decides); this
site only writes them as XML. One API page is one file: a single page is served as
``/sitemap.xml`` itself, several make ``/sitemap.xml`` an index of ``/sitemap-<n>.xml``.
The intranet has no sitemap and asks every robot to stay out.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render

from .. import api
from .base import client

#: Seconds a CDN may keep a sitemap (the API's answers are validated every minute).
SITEMAP_MAX_AGE = 300
XML = "application/xml; charset=utf-8"


def _page(number: int) -> dict:
    try:
        return client().get("sitemap", {"page": number})
    except api.ApiError as error:
        if error.status == 404:
            raise Http404 from None
        raise


def _urlset(request, data: dict) -> HttpResponse:
    response = render(
        request, "frontend/sitemaps/urlset.xml", {"entries": data["entries"]}, content_type=XML
    )
    response["Cache-Control"] = f"public, max-age={SITEMAP_MAX_AGE}"
    return response


def sitemap(request):
    """The sitemap, or the sitemap index when the API has more than one page."""
    first = _page(1)
    if first["pages"] <= 1:
        return _urlset(request, first)
    urls = [f"{settings.SITE_URL}/sitemap-{n}.xml" for n in range(1, first["pages"] + 1)]
    response = render(request, "frontend/sitemaps/index.xml", {"sitemaps": urls}, content_type=XML)
    response["Cache-Control"] = f"public, max-age={SITEMAP_MAX_AGE}"
    return response


def sitemap_page(request, number: int):
    """One file of a sitemap index."""
    if number < 1:
        raise Http404
    return _urlset(request, _page(number))


def robots(request):
    """Public site: everything, and where the sitemap is. Intranet: nothing."""
    if settings.SITE == "intranet":
        lines = ["User-agent: *", "Disallow: /"]
    else:
        lines = ["User-agent: *", "Allow: /", f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={SITEMAP_MAX_AGE}"
    return response
