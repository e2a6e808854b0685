"""The admin: choosers that offer only what may be printed, refusals, the downloads."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.channels.models import Edition, LocalPressPage, NewspaperFormat
from cms.snippets.factories import UnitFactory

from .test_printing import make_press_page

pytestmark = pytest.mark.django_db


def options(html: str) -> set[int]:
    """The item ids a form's selects offer."""
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', html)}


@pytest.fixture
def mixed(make_item):
    """A public item, a staff-only one, a targeted bulletin and a bulletin for all staff."""
    return {
        "public": make_item("news", title="Ny förskola öppnar"),
        "staff_news": make_item("news", title="Friskvård", audience_codes=("staff",)),
        "bulletin": make_item("bulletin", title="Medarbetardagen"),
        "targeted": make_item("bulletin", title="Bara Solrosen", target_units=[UnitFactory()]),
        "notice": make_item("notice", title="Ett anslag"),
    }


def press_data(newspaper_format, item_ids, deadline=None):
    deadline = timezone.localtime(deadline or timezone.now() + datetime.timedelta(hours=2))
    return nested_form_data(
        {
            "title": "Kommunen informerar",
            "publication_date": (deadline.date() + datetime.timedelta(days=2)).isoformat(),
            "print_deadline": deadline.strftime("%Y-%m-%d %H:%M"),
            "newspaper_format": newspaper_format.pk,
            "intro": "",
            "include_meeting_notices": "on",
            "entries": inline_formset([{"item": pk, "full_text": ""} for pk in item_ids]),
        }
    )


class TestLocalPressPageForm:
    URL = "wagtailsnippets_channels_localpresspage:add"

    def test_the_chooser_offers_only_public_items(self, client, org, mixed):
        NewspaperFormat.objects.create(name="Ekby Tidning")
        client.force_login(org["communicator"])
        response = client.get(reverse(self.URL))
        assert response.status_code == 200
        offered = options(response.content.decode())
        assert {mixed["public"].pk, mixed["notice"].pk} <= offered
        for staff_only in ("staff_news", "bulletin", "targeted"):
            assert mixed[staff_only].pk not in offered

    def test_a_staff_item_is_refused(self, client, org, mixed):
        newspaper_format = NewspaperFormat.objects.create(name="Ekby Tidning")
        client.force_login(org["communicator"])
        data = press_data(newspaper_format, [mixed["public"].pk, mixed["bulletin"].pk])
        response = client.post(reverse(self.URL), data)
        assert response.status_code == 200  # the form again, with the error
        assert not LocalPressPage.objects.exists()

    def test_a_public_selection_is_saved(self, client, org, mixed):
        newspaper_format = NewspaperFormat.objects.create(name="Ekby Tidning")
        client.force_login(org["communicator"])
        response = client.post(
            reverse(self.URL), press_data(newspaper_format, [mixed["public"].pk])
        )
        assert response.status_code == 302, response.content.decode()[-2000:]
        assert LocalPressPage.objects.get().chosen_item_ids() == [mixed["public"].pk]

    def test_only_the_communicators_compose_it(self, client, org):
        client.force_login(org["editor"])
        assert client.get(reverse(self.URL)).status_code in (302, 403)


class TestEditionForm:
    def url(self, org):
        return reverse(
            "wagtailadmin_pages:add", args=["channels", "edition", org["site"]["bulletins"].pk]
        )

    def test_the_chooser_offers_only_items_for_all_staff(self, client, org, mixed):
        client.force_login(org["communicator"])
        response = client.get(self.url(org))
        assert response.status_code == 200
        offered = options(response.content.decode())
        assert {mixed["public"].pk, mixed["staff_news"].pk, mixed["bulletin"].pk} <= offered
        assert mixed["targeted"].pk not in offered
        assert mixed["notice"].pk not in offered

    def test_a_targeted_bulletin_is_refused(self, client, org, mixed):
        client.force_login(org["communicator"])
        data = nested_form_data(
            {
                "title": "INblick nr 4",
                "slug": "inblick-nr-4",
                "number": 4,
                "issue_date": timezone.localdate().isoformat(),
                "owner_unit": org["unit"].pk,
                "foreword": rich_text("<p>Hej!</p>"),
                "foreword_by": "",
                "entries": inline_formset(
                    [{"item": mixed["bulletin"].pk}, {"item": mixed["targeted"].pk}]
                ),
                "comments": inline_formset([]),
            }
        )
        response = client.post(self.url(org), data)
        assert not Edition.objects.exists()
        assert response.status_code == 200


class TestDownloads:
    def test_an_editor_prints_an_item(self, client, org, make_item):
        item = make_item("news", title="Ny förskola öppnar", owner_unit=org["unit"])
        client.force_login(org["editor"])
        response = client.get(reverse("channels_page_pdf", args=[item.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"

    def test_staff_without_the_admin_cannot(self, client, org, make_item):
        item = make_item("news")
        client.force_login(org["staff"])
        response = client.get(reverse("channels_page_pdf", args=[item.pk]))
        assert response.status_code in (302, 403)

    def test_the_page_header_offers_the_pdf(self, client, org, make_item):
        item = make_item("news")
        client.force_login(org["communicator"])
        response = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
        assert reverse("channels_page_pdf", args=[item.pk]) in response.content.decode()

    def test_the_press_page_downloads(self, client, org, make_item):
        press_page = make_press_page([make_item("news", title="Vägarbete")])
        client.force_login(org["communicator"])
        pdf = client.get(reverse("channels_press_pdf", args=[press_page.pk]))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        html = client.get(reverse("channels_press_html", args=[press_page.pk]))
        assert html.status_code == 200
        assert "Vägarbete" in b"".join(html.streaming_content).decode()
        assert html["Content-Disposition"].startswith("attachment")
        client.force_login(org["editor"])
        refused = client.get(reverse("channels_press_pdf", args=[press_page.pk]))
        assert refused.status_code in (302, 403)
        assert refused.get("Content-Type") != "application/pdf"
