"""The intranet API's LIX of an article (``GET /dialogue/lix/{page_id}``)."""

import datetime

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.editorial.urls")]


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer user-{user.pk}"}


class TestLixEndpoint:
    def test_lix_of_a_published_article(self, client, site_tree, people):
        from tests.pages.factories import NewsPageFactory

        released = timezone.now() - datetime.timedelta(hours=1)
        page = NewsPageFactory(
            parent=site_tree["news"],
            title="Ny lekplats",
            summary="Vi bygger en lekplats.",
            internal_release_at=released,
            external_release_at=released,
        )
        response = client.get(f"/api/intranet/dialogue/lix/{page.pk}", **bearer(people["staff"]))
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["page_id"] == page.pk
        assert body["words"] == 6 and body["sentences"] == 2
        # 6/2 + 100 * 2 (lekplats twice) / 6 = 36.3
        assert body["score"] == 36.3 and body["level"] == "easy"

    def test_unknown_or_unpublished_page(self, client, site_tree, people):
        from tests.pages.factories import NewsPageFactory

        draft = NewsPageFactory(parent=site_tree["news"], live=False)
        for page_id in (draft.pk, 999_999):
            response = client.get(
                f"/api/intranet/dialogue/lix/{page_id}", **bearer(people["staff"])
            )
            assert response.status_code == 404
