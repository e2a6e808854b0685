"""The context every page shares, built from the request and what the view noted."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory

from frontend.context_processors import PageMeta, page


@pytest.fixture
def public(settings):
    settings.SITE = "public"
    settings.SITE_URL = "https://www.ekby.example"
    return settings


def request_for(path: str, meta: PageMeta | None = None):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    if meta is not None:
        request.frontend_page = meta
    return request


class TestPageContext:
    def test_from_the_path_alone(self, public):
        context = page(request_for("/en/news/"))
        assert context["lang"] == "en"
        assert context["nav"][0] == {"label": "Home", "path": "/en/"}
        assert context["canonical"] == "https://www.ekby.example/en/news/"
        assert context["search_path"] == "/en/search/"
        assert context["hreflang"] == []
        assert context["language_switch"][0]["path"] == "/"
        assert context["user_name"] == ""

    def test_the_views_language_and_alternates(self, public):
        alternates = {"sv": "/nyheter/", "en": "/en/news/"}
        context = page(request_for("/nyheter/", PageMeta("sv", alternates)))
        assert context["lang"] == "sv" and context["nav"][0]["label"] == "Startsida"
        assert [link["code"] for link in context["hreflang"]] == ["en", "sv", "x-default"]
        assert context["hreflang"][-1]["href"] == "https://www.ekby.example/nyheter/"
        assert context["language_switch"] == [
            {"code": "en", "name": "English", "path": "/en/news/", "label": "In English"}
        ]

    def test_intranet_menu_and_reader(self, settings):
        settings.SITE, settings.SITE_URL = "intranet", "https://intranat.ekby.example"
        request = request_for("/")
        request.session["user_name"] = "Maja Medarbetare"
        context = page(request)
        assert context["language_switch"] == []
        assert context["search_path"] == "/sok/"
        assert context["user_name"] == "Maja Medarbetare"
        assert "/inblick/" in [item["path"] for item in context["nav"]]


class TestBreadcrumbs:
    def test_home_section_page(self, public):
        from frontend.context_processors import breadcrumbs

        assert breadcrumbs("/", "sv", "Startsida") == []
        crumbs = breadcrumbs("/nyheter/vagarbete/", "sv", "Vägarbete")
        assert [c["path"] for c in crumbs] == ["/", "/nyheter/", ""]
        assert crumbs[-1]["label"] == "Vägarbete"
        assert [c["path"] for c in breadcrumbs("/en/news/", "en", "News")] == ["/en/", ""]
        assert [c["path"] for c in breadcrumbs("/kakor/", "sv", "Kakor")] == ["/", ""]
