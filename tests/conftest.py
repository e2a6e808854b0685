"""Shared pytest fixtures."""

import pytest


@pytest.fixture
def site_tree(db):
    """A Swedish home page with one index page per type, as the site's root."""
    from wagtail.models import Locale, Page, Site

    from cms.pages.factories import (
        HomePageFactory,
        NewsIndexPageFactory,
        NoticeBoardPageFactory,
        PressRoomPageFactory,
        StaffBulletinIndexPageFactory,
    )

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=Locale.objects.get(language_code="sv"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return {
        "home": home,
        "news": NewsIndexPageFactory(parent=home),
        "notices": NoticeBoardPageFactory(parent=home),
        "press": PressRoomPageFactory(parent=home),
        "bulletins": StaffBulletinIndexPageFactory(parent=home),
    }


# The admin-in-Chromium fixtures (chromium, admin_login) for every package's browser tests.
pytest_plugins = ["tests.browser"]
