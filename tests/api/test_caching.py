"""HTTP caching: validators, 304s, Cache-Control, and a release visible at once."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from .conftest import republish

pytestmark = pytest.mark.django_db

LIST = "/api/public/v1/items"


class TestPublicCaching:
    def test_etag_last_modified_and_cache_control(self, client, make_item, at_noon):
        make_item("news")
        response = client.get(LIST)
        assert response["ETag"]
        assert response["Last-Modified"]
        assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]

    def test_conditional_request_is_304(self, client, make_item, django_assert_max_num_queries):
        make_item("news")
        etag = client.get(LIST)["ETag"]
        with django_assert_max_num_queries(1):
            response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response["ETag"] == etag

    def test_a_release_changes_the_validator_at_once(self, client, make_item):
        now = timezone.now()
        make_item(
            "news",
            internal=now - datetime.timedelta(minutes=30),
            external=now + datetime.timedelta(minutes=30),
        )
        before = client.get(LIST)
        assert before.json()["items"] == []
        with time_machine.travel(now + datetime.timedelta(minutes=31)):
            after = client.get(LIST, HTTP_IF_NONE_MATCH=before["ETag"])
        assert after.status_code == 200
        assert len(after.json()["items"]) == 1

    def test_unpublish_changes_the_validator(self, client, make_item):
        from .conftest import trusted_publishing

        page = make_item("news")
        etag = client.get(LIST)["ETag"]
        with trusted_publishing():
            page.unpublish()
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response.json()["items"] == []


class TestCdnPurge:
    def test_publishing_purges_the_public_api(self, make_item, settings, monkeypatch):
        purged = []
        monkeypatch.setattr(
            "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend
        )
        page = make_item("news")
        settings.WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": "x", "LOCATION": "y"}}
        republish(page)
        assert f"http://testserver/api/public/v1/items/{page.pk}" in purged
        assert "http://testserver/api/public/v1/feeds/news.rss" in purged

    def test_a_release_coming_due_purges_too(self, make_item, settings, monkeypatch):
        from cms.workflows.signals import released_externally

        purged = []
        monkeypatch.setattr(
            "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend
        )
        page = make_item("news")
        settings.WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": "x", "LOCATION": "y"}}
        released_externally.send(sender=type(page), instance=page)
        assert f"http://testserver/api/public/v1/items/{page.pk}" in purged

    def test_nothing_to_purge_without_a_cdn(self, make_item, monkeypatch):
        monkeypatch.setattr(
            "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
            lambda urls: pytest.fail("purged without a CDN"),
        )
        republish(make_item("news"))


class TestExpiryInsideTheCachedWindow:
    """An item that expires drops out of every cached public answer at once (§6.2)."""

    def surfaces(self, page):
        return [
            LIST,
            f"{LIST}/{page.pk}",
            f"{LIST}/by-path?path=/nyheter/{page.slug}/",
            "/api/public/v1/feeds/news.rss",
        ]

    def test_expired_item_is_gone_and_old_validators_fail(self, client, make_item):
        now = timezone.now()
        page = make_item("news", title="Kortlivad nyhet")
        type(page).objects.filter(pk=page.pk).update(expire_at=now + datetime.timedelta(seconds=20))
        before = {url: client.get(url) for url in self.surfaces(page)}
        for url, response in before.items():
            assert response.status_code == 200, url
            assert "Kortlivad nyhet" in response.content.decode(), url
        with time_machine.travel(now + datetime.timedelta(seconds=21)):
            for url, response in before.items():
                again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
                assert again.status_code != 304, url
                assert "Kortlivad nyhet" not in again.content.decode(), url
                plain = client.get(url)
                assert "Kortlivad nyhet" not in plain.content.decode(), url

    def test_max_age_is_capped_at_the_next_expiry(self, client, make_item, at_noon):
        now = timezone.now()
        page = make_item("news")
        type(page).objects.filter(pk=page.pk).update(expire_at=now + datetime.timedelta(seconds=20))
        with time_machine.travel(now, tick=False):
            response = client.get(f"{LIST}/{page.pk}")
        cache_control = response["Cache-Control"]
        assert "max-age=20" in cache_control and "s-maxage=20" in cache_control
        assert "stale-while-revalidate=0" in cache_control

    def test_max_age_is_capped_at_the_next_release(self, client, make_item, at_noon):
        now = timezone.now()
        make_item(
            "news",
            internal=now - datetime.timedelta(hours=1),
            external=now + datetime.timedelta(seconds=90),
        )
        with time_machine.travel(now, tick=False):
            cache_control = client.get(LIST)["Cache-Control"]
        assert "max-age=60" in cache_control and "stale-while-revalidate=30" in cache_control
