"""The intranet reader's own endpoints: confirm a must-read bulletin, and "För min enhet"."""

import pytest

from cms.api.models import ServiceToken
from cms.core import roles
from cms.core.factories import UserFactory
from cms.pages.models import MustReadConfirmation
from cms.snippets.factories import UnitFactory

pytestmark = pytest.mark.django_db


def reader_headers(user):
    _token, raw = ServiceToken.issue("Läsare", user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


class TestConfirmReading:
    def test_one_click_then_idempotent(self, client, make_item, staff_reader):
        user, headers = staff_reader
        page = make_item("bulletin", must_read=True)
        url = f"/api/intranet/v1/items/{page.pk}/confirmation"
        detail = client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json()
        assert detail["bulletin"]["must_read"] is True
        assert detail["bulletin"]["confirmed_at"] is None
        first = client.post(url, **headers)
        assert first.status_code == 201
        again = client.post(url, **headers)
        assert again.status_code == 200
        assert again.json()["confirmed_at"] == first.json()["confirmed_at"]
        assert MustReadConfirmation.objects.filter(page=page, user=user).count() == 1
        detail = client.get(f"/api/intranet/v1/items/{page.pk}", **headers).json()
        assert detail["bulletin"]["confirmed_at"] == first.json()["confirmed_at"]

    def test_refusals(self, client, make_item, staff_reader, site_tree):
        _user, headers = staff_reader
        plain = make_item("bulletin")
        hidden = make_item("bulletin", must_read=True, target_units=[UnitFactory()])
        news = make_item("news")
        assert (
            client.post(f"/api/intranet/v1/items/{plain.pk}/confirmation", **headers).status_code
            == 400
        )
        for page in (hidden, news):
            response = client.post(f"/api/intranet/v1/items/{page.pk}/confirmation", **headers)
            assert response.status_code == 404
        assert client.post(f"/api/intranet/v1/items/{plain.pk}/confirmation").status_code == 401
        # Nothing of it on the public surface.
        assert client.post(f"/api/public/v1/items/{plain.pk}/confirmation").status_code in (
            404,
            405,
        )

    def test_must_read_lists_what_the_reader_has_yet_to_confirm(
        self, client, make_item, staff_reader
    ):
        user, headers = staff_reader
        confirmed = make_item("bulletin", must_read=True, title="Redan bekräftad")
        waiting = make_item("bulletin", must_read=True, title="Att bekräfta")
        make_item("bulletin", title="Vanligt personalblad")
        MustReadConfirmation.objects.create(page=confirmed, user=user)
        listed = client.get("/api/intranet/v1/must-read", **headers).json()["items"]
        assert [item["id"] for item in listed] == [waiting.pk]

    def test_confirmations_are_erased_with_the_user(self, make_item):
        user = UserFactory(roles=[roles.STAFF])
        page = make_item("bulletin", must_read=True)
        MustReadConfirmation.objects.create(page=page, user=user)
        user.delete()
        assert not MustReadConfirmation.objects.exists()


class TestForMyUnits:
    def test_targeted_and_own_units_items_only(self, client, make_item):
        school = UnitFactory(name="Norrby skola")
        class_unit = UnitFactory(name="Klass 3", parent=school)
        other = UnitFactory(name="Kultur")
        user = UserFactory(roles=[roles.STAFF])
        class_unit.members.add(user)
        for_school = make_item("bulletin", title="Till skolan", target_units=[school])
        own_news = make_item("news", title="Klassens nyhet", owner_unit=class_unit)
        make_item("bulletin", title="Till kulturen", target_units=[other])
        make_item("news", title="Kulturens nyhet", owner_unit=other)
        make_item("bulletin", title="Till alla")
        listed = client.get("/api/intranet/v1/for-my-units", **reader_headers(user)).json()
        assert {item["id"] for item in listed["items"]} == {for_school.pk, own_news.pk}
