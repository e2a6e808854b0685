"""The public sitemap: public pages only, with lastmod, hreflang alternates and pages."""

import pytest
from wagtail.models import Locale

from .conftest import released, republish, trusted_publishing

pytestmark = pytest.mark.django_db

SITEMAP = "/api/public/v1/sitemap"
SITE = "http://127.0.0.1:8100"


def translate(page, locale):
    """A live copy of ``page`` in ``locale`` (its parent translated first)."""
    with trusted_publishing():
        copy = page.copy_for_translation(locale)
        copy.save_revision().publish()
    return copy


class TestSitemap:
    def test_public_items_and_sections_only(self, client, make_item, at_noon):
        public = republish(make_item("news", slug="ny-skola"))
        hidden = [
            make_item("news", slug="personalfest", audience_codes=("staff",)),
            make_item("bulletin", slug="inblick-nr-1"),
            make_item("news", slug="ej-ute-an", release=False),
        ]
        data = client.get(SITEMAP).json()
        urls = [entry["url"] for entry in data["entries"]]
        assert urls == [
            f"{SITE}/",
            f"{SITE}/nyheter/",
            f"{SITE}/anslagstavla/",
            f"{SITE}/pressrum/",
            f"{SITE}/nyheter/ny-skola/",
        ], urls
        assert (data["page"], data["pages"]) == (1, 1)
        entry = data["entries"][-1]
        public.refresh_from_db()
        assert entry["lastmod"].startswith(public.last_published_at.date().isoformat())
        assert entry["alternates"] == []
        for page in hidden:
            assert page.slug not in str(data)

    def test_translations_are_alternates(self, client, make_item, site_tree):
        english = Locale.objects.get_or_create(language_code="en")[0]
        page = make_item("news", slug="ny-skola")
        translate(site_tree["home"], english)
        translate(site_tree["news"], english)
        copy = released(translate(page, english))
        entries = {e["url"]: e for e in client.get(SITEMAP).json()["entries"]}
        expected = [
            {"locale": "en", "url": f"{SITE}/en/{site_tree['news'].slug}/{copy.slug}/"},
            {"locale": "sv", "url": f"{SITE}/nyheter/ny-skola/"},
        ]
        assert entries[f"{SITE}/nyheter/ny-skola/"]["alternates"] == expected
        assert entries[expected[0]["url"]]["alternates"] == expected

    def test_many_entries_make_pages(self, client, make_item, settings):
        settings.ENKANAL_API_SITEMAP_PAGE_SIZE = 3
        for number in range(3):
            make_item("news", slug=f"nyhet-{number}")
        first = client.get(SITEMAP).json()
        second = client.get(SITEMAP, {"page": 2}).json()
        assert (first["pages"], len(first["entries"]), len(second["entries"])) == (3, 3, 3)
        assert client.get(SITEMAP, {"page": 4}).status_code == 404
        assert client.get(SITEMAP, {"page": 0}).status_code == 422

    def test_the_intranet_has_no_sitemap(self, client, staff_reader):
        _user, headers = staff_reader
        assert client.get("/api/intranet/v1/sitemap", **headers).status_code == 404
