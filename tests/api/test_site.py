"""Topics, units, navigation and documents."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.snippets.factories import TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db


def make_document(title, is_internal=False):
    document = get_document_model()(title=title, is_internal=is_internal)
    document.file.save(f"{title}.txt", ContentFile("innehåll".encode()), save=False)
    document.save()
    return document


def document_body(document):
    return json.dumps([{"type": "document", "value": {"document": document.pk, "title": ""}}])


class TestTopicsAndUnits:
    def test_topics(self, client, db):
        TopicFactory(name="Skola", slug="skola", name_en="School")
        assert client.get("/api/public/v1/topics").json() == [
            {"slug": "skola", "name": "Skola", "name_en": "School", "description": ""}
        ]

    def test_units(self, client, db):
        parent = UnitFactory(name="Barn- och utbildning")
        UnitFactory(name="Ekbyskolan", parent=parent, level="operation")
        units = {u["name"]: u for u in client.get("/api/public/v1/units").json()}
        assert units["Ekbyskolan"]["parent_id"] == parent.pk


class TestNavigation:
    def test_public_navigation_leaves_out_the_staff_section(self, client, site_tree):
        navigation = client.get("/api/public/v1/navigation").json()
        assert navigation["home"]["path"] == "/"
        sections = [s["section"] for s in navigation["sections"]]
        assert sections == ["news", "notice_board", "press_room"]
        assert navigation["sections"][0]["path"] == "/nyheter/"

    def test_unknown_locale_is_404(self, client, site_tree):
        assert client.get("/api/public/v1/navigation", {"locale": "fi"}).status_code == 404


class TestDocuments:
    def test_public_documents_only_from_public_items(self, client, make_item):
        shared = make_document("Budget")
        internal = make_document("Intern", is_internal=True)
        staff_only = make_document("Personalhandbok")
        make_item("news", body=document_body(shared))
        make_item("news", body=document_body(internal))
        make_item("news", audience_codes=("staff",), body=document_body(staff_only))
        listed = [d["title"] for d in client.get("/api/public/v1/documents").json()["items"]]
        assert listed == ["Budget"]

    def test_serving_refuses_documents_of_hidden_items(self, client, make_item):
        shared = make_document("Budget")
        staff_only = make_document("Personalhandbok")
        make_item("news", body=document_body(shared))
        make_item("news", audience_codes=("staff",), body=document_body(staff_only))
        assert client.get(shared.url).status_code == 200
        assert client.get(staff_only.url).status_code == 403

    def test_internal_document_is_dropped_from_a_public_body(self, client, make_item):
        internal = make_document("Intern", is_internal=True)
        page = make_item("news", body=document_body(internal))
        body = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
        assert body == []
