"""The workflow's admin hooks send refused bulk actions back only to this site."""

import pytest
from django.urls import reverse

from .helpers import draft, reload
from .test_urgent_and_notices import live_notice

pytestmark = pytest.mark.django_db

OFF_SITE = "https://phishing.example/admin/"


def bulk_url(action, page, next_url):
    """The bulk action ``action`` on ``page`` with a ``next`` to go back to."""
    base = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    return f"{base}?id={page.pk}&next={next_url}"


class TestNextUrlStaysOnSite:
    def test_refused_bulk_publish_does_not_follow_an_off_site_next(self, org, client):
        page = draft(org, audiences=("residents",))
        client.force_login(org["communicator"])
        response = client.post(bulk_url("publish", page, OFF_SITE), {"include_descendants": ""})
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_explore_root")
        assert not reload(page).live

    def test_refused_bulk_unpublish_does_not_follow_an_off_site_next(self, org, client):
        notice = live_notice(org)
        client.force_login(org["administrator"])
        response = client.post(
            bulk_url("unpublish", notice, "//phishing.example/"), {"include_descendants": ""}
        )
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_explore_root")
        assert reload(notice).live

    def test_an_on_site_next_is_followed(self, org, client):
        page = draft(org, audiences=("residents",))
        client.force_login(org["communicator"])
        back = reverse("wagtailadmin_explore", args=[org["site"]["news"].pk])
        response = client.post(bulk_url("publish", page, back), {"include_descendants": ""})
        assert response.status_code == 302
        assert response.url == back
