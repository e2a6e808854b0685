"""Hostile input and the one error shape of both APIs (cms/api/errors.py)."""

import json
import time

import pytest
from django.test import override_settings

from cms.api.models import ServiceToken
from cms.core import roles
from cms.core.factories import UserFactory
from cms.dialogue.models import Feedback, NewsTip
from cms.dialogue.spam import make_form_token
from cms.mail.models import Subscriber

pytestmark = pytest.mark.django_db

PUBLIC = "/api/public/v1"
INTRANET = "/api/intranet/v1"
LONG_EMAIL = "a" * 250 + "@example.org"  # 262 characters: valid to Django, too long to store


@pytest.fixture
def bearer(db):
    _token, raw = ServiceToken.issue("Test", UserFactory(roles=[roles.STAFF]))
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def unit(db):
    from cms.snippets.factories import UnitFactory

    return UnitFactory()


def feedback(**fields):
    token = make_form_token(time.time() - 60)
    return {"category": "praise", "message": "Tack!", "token": token, **fields}


def tip(unit, **fields):
    return {"title": "Nytt bibliotek", "text": "Vi öppnar.", "unit_id": unit.pk, **fields}


def post(client, path, data, **extra):
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(path, body, content_type="application/json", **extra)


def assert_error_shape(response, status):
    """The one error shape: JSON, ``detail`` a string, ``errors`` a list of entries."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], list)
    for entry in body["errors"]:
        assert set(entry) == {"loc", "msg", "type"}
    return body


class TestHostileInput:
    def test_lone_surrogate_in_feedback(self, client):
        response = post(
            client,
            f"{PUBLIC}/dialogue/feedback",
            '{"category": "praise", "message": "Hej \\ud800", "token": "x"}',
        )
        body = assert_error_shape(response, 422)
        assert body["errors"][0]["loc"] == ["body", "message"]
        assert not Feedback.objects.exists()

    def test_lone_surrogate_in_a_news_tip_title(self, client, bearer, unit):
        data = json.dumps(tip(unit)).replace("Nytt bibliotek", "Nytt \\udfff")
        response = post(client, f"{INTRANET}/dialogue/tips", data, **bearer)
        assert_error_shape(response, 422)
        assert not NewsTip.objects.exists()

    def test_nul_characters_in_a_body_and_a_query(self, client, bearer, unit):
        response = post(client, f"{INTRANET}/dialogue/tips", tip(unit, text="a\x00b"), **bearer)
        assert_error_shape(response, 422)
        assert not NewsTip.objects.exists()
        assert_error_shape(client.get(f"{PUBLIC}/items", {"topic": "\x00"}), 422)

    def test_email_longer_than_the_column(self, client, bearer, unit):
        response = post(client, f"{PUBLIC}/dialogue/feedback", feedback(email=LONG_EMAIL))
        assert_error_shape(response, 422)
        response = post(
            client, f"{INTRANET}/dialogue/tips", tip(unit, sender_email=LONG_EMAIL), **bearer
        )
        assert_error_shape(response, 422)
        response = post(client, f"{PUBLIC}/mail/subscriptions", {"email": LONG_EMAIL})
        assert_error_shape(response, 422)
        assert not (Feedback.objects.exists() or NewsTip.objects.exists())
        assert not Subscriber.objects.exists()

    def test_ids_beyond_64_bits(self, client, bearer, unit):
        response = client.get(f"{INTRANET}/dialogue/lix/{2**63}", **bearer)
        assert_error_shape(response, 422)
        response = client.get(f"{INTRANET}/dialogue/lix/{10**30}", **bearer)
        assert_error_shape(response, 422)
        for data in (tip(unit, unit_id=2**64), feedback(page_id=2**63)):
            path = "tips" if "unit_id" in data else "feedback"
            api = INTRANET if path == "tips" else PUBLIC
            assert_error_shape(post(client, f"{api}/dialogue/{path}", data, **bearer), 422)

    @pytest.mark.parametrize("debug", [False, True])
    def test_a_huge_body(self, client, debug):
        with override_settings(DEBUG=debug):
            data = feedback(message="x" * 3_000_000)
            response = post(client, f"{PUBLIC}/dialogue/feedback", data)
        assert_error_shape(response, 413)
        assert not Feedback.objects.exists()

    def test_unparseable_json(self, client):
        for body in ("{not json", "[1, 2", b"\xff\xfe"):
            assert_error_shape(post(client, f"{PUBLIC}/dialogue/feedback", body), 400)


class TestErrorShape:
    def test_validation_errors_name_their_inputs(self, client):
        body = assert_error_shape(post(client, f"{PUBLIC}/mail/subscriptions", {}), 422)
        assert body["errors"][0]["loc"][-1] == "email"
        body = assert_error_shape(
            client.put(f"{PUBLIC}/mail/preferences", "{}", content_type="application/json"), 422
        )
        assert body["errors"]

    def test_refusals_of_the_apps_have_the_same_shape(self, client, bearer, unit):
        assert_error_shape(client.get(f"{INTRANET}/dialogue/lix/999999", **bearer), 404)
        body = assert_error_shape(
            post(client, f"{INTRANET}/dialogue/tips", tip(unit, unit_id=999_999), **bearer), 422
        )
        assert body["errors"][0]["loc"] == ["body", "payload", "unit_id"]
        body = assert_error_shape(
            post(client, f"{PUBLIC}/mail/subscriptions/confirm", {"token": "forged"}), 400
        )
        assert body["errors"][0]["type"] == "link_invalid"
        assert_error_shape(client.get(f"{PUBLIC}/mail/preferences", {"token": "forged"}), 400)
        assert_error_shape(client.get(f"{PUBLIC}/search", {"q": "x", "page": 10**6}), 422)

    def test_authentication_comes_before_parameters(self, client):
        for path in ("/search", "/search/suggest", "/dialogue/lix/1", "/items"):
            body = assert_error_shape(client.get(f"{INTRANET}{path}"), 401)
            assert body["errors"] == []
        assert_error_shape(post(client, f"{INTRANET}/dialogue/tips", {}), 401)

    def test_timestamps_are_iso_8601_only(self, client):
        for value in ("67264", "1700000000.5"):
            response = client.get(f"{PUBLIC}/items", {"released_before": value})
            assert_error_shape(response, 422)
        iso = client.get(f"{PUBLIC}/items", {"released_before": "2026-01-01T00:00:00+01:00"})
        assert iso.status_code == 200

    def test_every_status_is_documented_with_the_one_shape(self, client):
        for api, statuses in (("public", {422, 429}), ("intranet", {401, 403, 422, 429})):
            schema = client.get(f"/api/{api}/v1/openapi.json").json()
            for path, methods in schema["paths"].items():
                for method, operation in methods.items():
                    codes = {int(code) for code in operation["responses"] if code >= "4"}
                    expected = set(statuses)
                    if "requestBody" in operation:
                        expected |= {400, 413}
                    assert expected <= codes, (api, method, path)
                    for code, answer in operation["responses"].items():
                        if code >= "4":
                            ref = answer["content"]["application/json"]["schema"]["$ref"]
                            assert ref == "#/components/schemas/Error", (path, code)
            error = schema["components"]["schemas"]["Error"]
            assert error["properties"]["detail"]["type"] == "string"
            assert error["properties"]["errors"]["type"] == "array"
