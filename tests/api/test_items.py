"""Item listings and details on the public and intranet APIs."""

import datetime
import json
from urllib.parse import quote

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from cms.core.factories import ImageFactory
from cms.snippets.factories import TopicFactory, UnitFactory
from cms.snippets.models import UnitLevel

pytestmark = pytest.mark.django_db

LIST = "/api/public/v1/items"
HOUR = datetime.timedelta(hours=1)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


class TestListItems:
    def test_lists_only_public_items(self, client, make_item):
        public = make_item("news")
        make_item("news", audience_codes=("staff",))
        make_item("bulletin")
        make_item("news", external=timezone.now() + HOUR)
        assert ids(client.get(LIST)) == [public.pk]

    def test_summary_fields(self, client, make_item):
        topic = TopicFactory(name="Skola", slug="skola")
        page = make_item(
            "news", main_image=ImageFactory(alt_text="Elever i klassrum"), topics=[topic]
        )
        item = client.get(LIST).json()["items"][0]
        assert item["type"] == "news"
        assert item["path"] == f"/nyheter/{page.slug}/"
        assert item["url"] == f"http://127.0.0.1:8100/nyheter/{page.slug}/"
        assert item["topics"] == [{"slug": "skola", "name": "Skola"}]
        assert item["audiences"] == ["residents"]
        assert item["image"]["alt"] == "Elever i klassrum"
        assert set(item["image"]["renditions"]) == {"thumbnail", "medium", "large", "social"}
        assert item["image"]["renditions"]["thumbnail"]["url"].startswith(
            "http://testserver/api/images/"
        )

    def test_dates_are_iso_8601_in_stockholm(self, client, make_item):
        make_item("news", internal=datetime.datetime(2026, 1, 15, 8, 0, tzinfo=datetime.UTC))
        item = client.get(LIST).json()["items"][0]
        assert item["released_at"] == "2026-01-15T10:00:00+01:00"

    def test_filters(self, client, make_item):
        school = TopicFactory(slug="skola")
        administration = UnitFactory()
        unit = UnitFactory(parent=administration, level=UnitLevel.OPERATION)
        news = make_item("news", owner_unit=unit, audience_codes=("residents",), topics=[school])
        press = make_item("press", internal=timezone.now() - 48 * HOUR)
        notice = make_item("notice")
        cases = {
            "type=press_release": [press.pk],
            "topic=skola": [news.pk],
            f"unit={administration.pk}": [news.pk],
            "audience=media": [notice.pk, press.pk],
            "audience=media&type=news": [],
            "locale=en": [],
            "released_before=" + quote((timezone.now() - 24 * HOUR).isoformat()): [press.pk],
        }
        for query, expected in cases.items():
            response = client.get(f"{LIST}?{query}")
            assert ids(response) == expected, query

    def test_ordering_and_cursor(self, client, make_item):
        now = timezone.now()
        pages = [make_item("news", internal=now - (i + 2) * HOUR) for i in range(5)]
        first = client.get(LIST, {"limit": 2}).json()
        assert [i["id"] for i in first["items"]] == [pages[0].pk, pages[1].pk]
        second = client.get(LIST, {"limit": 2, "cursor": first["next_cursor"]}).json()
        assert [i["id"] for i in second["items"]] == [pages[2].pk, pages[3].pk]
        third = client.get(LIST, {"limit": 2, "cursor": second["next_cursor"]}).json()
        assert [i["id"] for i in third["items"]] == [pages[4].pk]
        assert third["next_cursor"] is None
        oldest = client.get(LIST, {"ordering": "released_at", "limit": 1, "count": "true"})
        assert oldest.json()["items"][0]["id"] == pages[4].pk
        assert oldest.json()["count"] == 5

    def test_bad_parameters_are_4xx(self, client, site_tree):
        for query in (
            "limit=0",
            "limit=1000",
            "type=bogus",
            "released_after=yesterday",
            "ordering=random",
            "unit=-1",
            "unit=99999999999999999999999",
            "locale=%3Cscript%3E",
        ):
            response = client.get(f"{LIST}?{query}")
            assert response.status_code == 422, query
        for cursor in ("nonsense", "WzEsMl0", "bnVsbA"):
            response = client.get(LIST, {"cursor": cursor})
            assert response.status_code == 400, cursor
            assert "cursor" in response.json()["detail"]

    def test_constant_number_of_queries(self, client, make_item, django_assert_max_num_queries):
        topic = TopicFactory()

        def add(count):
            for _ in range(count):
                make_item("news", main_image=ImageFactory(), topics=[topic])

        add(3)
        client.get(LIST)  # content types are cached after the first request
        with django_assert_max_num_queries(4):
            assert len(ids(client.get(LIST))) == 3
        add(22)
        with django_assert_max_num_queries(4):
            assert len(ids(client.get(LIST))) == 20


class TestItemDetail:
    def test_by_id_and_by_path(self, client, make_item):
        page = make_item("news")
        by_id = client.get(f"/api/public/v1/items/{page.pk}")
        assert by_id.status_code == 200
        by_path = client.get("/api/public/v1/items/by-path", {"path": f"/nyheter/{page.slug}/"})
        assert by_path.status_code == 200
        assert by_path.json() == by_id.json()
        assert by_id.json()["open_graph"]["url"].endswith(f"/nyheter/{page.slug}/")

    def test_hidden_items_are_404(self, client, make_item):
        staff = make_item("news", audience_codes=("staff",))
        for url in (
            f"/api/public/v1/items/{staff.pk}",
            "/api/public/v1/items/999999",
            f"/api/public/v1/items/by-path?path=/nyheter/{staff.slug}/",
            "/api/public/v1/items/by-path?path=/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert response.json()["detail"]

    def test_old_path_answers_with_the_redirect_target(self, client, make_item):
        from wagtail.contrib.redirects.models import Redirect

        page = make_item("news")
        # As the import stores an old Plone path: site-wide, permanent, to the page.
        Redirect.objects.create(old_path="/nyheter/2019/ny-skola", redirect_page=page)
        Redirect.objects.create(
            old_path="/gammal/tillfallig", redirect_page=page, is_permanent=False
        )
        by_id = client.get(f"/api/public/v1/items/{page.pk}").json()
        assert by_id["redirected_from"] is None
        for old, permanent in (
            ("/nyheter/2019/ny-skola", True),
            ("/nyheter/2019/ny-skola/", True),
            ("/gammal/tillfallig", False),
        ):
            response = client.get("/api/public/v1/items/by-path", {"path": old})
            assert response.status_code == 200, old
            data = response.json()
            assert data["id"] == page.pk
            assert data["path"] == f"/nyheter/{page.slug}/"
            assert data["redirected_from"] == {
                "path": Redirect.normalise_path(old),
                "permanent": permanent,
            }
            assert {**data, "redirected_from": None} == by_id

    def test_an_item_at_the_path_wins_over_a_redirect(self, client, make_item):
        from wagtail.contrib.redirects.models import Redirect

        page, other = make_item("news"), make_item("news")
        Redirect.objects.create(old_path=f"/nyheter/{page.slug}", redirect_page=other)
        data = client.get("/api/public/v1/items/by-path", {"path": f"/nyheter/{page.slug}/"})
        assert data.json()["id"] == page.pk
        assert data.json()["redirected_from"] is None

    def test_redirects_to_hidden_items_are_404(self, client, make_item, site_tree):
        from wagtail.contrib.redirects.models import Redirect

        staff = make_item("news", audience_codes=("staff",))
        unreleased = make_item("news", external=timezone.now() + HOUR)
        Redirect.objects.create(old_path="/gammal/intern", redirect_page=staff)
        Redirect.objects.create(old_path="/gammal/kommande", redirect_page=unreleased)
        Redirect.objects.create(old_path="/gammal/start", redirect_page=site_tree["home"])
        nothing = client.get("/api/public/v1/items/by-path", {"path": "/finns/inte"})
        assert nothing.status_code == 404
        for old in ("/gammal/intern", "/gammal/kommande", "/gammal/start"):
            response = client.get("/api/public/v1/items/by-path", {"path": old})
            assert response.status_code == 404, old
            # No existence oracle: the same answer as for a path that never existed.
            assert response.json() == nothing.json(), old

    def test_old_path_to_another_site_answers_with_its_address(self, client):
        from wagtail.contrib.redirects.models import Redirect

        # As the import stores a Plone Link, and as an editor adds one in the admin.
        Redirect.objects.create(
            old_path="/lankar/skolverket", redirect_link="https://www.skolverket.se/skola"
        )
        Redirect.objects.create(
            old_path="/gammal/kampanj",
            redirect_link="http://kampanj.example.org/",
            is_permanent=False,
        )
        for old, location, permanent in (
            ("/lankar/skolverket/", "https://www.skolverket.se/skola", True),
            ("/gammal/kampanj", "http://kampanj.example.org/", False),
        ):
            response = client.get("/api/public/v1/items/by-path", {"path": old})
            assert response.status_code == 200, old
            assert response.json() == {
                "type": "redirect",
                "location": location,
                "redirected_from": {"path": Redirect.normalise_path(old), "permanent": permanent},
            }

    def test_old_path_of_an_imported_file_answers_with_its_address(
        self, client, make_item, staff_reader
    ):
        from django.urls import reverse
        from wagtail.contrib.redirects.models import Redirect

        from cms.core.factories import DocumentFactory

        # As the import stores a Plone File's and Image's old paths: the document's
        # address, and the image's own address on the CMS.
        public = DocumentFactory(title="Taxa", is_public=True)
        internal = DocumentFactory(title="Lönelista", is_internal=True)
        used = ImageFactory(alt_text="Skolgården")
        make_item("news", main_image=used)
        unused = ImageFactory(alt_text="Ingen använder mig")
        staff_only = ImageFactory(alt_text="Personalfest")
        link = f'<p><a linktype="document" id="{internal.pk}">Lönelistan</a></p>'
        make_item(
            "news",
            main_image=staff_only,
            audience_codes=("staff",),
            body=[("paragraph", RichText(link))],
        )
        links = {
            "/taxa.pdf": public.url,
            "/lonelista.pdf": internal.url,
            "/skolgard.png": reverse("api_image", args=[used.pk]),
            "/oanvand.png": reverse("api_image", args=[unused.pk]),
            "/personalfest.png": reverse("api_image", args=[staff_only.pk]),
            "/borttagen.pdf": "/documents/999999/borttagen.pdf",
        }
        for old, link in links.items():
            Redirect.objects.create(old_path=old, redirect_link=link)

        def location(old, surface="public", **headers):
            response = client.get(f"/api/{surface}/v1/items/by-path", {"path": old}, **headers)
            if response.status_code == 404:
                return None
            assert response.status_code == 200, response.content
            data = response.json()
            assert data["type"] == "redirect"
            assert data["redirected_from"] == {"path": old, "permanent": True}
            return data["location"]

        assert location("/taxa.pdf") == f"http://testserver{public.url}"
        assert client.get(location("/taxa.pdf")).status_code == 200
        rendition = location("/skolgard.png")
        assert rendition.startswith("http://testserver/api/images/")
        served = client.get(rendition)
        assert served.status_code == 200 and served["Content-Type"].startswith("image/")
        # Nothing that the reader may not have: an internal document, an image no public
        # item uses, a document that is gone.
        for old in ("/lonelista.pdf", "/oanvand.png", "/personalfest.png", "/borttagen.pdf"):
            assert location(old) is None, old
        # Staff on the intranet have the internal document and the staff item's image.
        _user, headers = staff_reader
        assert location("/lonelista.pdf", "intranet", **headers) == (
            f"http://testserver{internal.url}"
        )
        signed = location("/personalfest.png", "intranet", **headers)
        assert signed.startswith("http://testserver/api/images/signed/")

    def test_an_image_has_an_address_of_its_own(self, client, make_item):
        from django.urls import reverse

        used, unused = ImageFactory(alt_text="Skolgården"), ImageFactory(alt_text="Oanvänd")
        make_item("news", main_image=used)
        response = client.get(reverse("api_image", args=[used.pk]))
        assert response.status_code == 302
        assert client.get(response["Location"]).status_code == 200
        assert client.get(reverse("api_image", args=[unused.pk])).status_code == 404
        assert client.get(reverse("api_image", args=[999999])).status_code == 404

    def test_only_http_addresses_leave_the_site(self, client):
        from wagtail.contrib.redirects.models import Redirect

        nothing = client.get("/api/public/v1/items/by-path", {"path": "/finns/inte"})
        for n, link in enumerate(
            (
                "javascript:alert(1)",
                "JavaScript:alert(document.cookie)",
                "data:text/html,<script>alert(1)</script>",
                "mailto:info@ekby.se",
                "/documents/1/plan.pdf",
                "//evil.example/",
                "https://",
            )
        ):
            Redirect.objects.create(old_path=f"/gammal/{n}", redirect_link=link)
            response = client.get("/api/public/v1/items/by-path", {"path": f"/gammal/{n}"})
            assert response.status_code == 404, link
            assert response.json() == nothing.json(), link

    def test_body_blocks_and_links(self, client, make_item):
        hidden = make_item("news", audience_codes=("staff",))
        visible = make_item("news")
        html = (
            f'<p data-block-key="a">Se <a linktype="page" id="{visible.pk}">den här</a> '
            f'och <a linktype="page" id="{hidden.pk}">den interna</a> och '
            '<a href="https://example.com/">extern</a>.</p>'
        )
        page = make_item(
            "news",
            body=json.dumps(
                [
                    {"type": "heading", "value": {"text": "Bakgrund", "level": "h2"}},
                    {"type": "paragraph", "value": html},
                    {"type": "quote", "value": {"quote": "Bra!", "attribution": "Ordförande"}},
                ]
            ),
        )
        body = client.get(f"/api/public/v1/items/{page.pk}").json()["body"]
        assert [b["type"] for b in body] == ["heading", "paragraph", "quote"]
        assert body[0]["value"] == {"text": "Bakgrund", "level": "h2"}
        rendered = body[1]["value"]["html"]
        assert f'<a href="http://127.0.0.1:8100/nyheter/{visible.slug}/">den här</a>' in rendered
        assert "den interna" in rendered and str(hidden.slug) not in rendered
        assert '<a href="https://example.com/">extern</a>' in rendered
        assert "linktype" not in rendered and "data-block-key" not in rendered
        assert isinstance(RichText(html).source, str)
