"""The create form never publishes an item: every new item is a draft that is submitted.

Driven through a real, CSRF-checked admin session (the login form, the CSRF cookie and
token), the way a crafted POST would reach the admin.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from cms.core import roles
from cms.core.factories import ImageFactory, UserFactory
from cms.pages.models import ArticlePage, NewsPage
from cms.snippets.factories import UnitFactory, audiences
from cms.workflows.guard import PublishRefused, system_publish
from tests.browser import PASSWORD
from tests.pages.test_admin_create import CASES, add_url

pytestmark = pytest.mark.django_db

#: Every role that may publish something somewhere in the admin.
PUBLISHING_ROLES = (roles.COMMUNICATOR, roles.DIRECTOR, roles.ADMINISTRATOR)


def signed_in(user):
    """A client signed in through the admin's login form, with CSRF checks enforced."""
    client = Client(enforce_csrf_checks=True)
    login_url = reverse("wagtailadmin_login")
    client.get(login_url)
    response = client.post(
        login_url,
        {
            "username": user.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302, "login failed"
    return client


def csrf_token(client, url):
    """The CSRF token of the form at ``url`` (as a browser would post it)."""
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert match, "no CSRF token in the form"
    return response, match.group(1)


@pytest.fixture
def setup(site_tree):
    """A unit, an image and one signed-in client per publishing role."""
    unit = UnitFactory(name="Kommunikationsenheten")
    image = ImageFactory(alt_text="Tre personer vid ett bord")
    users = {
        role: UserFactory(username=f"user_{index}", roles=[role])
        for index, role in enumerate(PUBLISHING_ROLES)
    }
    return {"site": site_tree, "unit": unit, "image": image, "users": users}


class TestCreateFormNeverPublishes:
    @pytest.mark.parametrize("role", PUBLISHING_ROLES)
    @pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
    def test_publish_on_create_is_refused(self, setup, role, model):
        index_key, make_data, _expected = CASES[model]
        parent = setup["site"][index_key]
        client = signed_in(setup["users"][role])
        url = add_url(model, parent)
        _form, token = csrf_token(client, url)
        data = make_data(setup["unit"], setup["image"])
        data |= {"action-publish": "action-publish", "csrfmiddlewaretoken": token}
        response = client.post(url, data)
        assert response.status_code in (302, 403), response.status_code
        assert not ArticlePage.objects.child_of(parent).filter(live=True).exists()
        assert not ArticlePage.objects.filter(live=True, live_revision__isnull=True).exists()

    @pytest.mark.parametrize("role", PUBLISHING_ROLES)
    @pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
    def test_create_form_offers_no_publish(self, setup, role, model):
        index_key, _make_data, _expected = CASES[model]
        client = signed_in(setup["users"][role])
        response, _token = csrf_token(client, add_url(model, setup["site"][index_key]))
        content = response.content.decode()
        assert 'name="action-publish"' not in content
        assert 'name="action-submit"' in content

    def test_saving_a_draft_still_works(self, setup):
        index_key, make_data, _expected = CASES[next(iter(CASES))]
        parent = setup["site"][index_key]
        client = signed_in(setup["users"][roles.COMMUNICATOR])
        url = add_url(next(iter(CASES)), parent)
        _form, token = csrf_token(client, url)
        data = make_data(setup["unit"], setup["image"]) | {"csrfmiddlewaretoken": token}
        assert client.post(url, data).status_code == 302
        page = ArticlePage.objects.child_of(parent).get()
        assert not page.live and page.get_latest_revision() is not None


def live_news_item(setup, slug):
    """An unsaved news item for residents, live as Wagtail's ``Page.live`` defaults."""
    return NewsPage(
        title=slug.capitalize(),
        slug=slug,
        summary="Kort ingress.",
        owner_unit=setup["unit"],
        audiences=list(audiences("residents")),
    )


class TestNoRevisionIsNoPass:
    def test_an_article_created_live_without_a_revision_is_refused(self, setup):
        parent = Page.objects.get(pk=setup["site"]["news"].pk)
        with pytest.raises(PublishRefused):
            parent.add_child(instance=live_news_item(setup, "utan-version"))
        assert not NewsPage.objects.filter(slug="utan-version").exists()

    def test_trusted_code_creates_live_inside_system_publish(self, setup):
        parent = Page.objects.get(pk=setup["site"]["news"].pk)
        with system_publish("test"):
            parent.add_child(instance=live_news_item(setup, "systemets"))
        page = NewsPage.objects.get(slug="systemets")
        assert page.live
        assert PageLogEntry.objects.filter(page=page, action="enkanal.system_publish").exists()
