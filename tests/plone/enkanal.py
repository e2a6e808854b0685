"""The Enkanal side of a Plone import test: both locales' trees and the default unit."""

from wagtail.models import Locale, Page

UNIT = "Kommunikationsavdelningen"


def english_tree_and_unit():
    """An English home with one index page per type (beside ``site_tree``'s), and the unit.

    Call it from a fixture that uses ``site_tree``; returns the unit.
    """
    from cms.snippets.factories import UnitFactory
    from tests.pages.factories import (
        HomePageFactory,
        NewsIndexPageFactory,
        NoticeBoardPageFactory,
        PressRoomPageFactory,
        StaffBulletinIndexPageFactory,
    )

    home_en = HomePageFactory(
        parent=Page.get_first_root_node(),
        locale=Locale.objects.get(language_code="en"),
        title="Municipality",
        slug="en",
    )
    for factory in (
        NewsIndexPageFactory,
        NoticeBoardPageFactory,
        PressRoomPageFactory,
        StaffBulletinIndexPageFactory,
    ):
        factory(parent=home_en, locale=home_en.locale)
    return UnitFactory(name=UNIT, short_name="KOM")
