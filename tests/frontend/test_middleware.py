"""The headers of the pages ``render_page`` renders: cache, robots, language."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import RequestFactory

from frontend.context_processors import PageMeta
from frontend.middleware import PUBLIC_PAGE_MAX_AGE, PageHeadersMiddleware


def headers(meta, *, status=200, method="get", preset=None):
    """The response headers for a request whose view noted ``meta``."""
    request = getattr(RequestFactory(), method)("/nyheter/")
    if meta is not None:
        request.frontend_page = meta

    def view(_request):
        response = HttpResponse(status=status)
        for name, value in (preset or {}).items():
            response[name] = value
        return response

    return PageHeadersMiddleware(view)(request)


class TestPageHeaders:
    def test_public_page_may_be_cached_briefly(self, settings):
        settings.SITE = "public"
        response = headers(PageMeta("en"))
        assert response["Cache-Control"] == f"public, max-age={PUBLIC_PAGE_MAX_AGE}"
        assert response["Content-Language"] == "en"
        assert "X-Robots-Tag" not in response

    def test_errors_and_posts_are_not_made_public(self, settings):
        settings.SITE = "public"
        assert "Cache-Control" not in headers(PageMeta("sv"), status=404)
        assert "Cache-Control" not in headers(PageMeta("sv"), method="post")

    def test_intranet_pages_are_private(self, settings):
        settings.SITE = "intranet"
        assert headers(PageMeta("sv"))["Cache-Control"] == "private, no-cache"

    def test_noindex_is_never_stored_or_indexed(self, settings):
        settings.SITE = "public"
        response = headers(PageMeta("sv", noindex=True))
        assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}
        assert response["X-Robots-Tag"] == "noindex, nofollow"

    def test_the_views_own_headers_win(self, settings):
        settings.SITE = "public"
        preset = {"Cache-Control": "no-store", "Content-Language": "fi", "X-Robots-Tag": "none"}
        response = headers(PageMeta("sv", noindex=True), preset=preset)
        assert response["Cache-Control"] == "no-store"
        assert response["Content-Language"] == "fi"
        assert response["X-Robots-Tag"] == "none"

    def test_other_responses_are_left_alone(self, settings):
        settings.SITE = "public"
        response = headers(None)
        assert "Cache-Control" not in response and "Content-Language" not in response
