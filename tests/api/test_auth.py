"""Intranet authentication: 401 without a valid token, 403 without access."""

import datetime

import pytest
from django.utils import timezone

from cms.api.models import ServiceToken, TokenScope
from cms.core import roles
from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/intranet/v1/items"


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class TestServiceTokens:
    def test_missing_or_bad_token_is_401(self, client, site_tree):
        assert client.get(LIST).status_code == 401
        assert client.get(LIST, **bearer("enk_nonsense")).status_code == 401
        assert client.get(LIST, HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code == 401

    def test_token_reads_what_its_account_may_read(self, client, make_item):
        staff_item = make_item("news", audience_codes=("staff",))
        _token, raw = ServiceToken.issue("Skärm", UserFactory(roles=[roles.STAFF]))
        response = client.get(LIST, **bearer(raw))
        assert response.status_code == 200
        assert [i["id"] for i in response.json()["items"]] == [staff_item.pk]
        assert response["Cache-Control"].startswith("private")

    def test_revoked_and_expired_tokens_are_401(self, client, site_tree):
        user = UserFactory(roles=[roles.STAFF])
        revoked, raw_revoked = ServiceToken.issue("Gammal skärm", user)
        revoked.revoke()
        _expired, raw_expired = ServiceToken.issue(
            "Utgången", user, expires_at=timezone.now() - datetime.timedelta(days=1)
        )
        assert client.get(LIST, **bearer(raw_revoked)).status_code == 401
        assert client.get(LIST, **bearer(raw_expired)).status_code == 401

    def test_account_without_access_is_403(self, client, site_tree):
        _token, raw = ServiceToken.issue("Utan roll", UserFactory())
        assert client.get(LIST, **bearer(raw)).status_code == 403
        _token, raw = ServiceToken.issue("Utan scope", UserFactory(roles=[roles.STAFF]), scopes=[])
        assert client.get(LIST, **bearer(raw)).status_code == 403

    def test_only_the_hash_is_stored(self, site_tree):
        token, raw = ServiceToken.issue("Skärm", UserFactory(), scopes=[TokenScope.INTRANET_READ])
        assert raw not in token.token_hash and raw.startswith(token.hint)


class TestServiceTokenAdmin:
    def test_created_in_the_admin_and_shown_once(self, client, site_tree):
        admin = UserFactory(is_superuser=True, is_staff=True)
        screen = UserFactory(roles=[roles.STAFF])
        client.force_login(admin)
        response = client.post(
            "/admin/snippets/api/servicetoken/add/",
            {"name": "Skärm i Ekbyskolan", "user": screen.pk},
            follow=True,
        )
        assert response.status_code == 200
        token = ServiceToken.objects.get()
        shown = [str(m) for m in response.context["messages"]]
        raw = next(m.split(": ")[-1] for m in shown if "Kopiera" in m)
        assert token.is_usable and raw.startswith(token.hint)
        client.logout()
        assert client.get(LIST, **bearer(raw)).status_code == 200


class TestIssueTokenCommand:
    def test_issues_working_tokens(self, client, make_item):
        from io import StringIO

        from django.core.management import call_command

        make_item("news", audience_codes=("staff",))
        UserFactory(username="medarbetare", roles=[roles.STAFF])
        for extra in ([], ["--service", "Skärm"]):
            out = StringIO()
            call_command("issue_api_token", "medarbetare", *extra, stdout=out)
            raw = out.getvalue().strip()
            assert client.get(LIST, **bearer(raw)).status_code == 200, extra
