"""Topics, units, navigation and documents."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.snippets.factories import TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db


def make_document(title, is_internal=False):
    """A document no item refers to yet (so served to nobody but editors)."""
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

    def test_a_document_no_item_refers_to_is_refused(self, client, site_tree):
        orphan = make_document("Lönelista")
        assert client.get(orphan.url).status_code == 403
        assert client.get("/api/public/v1/documents").json()["items"] == []

    def test_a_document_marked_public_is_served_and_listed(self, client, site_tree):
        form = make_document("Blankett")
        form.is_public = True
        form.save()
        assert client.get(form.url).status_code == 200
        listed = [d["title"] for d in client.get("/api/public/v1/documents").json()["items"]]
        assert listed == ["Blankett"]

    def test_staff_get_the_documents_of_the_items_they_see(self, client, make_item):
        from cms.core import roles
        from cms.core.factories import UserFactory
        from cms.snippets.factories import UnitFactory

        handbook = make_document("Personalhandbok", is_internal=True)
        unit_only = make_document("Enhetens schema")
        make_item("news", audience_codes=("staff",), body=document_body(handbook))
        make_item("bulletin", target_units=[UnitFactory()], body=document_body(unit_only))
        client.force_login(UserFactory(roles=[roles.STAFF]))
        assert client.get(handbook.url).status_code == 200
        assert client.get(unit_only.url).status_code == 403


class TestDevelopmentMedia:
    """``/media/`` in the development server answers only through the guards."""

    @pytest.fixture
    def dev_urls(self, settings):
        import importlib

        from django.urls import clear_url_caches

        import cms.urls

        settings.DEBUG = True
        importlib.reload(cms.urls)
        clear_url_caches()
        yield
        settings.DEBUG = False
        importlib.reload(cms.urls)
        clear_url_caches()

    def test_documents_go_through_their_serve_view(self, client, make_item, dev_urls, settings):
        internal = make_document("Intern", is_internal=True)
        orphan = make_document("Ensam")
        public = make_document("Budget")
        make_item("news", body=document_body(public))
        for document, status in ((internal, 403), (orphan, 403), (public, 200)):
            response = client.get(f"{settings.MEDIA_URL}{document.file.name}", follow=True)
            assert response.status_code == status, document.title
        assert client.get(f"{settings.MEDIA_URL}documents/nothing.txt").status_code == 404

    def test_images_only_when_a_public_item_uses_them(self, client, make_item, dev_urls, settings):
        from cms.core.factories import ImageFactory

        staff_image, public_image = ImageFactory(), ImageFactory()
        make_item("news", audience_codes=("staff",), main_image=staff_image)
        make_item("news", main_image=public_image)
        rendition = staff_image.get_rendition("fill-480x270")
        assert client.get(f"{settings.MEDIA_URL}{staff_image.file.name}").status_code == 404
        assert client.get(f"{settings.MEDIA_URL}{rendition.file.name}").status_code == 404
        assert client.get(f"{settings.MEDIA_URL}{public_image.file.name}").status_code == 200


class TestSiteIdentity:
    @pytest.fixture
    def identity(self, db):
        from cms.core.factories import ImageFactory
        from cms.core.models import MunicipalitySettings

        settings = MunicipalitySettings.load()
        settings.municipality_name = "Ekby kommun"
        settings.logo = ImageFactory(alt_text="Ekby kommuns vapen")
        settings.logo_alt = "Ekby kommun – till startsidan"
        settings.phone = "0123-45 60 00"
        settings.visiting_address = "Storgatan 1, Ekby"
        settings.opening_hours = json.dumps(
            [{"type": "row", "value": {"days": "Måndag–fredag", "days_en": "Monday–Friday",
                                        "hours": "08.00–16.30"}}]
        )  # fmt: skip
        settings.social_links = json.dumps(
            [{"type": "link", "value": {"service": "linkedin", "url": "https://linkedin.example/ekby",
                                         "label": ""}}]
        )  # fmt: skip
        settings.save()
        return settings

    @pytest.mark.parametrize("surface", ["public", "intranet"])
    def test_shape_on_both_surfaces(self, client, identity, staff_reader, surface):
        headers = staff_reader[1] if surface == "intranet" else {}
        data = client.get(f"/api/{surface}/v1/site", **headers).json()
        assert data["name"] == "Ekby kommun"
        assert data["logo"]["alt"] == "Ekby kommun – till startsidan"
        assert data["logo"]["height"] == 96
        assert data["colours"]["primary"] == "#005a8c"
        assert set(data["colours"]) == {
            "primary", "on_primary", "accent", "on_accent", "text", "background"
        }  # fmt: skip
        assert data["contact"]["phone"] == "0123-45 60 00"
        assert data["opening_hours"] == [{"days": "Måndag–fredag", "hours": "08.00–16.30"}]
        assert data["social_links"] == [
            {"service": "linkedin", "url": "https://linkedin.example/ekby", "label": "LinkedIn"}
        ]

    def test_english_days(self, client, identity):
        data = client.get("/api/public/v1/site", {"locale": "en"}).json()
        assert data["opening_hours"][0]["days"] == "Monday–Friday"

    def test_the_logo_is_served_publicly_though_no_item_uses_it(self, client, identity):
        logo = client.get("/api/public/v1/site").json()["logo"]
        response = client.get(logo["url"].removeprefix("http://testserver"))
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]

    def test_cacheable_and_new_validator_on_change(self, client, identity, shared_cache):
        first = client.get("/api/public/v1/site")
        assert "public" in first["Cache-Control"]
        assert (
            client.get("/api/public/v1/site", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        )
        identity.phone = "0123-99 99 99"
        identity.save()
        changed = client.get("/api/public/v1/site", HTTP_IF_NONE_MATCH=first["ETag"])
        assert changed.status_code == 200
        assert changed.json()["contact"]["phone"] == "0123-99 99 99"


class TestServiceShortcuts:
    def make(self, title, sort_order, **kwargs):
        from cms.snippets.models import ServiceShortcut

        return ServiceShortcut.objects.create(title=title, sort_order=sort_order, **kwargs)

    def test_ordered_per_surface_with_pages_resolved(self, client, make_item, staff_reader):
        news = make_item("news", title="Ansök om bygglov")
        staff_news = make_item("news", title="Personalinfo", audience_codes=("staff",))
        self.make("Felanmälan", 2, url="https://e.ekby.example/fel", icon="chat")
        self.make("Bygglov", 1, page=news, text="Så söker du", title_en="Building permit")
        self.make("Lönespec", 3, url="https://hr.ekby.example", placement="intranet")
        self.make("Internt", 4, page=staff_news, placement="both")
        public = client.get("/api/public/v1/service-shortcuts").json()
        assert [s["title"] for s in public] == ["Bygglov", "Felanmälan"]
        bygglov = public[0]
        assert bygglov["url"].endswith(f"/{news.slug}/")
        assert (bygglov["text"], bygglov["external"], bygglov["icon"]) == ("Så söker du", False, "")
        assert public[1] == {
            "title": "Felanmälan",
            "text": "",
            "url": "https://e.ekby.example/fel",
            "external": True,
            "icon": "chat",
        }
        english = client.get("/api/public/v1/service-shortcuts", {"locale": "en"}).json()
        assert english[0]["title"] == "Building permit"
        intranet = client.get("/api/intranet/v1/service-shortcuts", **staff_reader[1]).json()
        assert [s["title"] for s in intranet] == ["Lönespec", "Internt"]

    def test_page_or_address_not_both(self, db):
        from django.core.exceptions import ValidationError

        from cms.snippets.models import ServiceShortcut

        with pytest.raises(ValidationError):
            ServiceShortcut(title="Ingen länk").full_clean()
