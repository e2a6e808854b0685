"""The managers' report of a must-read bulletin: per unit, who has and has not confirmed."""

import pytest

from cms.core import roles
from cms.core.factories import UserFactory
from cms.editorial.must_read import confirmation_report, totals, user_can_see_report
from cms.pages.models import MustReadConfirmation
from cms.snippets.factories import UnitFactory
from tests.api.conftest import released, trusted_publishing
from tests.pages.factories import StaffBulletinPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(site_tree):
    school = UnitFactory(name="Norrby skola")
    library = UnitFactory(name="Biblioteket")
    manager = UserFactory(username="rektor", roles=[roles.MANAGER])
    school.managers.add(manager)
    readers = {
        "anna": UserFactory(username="anna", first_name="Anna", roles=[roles.STAFF]),
        "bo": UserFactory(username="bo", first_name="Bo", roles=[roles.STAFF]),
        "cecilia": UserFactory(username="cecilia", first_name="Cecilia", roles=[roles.STAFF]),
    }
    school.members.add(readers["anna"], readers["bo"])
    library.members.add(readers["cecilia"])
    with trusted_publishing():
        page = StaffBulletinPageFactory(
            parent=site_tree["bulletins"], owner_unit=school, must_read=True, title="Ny rutin"
        )
    released(page)
    MustReadConfirmation.objects.create(page=page, user=readers["anna"])
    return {"page": page, "school": school, "library": library, "manager": manager, **readers}


class TestConfirmationReport:
    def test_per_unit(self, bulletin):
        rows = {
            row.unit.name if row.unit else None: row
            for row in confirmation_report(bulletin["page"])
        }
        school = rows["Norrby skola"]
        assert [reader.username for reader, _at in school.confirmed] == ["anna"]
        assert "bo" in [reader.username for reader in school.missing]
        assert [reader.username for reader in rows["Biblioteket"].missing] == ["cecilia"]
        confirmed, total = totals(list(rows.values()))
        assert confirmed == 1 and total >= 4  # the manager reads it too

    def test_who_may_see_it(self, bulletin):
        page = bulletin["page"]
        assert user_can_see_report(bulletin["manager"], page)
        assert user_can_see_report(UserFactory(roles=[roles.COMMUNICATOR]), page)
        assert not user_can_see_report(bulletin["bo"], page)
        assert not user_can_see_report(UserFactory(roles=[roles.MANAGER]), page)

    def test_admin_view(self, client, bulletin):
        url = f"/admin/editorial/las-och-bekrafta/{bulletin['page'].pk}/"
        client.force_login(UserFactory(roles=[roles.EDITOR]))
        assert client.get(url).status_code in (302, 403)
        client.force_login(bulletin["manager"])
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Norrby skola" in html and "Biblioteket" in html
        assert html.count('class="missing"') >= 2 and html.count('class="confirmed"') == 1
        edit = client.get(f"/admin/pages/{bulletin['page'].pk}/edit/")
        assert url in edit.content.decode()
