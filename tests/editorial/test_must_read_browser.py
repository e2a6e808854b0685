"""The managers' must-read report in Chromium: from the bulletin to who has confirmed."""

import pytest

from cms.core import roles
from cms.core.factories import UserFactory
from cms.pages.models import MustReadConfirmation
from cms.snippets.factories import UnitFactory
from tests.api.conftest import released, trusted_publishing
from tests.pages.factories import StaffBulletinPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_sees_per_unit_who_has_confirmed(admin_login, site_tree):
    school = UnitFactory(name="Norrby skola")
    manager = UserFactory(username="rektor", roles=[roles.MANAGER])
    school.managers.add(manager)
    anna = UserFactory(username="anna", first_name="Anna", last_name="Ek", roles=[roles.STAFF])
    bo = UserFactory(username="bo", first_name="Bo", last_name="Lind", roles=[roles.STAFF])
    school.members.add(anna, bo)
    with trusted_publishing():
        page = StaffBulletinPageFactory(
            parent=site_tree["bulletins"], owner_unit=school, must_read=True, title="Ny rutin"
        )
    released(page)
    MustReadConfirmation.objects.create(page=page, user=anna)

    browser_page = admin_login(manager)
    browser_page.goto(browser_page.url.replace("/admin/", f"/admin/pages/{page.pk}/edit/"))
    # The report is in the header's actions menu.
    for toggle in browser_page.locator("[data-w-dropdown-target=toggle]").all():
        if toggle.is_visible():
            toggle.click()
            link = browser_page.get_by_role(
                "link", name="Läs och bekräfta: vilka som har bekräftat"
            )
            if link.count() and link.first.is_visible():
                link.first.click()
                break
            browser_page.keyboard.press("Escape")
    browser_page.wait_for_url(f"**/admin/editorial/las-och-bekrafta/{page.pk}/")
    unit = browser_page.locator("section.must-read-unit", has_text="Norrby skola")
    assert unit.locator("tr.confirmed", has_text="Anna Ek").is_visible()
    assert unit.locator("tr.missing", has_text="Bo Lind").is_visible()
