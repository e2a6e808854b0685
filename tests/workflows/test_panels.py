"""The release plan panel on the article types' edit view (attached by the workflows)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import get_page_models

from cms.pages.models import ArticlePage, NewsPage
from cms.workflows.guard import system_publish
from cms.workflows.panels import ReleasePlanPanel

from .helpers import draft, reload

pytestmark = pytest.mark.django_db


def plan_section(content: str) -> str:
    match = re.search(r"<div[^>]*data-enkanal-release-plan>(.*?)</div>", content, re.DOTALL)
    assert match, "no release plan on the page"
    return " ".join(match.group(1).split())


def published(org, audiences):
    page = draft(org, audiences=audiences)
    with system_publish("test"):
        page.get_latest_revision().publish()
    return reload(page)


def edit_view(client, user, page) -> str:
    client.force_login(user)
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


class TestReleasePlanPanel:
    def test_every_article_type_has_the_panel_once(self):
        articles = [m for m in get_page_models() if issubclass(m, ArticlePage)]
        assert NewsPage in articles
        for model in articles:
            kinds = [type(panel) for panel in model.settings_panels]
            assert kinds.count(ReleasePlanPanel) == 1, model

    def test_published_item_shows_both_releases(self, org, client):
        page = published(org, ("residents", "staff"))
        text = plan_section(edit_view(client, org["communicator"], page))
        assert "Intranätet:" in text and "Externt:" in text
        assert "aldrig" not in text and "Sätts när" not in text

    def test_staff_item_is_never_external(self, org, client):
        page = published(org, ("staff",))
        content = edit_view(client, org["communicator"], page)
        assert "aldrig (bara för medarbetare)" in plan_section(content)

    def test_draft_says_when_it_will_be_set(self, org, client):
        content = edit_view(client, org["editor"], draft(org))
        assert "Sätts när innehållet publiceras" in plan_section(content)

    def test_not_on_the_create_view(self, org, client):
        client.force_login(org["editor"])
        parent = org["site"]["news"]
        url = reverse("wagtailadmin_pages:add", args=["pages", "newspage", parent.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert "data-enkanal-release-plan" not in response.content.decode()
