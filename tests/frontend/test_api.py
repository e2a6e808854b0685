"""The API client: caching by the API's headers, conditional requests, retries, errors."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest

from frontend import api as api_module
from frontend.api import ApiClient, parse_cache_control

from .conftest import free_port
from .stub_api import STAFF_TOKEN

LIST = "/api/public/v1/items"


@pytest.fixture
def client(api):
    return ApiClient(api.api_url, "public", retries=2, backoff=0.01)


class TestCacheControl:
    def test_parses_directives(self):
        parsed = parse_cache_control('public, max-age=60, stale-while-revalidate="30"')
        assert parsed == {"public": True, "max-age": "60", "stale-while-revalidate": "30"}

    def test_empty_header(self):
        assert parse_cache_control(None) == {}


class TestCaching:
    def test_fresh_response_is_served_from_memory(self, api, client):
        first = client.items(type="news", locale="sv")
        second = client.items(type="news", locale="sv")
        assert first == second
        assert api.count(LIST) == 1
        assert client.stats.fresh_hits == 1

    def test_stale_response_is_revalidated_with_its_etag(self, api, client):
        client.items(type="news")
        for entry in client.cache._entries.values():
            entry.fresh_until = time.monotonic() - 1
        data = client.items(type="news")
        assert data["items"]
        assert api.count(LIST) == 2
        assert api.requests[-1][2].get("If-None-Match", "").startswith('"')
        assert client.stats.revalidated == 1

    def test_parameter_order_does_not_split_the_cache(self, api, client):
        client.get("items", {"type": "news", "locale": "sv"})
        client.get("items", {"locale": "sv", "type": "news"})
        assert api.count(LIST) == 1

    def test_no_store_is_never_kept(self, api, client):
        client.get("dialogue/feedback/token")
        client.get("dialogue/feedback/token")
        assert api.count("/api/public/v1/dialogue/feedback/token") == 2

    def test_private_answers_are_kept_per_reader(self, api):
        client = ApiClient(api.api_url, "intranet")
        client.items(token=STAFF_TOKEN)
        assert all("#" in key for key in client.cache._entries)
        with pytest.raises(api_module.ApiUnauthorized):
            client.items(token="someone-else")

    def test_lru_drops_the_oldest(self, api):
        client = ApiClient(api.api_url, "public", cache=api_module.ResponseCache(max_entries=2))
        for item_id in (13, 14, 18):
            client.item(item_id)
        assert len(client.cache) == 2


class TestErrors:
    def test_404_and_410(self, api, client):
        with pytest.raises(api_module.ApiNotFound):
            client.item_by_path("/nyheter/finns-inte/")
        with pytest.raises(api_module.ApiGone):
            client.item_by_path("/nyheter/indragen-nyhet/")

    def test_bad_request(self, api, client):
        api.queue(LIST, 400, {"detail": "Ogiltig cursor."})
        with pytest.raises(api_module.ApiBadRequest) as error:
            client.items(cursor="x")
        assert error.value.payload == {"detail": "Ogiltig cursor."}

    def test_idempotent_reads_are_retried(self, api, client):
        api.queue(LIST, 503)
        api.queue(LIST, 502)
        assert client.items()["items"]
        assert client.stats.retries == 2
        assert api.count(LIST) == 3

    def test_gives_up_after_the_retries(self, api, client):
        for _ in range(3):
            api.queue(LIST, 503)
        with pytest.raises(api_module.ApiUnavailable):
            client.items()

    def test_posts_are_not_retried(self, api, client):
        api.queue("/api/public/v1/dialogue/feedback", 503)
        with pytest.raises(api_module.ApiUnavailable):
            client.post("dialogue/feedback", {"message": "x"})
        assert api.count("/api/public/v1/dialogue/feedback") == 1

    def test_posts_forward_the_visitors_address(self, api, client):
        """The API's rate limits count residents, so each post names its visitor."""
        visitor = SimpleNamespace(META={"REMOTE_ADDR": "203.0.113.7"})
        behind_a_proxy = SimpleNamespace(
            META={"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
        )
        client.post("dialogue/feedback", {"message": "x"}, request=visitor)
        client.post("dialogue/feedback", {"message": "x"}, request=behind_a_proxy)
        client.post("dialogue/feedback", {"message": "x"})
        sent = [h.get("X-Forwarded-For") for m, p, h in api.requests if p.endswith("/feedback")]
        assert sent == ["203.0.113.7", "198.51.100.4, 10.0.0.2", None]

    def test_unreachable_api(self):
        client = ApiClient(f"http://127.0.0.1:{free_port()}/api", retries=1, backoff=0.01)
        with pytest.raises(api_module.ApiUnavailable):
            client.items()

    def test_stale_copy_is_served_when_the_api_is_away(self, api, client):
        data = client.items(type="news")
        for entry in client.cache._entries.values():
            entry.fresh_until = 0
        api.down = True
        assert client.items(type="news") == data
        assert client.stats.stale_served == 1
