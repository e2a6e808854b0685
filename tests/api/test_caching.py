"""HTTP caching: validators, 304s, Cache-Control, and a release visible at once.

The public validators are checked with both kinds of cache: per process (read from the
database) and shared (Redis, the content generation of cms.api.generation).
"""

import datetime

import pytest
import time_machine
from django.utils import timezone

from .conftest import republish

pytestmark = pytest.mark.django_db

LIST = "/api/public/v1/items"
INTRANET_LIST = "/api/intranet/v1/items"


@pytest.fixture(params=["per-process cache", "shared cache"])
def either_cache(request):
    """Run the test with Django's default (LocMem) cache, then with Redis."""
    if request.param == "shared cache":
        request.getfixturevalue("shared_cache")
    return request.param


@pytest.mark.usefixtures("either_cache")
class TestPublicCaching:
    def test_etag_last_modified_and_cache_control(self, client, make_item, at_noon):
        make_item("news")
        response = client.get(LIST)
        assert response["ETag"]
        assert response["Last-Modified"]
        assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]

    def test_conditional_request_is_304(
        self, client, make_item, either_cache, django_assert_num_queries
    ):
        make_item("news")
        etag = client.get(LIST)["ETag"]
        # A warm shared cache holds the state; a per-process one cannot see other processes.
        with django_assert_num_queries(0 if either_cache == "shared cache" else 1):
            response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response["ETag"] == etag
        assert response["Last-Modified"]

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

    def test_an_import_changes_the_validator(self, client, site_tree):
        from cms.snippets.factories import UnitFactory
        from tests.imports.conftest import record, run

        UnitFactory(name="Kommunikationsavdelningen")
        etag = client.get(LIST)["ETag"]
        report = run([record("imported-1", path="/nyheter/ny")])
        assert report.counts["imported"] == 1
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert len(response.json()["items"]) == 1


class TestIntranetValidators:
    """Per-reader answers: one reader's validator never confirms another's content."""

    def reader(self, unit=None):
        from cms.api.models import ServiceToken
        from cms.core import roles
        from cms.core.factories import UserFactory

        user = UserFactory(roles=[roles.STAFF])
        if unit is not None:
            unit.members.add(user)
        _token, raw = ServiceToken.issue("Läsare", user)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    @pytest.mark.usefixtures("either_cache")
    def test_a_validator_confirms_only_the_same_audience(self, client, make_item):
        from cms.snippets.factories import UnitFactory

        unit = UnitFactory()
        make_item("bulletin", title="Till enheten", target_units=[unit])
        member, outsider = self.reader(unit), self.reader()
        first = client.get(INTRANET_LIST, **member)
        assert "Till enheten" in first.content.decode()
        assert "private" in first["Cache-Control"]
        etag = first["ETag"]
        assert client.get(INTRANET_LIST, HTTP_IF_NONE_MATCH=etag, **member).status_code == 304
        other = client.get(INTRANET_LIST, HTTP_IF_NONE_MATCH=etag, **outsider)
        assert other.status_code == 200
        assert "Till enheten" not in other.content.decode()
        assert other["ETag"] != etag

    def test_a_public_validator_confirms_no_intranet_answer(self, client, make_item):
        make_item("news")
        make_item("bulletin", title="Bara för personalen")
        etag = client.get(LIST)["ETag"]
        response = client.get(INTRANET_LIST, HTTP_IF_NONE_MATCH=etag, **self.reader())
        assert response.status_code == 200


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


@pytest.mark.usefixtures("either_cache")
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
