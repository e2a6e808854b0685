"""Prints through the delivery API: public items only on the public surface, editions on
the intranet only."""

import pytest

from .conftest import read_pdf, text_of
from .test_printing import make_edition

pytestmark = pytest.mark.django_db


def pdf_of(response) -> bytes:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    return response.content


class TestItemPdf:
    def test_a_public_item_on_the_public_surface(self, client, make_item):
        item = make_item("news", title="Ny förskola öppnar")
        content = pdf_of(client.get(f"/api/public/v1/items/{item.pk}/pdf"))
        assert "Ny förskola öppnar" in text_of(content)

    @pytest.mark.parametrize(
        ("kind", "codes"), [("bulletin", ()), ("news", ("staff",))], ids=["bulletin", "staff news"]
    )
    def test_never_a_staff_item_on_the_public_surface(self, client, make_item, kind, codes):
        item = make_item(kind, **({"audience_codes": codes} if codes else {}))
        response = client.get(f"/api/public/v1/items/{item.pk}/pdf")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")

    def test_not_before_the_external_release(self, client, make_item):
        import datetime

        from django.utils import timezone

        now = timezone.now()
        item = make_item("news", internal=now, external=now + datetime.timedelta(hours=1))
        assert client.get(f"/api/public/v1/items/{item.pk}/pdf").status_code == 404

    def test_a_staff_item_on_the_intranet(self, client, make_item, staff_reader):
        _user, headers = staff_reader
        item = make_item("bulletin", title="Välkommen till medarbetardagen")
        content = pdf_of(client.get(f"/api/intranet/v1/items/{item.pk}/pdf", **headers))
        assert "Välkommen till medarbetardagen" in text_of(content)

    def test_the_intranet_needs_a_reader(self, client, make_item):
        item = make_item("bulletin")
        assert client.get(f"/api/intranet/v1/items/{item.pk}/pdf").status_code == 401

    def test_a_repeated_public_request_is_answered_with_304(self, client, make_item):
        item = make_item("news")
        first = client.get(f"/api/public/v1/items/{item.pk}/pdf")
        again = client.get(f"/api/public/v1/items/{item.pk}/pdf", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304


@pytest.fixture
def edition(site_tree, make_item):
    items = [
        make_item("bulletin", title="Välkommen till medarbetardagen"),
        make_item("news", title="Ny förskola i Norrby", audience_codes=("residents",)),
    ]
    return make_edition(site_tree, items, number=3)


class TestEditions:
    def test_listed_on_the_intranet(self, client, edition, staff_reader):
        _user, headers = staff_reader
        data = client.get("/api/intranet/v1/editions", **headers).json()
        assert [e["title"] for e in data["editions"]] == [edition.title]
        first = data["editions"][0]
        assert first["path"] == f"/inblick/{edition.year}/3/"
        assert first["item_count"] == 2

    def test_one_edition_with_its_items_in_order(self, client, edition, staff_reader):
        _user, headers = staff_reader
        response = client.get(f"/api/intranet/v1/editions/{edition.year}/3", **headers)
        assert response.status_code == 200, response.content
        data = response.json()
        assert [item["title"] for item in data["items"]] == [
            "Välkommen till medarbetardagen",
            "Ny förskola i Norrby",
        ]
        assert "Välkommen till ett nytt nummer" in data["foreword"]

    def test_as_pdf(self, client, edition, staff_reader):
        _user, headers = staff_reader
        content = pdf_of(client.get(f"/api/intranet/v1/editions/{edition.year}/3/pdf", **headers))
        assert len(read_pdf(content).pages) >= 3

    def test_never_on_the_public_surface(self, client, edition):
        for path in ("editions", f"editions/{edition.year}/3", f"editions/{edition.year}/3/pdf"):
            assert client.get(f"/api/public/v1/{path}").status_code == 404

    def test_an_unpublished_edition_is_gone(self, client, edition, staff_reader):
        _user, headers = staff_reader
        edition.unpublish()
        assert (
            client.get(f"/api/intranet/v1/editions/{edition.year}/3", **headers).status_code == 404
        )
        assert client.get("/api/intranet/v1/editions", **headers).json()["editions"] == []
