"""Draft preview: a signed token bound to one revision, short-lived, never cached."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.utils import timezone

from cms.api.preview import make_token
from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/api/public/v1/preview"


def draft(page, title):
    page.title = title
    return page.save_revision()


class TestPreview:
    def test_editor_is_sent_to_the_frontend_with_a_token(self, client, make_item):
        page = make_item("news")
        draft(page, "Utkast till rubrik")
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = client.get(f"/api/preview/{page.pk}/")
        assert response.status_code == 302
        location = urlparse(response["Location"])
        assert f"{location.scheme}://{location.netloc}" == "http://127.0.0.1:8100"
        assert location.path == "/forhandsgranska/"
        token = parse_qs(location.query)["token"][0]
        client.logout()
        preview = client.get(PREVIEW, {"token": token})
        assert preview.status_code == 200
        assert preview.json()["title"] == "Utkast till rubrik"
        assert "no-store" in preview["Cache-Control"]
        assert preview["X-Robots-Tag"].startswith("noindex")

    def test_staff_item_previews_on_the_intranet(self, client, make_item):
        page = make_item("news", audience_codes=("staff",))
        draft(page, "Internt utkast")
        client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = client.get(f"/api/preview/{page.pk}/")
        assert response["Location"].startswith("http://127.0.0.1:8200/forhandsgranska/")

    def test_token_is_bound_to_its_revision(self, client, make_item):
        page = make_item("news")
        token = make_token(draft(page, "Första utkastet"))
        draft(page, "Andra utkastet")
        assert client.get(PREVIEW, {"token": token}).json()["title"] == "Första utkastet"

    def test_expired_or_forged_tokens_are_refused(self, client, make_item):
        page = make_item("news")
        token = make_token(draft(page, "Utkast"))
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
            expired = client.get(PREVIEW, {"token": token})
        assert expired.status_code == 403
        assert "gått ut" in expired.json()["detail"]
        assert client.get(PREVIEW, {"token": token[:-2] + "xx"}).status_code == 403
        assert client.get(PREVIEW, {"token": "nonsense"}).status_code == 403

    def test_anonymous_cannot_start_a_preview(self, client, make_item):
        page = make_item("news")
        response = client.get(f"/api/preview/{page.pk}/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
