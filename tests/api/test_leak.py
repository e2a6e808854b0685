"""Nothing hidden ever reaches a public endpoint (DESIGN.md §6.2)."""

import pytest

from cms.pages.models import ArticlePage

from .test_querysets import random_items

pytestmark = pytest.mark.django_db

PUBLIC_ENDPOINTS = [
    "/api/public/v1/items?limit=100",
    "/api/public/v1/items?limit=100&ordering=title",
    "/api/public/v1/notice-board",
    "/api/public/v1/notice-board/archive?limit=100",
    "/api/public/v1/press-room",
    "/api/public/v1/press-room/releases?limit=100",
    "/api/public/v1/documents",
    "/api/public/v1/navigation",
    "/api/public/v1/feeds/news.rss",
    "/api/public/v1/feeds/press-releases.atom",
    "/api/public/v1/feeds/notices.rss",
    "/api/public/v1/calendars/press-invitations.ics",
    "/api/public/v1/calendars/council-meetings.ics",
]


def test_random_items_never_leak_through_any_public_endpoint(client, make_item, site_tree):
    expected = random_items(make_item, site_tree, seed=11, count=40)
    hidden = ArticlePage.objects.exclude(pk__in=expected)
    hidden_slugs = set(hidden.values_list("slug", flat=True))
    assert hidden_slugs, "the generator should hide some items"
    seen = set()
    for url in PUBLIC_ENDPOINTS:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for slug in hidden_slugs:
            assert f"/{slug}/" not in text, (url, slug)
        if "/feeds/" in url or "/calendars/" in url:
            continue
        data = response.json()
        for key in ("items", "notices", "latest_releases", "upcoming_invitations"):
            if isinstance(data, dict) and key in data and url != "/api/public/v1/documents":
                seen |= {item["id"] for item in data[key]}
    assert seen <= expected
    assert seen == expected  # every public item is reachable from some listing
    for page in hidden:
        assert client.get(f"/api/public/v1/items/{page.pk}").status_code == 404
