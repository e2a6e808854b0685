"""GET /search and /search/suggest on the public and the intranet API."""

import pytest

from cms.api.models import ServiceToken
from cms.core import roles
from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "/api/public/v1/search"
INTRANET = "/api/intranet/v1/search"


def bearer(user):
    _token, raw = ServiceToken.issue("Sökning", user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class TestPublicSearch:
    def test_results(self, client, make_item):
        item = make_item(title="Bygglov för villor", summary="Så söker du bygglov.")
        make_item(title="Bygglov internt", audience_codes=("staff",))
        response = client.get(PUBLIC, {"q": "bygglovet"})
        assert response.status_code == 200
        data = response.json()
        assert data["total"] == 1 and data["page"] == 1 and not data["has_next"]
        hit = data["results"][0]
        assert hit["id"] == item.pk and hit["type"] == "news" and not hit["promoted"]
        assert "<mark>bygglov</mark>" in hit["snippet"]
        assert hit["path"].startswith("/") and hit["released_at"]

    def test_filters_and_pages(self, client, make_item):
        make_item(title="Parkering i centrum")
        make_item("press", title="Parkering vid stationen", audience_codes=("media",))
        data = client.get(PUBLIC, {"q": "parkering", "type": "press_release"}).json()
        assert [r["type"] for r in data["results"]] == ["press_release"]
        data = client.get(PUBLIC, {"q": "parkering", "page_size": 1, "page": 2}).json()
        assert len(data["results"]) == 1 and data["total"] == 2

    def test_bad_input_is_422(self, client, site_tree):
        cases = [
            {},
            {"q": ""},
            {"q": "   "},
            {"q": "x" * 201},
            {"q": "a", "type": "blog"},
            {"q": "a", "year": "nästa"},
            {"q": "a", "year": 1200},
            {"q": "a", "page": 0},
            {"q": "a", "page_size": 1000},
            {"q": "a", "unit": -1},
            {"q": "a", "locale": "'; drop"},
        ]
        for params in cases:
            response = client.get(PUBLIC, params)
            assert response.status_code == 422, params
            assert response.json()["detail"], params

    def test_syntax_breaking_queries_are_not_errors(self, client, make_item):
        make_item(title="Bygglov")
        for q in ['"', "bygglov*", "a OR b AND", "'); --", "title:x", "(((", "~^"]:
            response = client.get(PUBLIC, {"q": q})
            assert response.status_code == 200, q
        # A NUL character is no syntax: the APIs refuse it in any parameter (422).
        assert client.get(PUBLIC, {"q": "a\x00"}).status_code == 422

    def test_suggest(self, client, make_item):
        item = make_item(title="Förskolan Solrosen invigs")
        make_item(title="Förskolans personalmöte", audience_codes=("staff",))
        data = client.get(f"{PUBLIC}/suggest", {"q": "Försk"}).json()
        assert [s["id"] for s in data["suggestions"]] == [item.pk]
        assert client.get(f"{PUBLIC}/suggest", {"q": ""}).status_code == 422
        assert client.get(f"{PUBLIC}/suggest", {"q": "x", "limit": 99}).status_code == 422


class TestIntranetSearch:
    def test_needs_a_token(self, client, site_tree):
        assert client.get(INTRANET, {"q": "bygglov"}).status_code == 401

    def test_staff_find_staff_items(self, client, make_item):
        make_item(title="Bygglov för villor")
        staff_item = make_item(title="Bygglov: ny rutin", audience_codes=("staff",))
        user = UserFactory(roles=[roles.STAFF])
        data = client.get(INTRANET, {"q": "bygglov"}, **bearer(user)).json()
        assert data["total"] == 2
        assert staff_item.pk in [r["id"] for r in data["results"]]
        data = client.get(f"{INTRANET}/suggest", {"q": "bygg"}, **bearer(user)).json()
        assert len(data["suggestions"]) == 2
