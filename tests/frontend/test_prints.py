"""Printed versions on the sites: an item's PDF, and INblick's editions on the intranet."""

import requests

from .stub_api import EDITION_YEAR, PDF_BYTES


def logged_in(intranet_site) -> requests.Session:
    session = requests.Session()
    session.get(f"{intranet_site.url}/logga-in/?start=1", timeout=20)
    return session


class TestItemPdf:
    def test_an_item_page_links_to_its_pdf(self, public_site, api):
        item = api.corpus.public_list[0]
        html = public_site.get(item["path"]).text
        assert f'href="/pdf/{item["id"]}/"' in html

    def test_the_pdf_comes_from_the_api(self, public_site, api):
        item = api.corpus.public_list[0]
        response = public_site.get(f"/pdf/{item['id']}/")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"] == 'inline; filename="utskrift.pdf"'
        assert response.content == PDF_BYTES
        assert api.count(f"/api/public/v1/items/{item['id']}/pdf") == 1

    def test_what_the_api_does_not_show_is_not_found(self, public_site, api):
        assert public_site.get("/pdf/999999/").status_code == 404

    def test_the_intranet_asks_with_the_readers_token(self, intranet_site, api):
        assert intranet_site.get("/pdf/1/").status_code == 302  # to the login
        item = api.corpus.intranet_list[0]
        response = logged_in(intranet_site).get(f"{intranet_site.url}/pdf/{item['id']}/")
        assert response.content == PDF_BYTES


class TestEditions:
    def test_listed_on_the_inblick_page(self, intranet_site, api):
        html = logged_in(intranet_site).get(f"{intranet_site.url}/inblick/", timeout=20).text
        assert f"INblick nr 1 {EDITION_YEAR}" in html
        assert f'href="/inblick/{EDITION_YEAR}/1/pdf/"' in html

    def test_the_edition_page(self, intranet_site, api):
        session = logged_in(intranet_site)
        response = session.get(f"{intranet_site.url}/inblick/{EDITION_YEAR}/1/", timeout=20)
        assert response.status_code == 200
        assert "Välkommen till årets första nummer." in response.text
        assert "Elin Sjöberg, redaktör" in response.text
        for item in api.corpus.intranet_list[:2]:
            assert item["title"] in response.text
        pdf = session.get(f"{intranet_site.url}/inblick/{EDITION_YEAR}/1/pdf/", timeout=20)
        assert pdf.headers["Content-Type"] == "application/pdf"

    def test_an_unknown_edition_is_not_found(self, intranet_site, api):
        response = logged_in(intranet_site).get(f"{intranet_site.url}/inblick/1999/9/", timeout=20)
        assert response.status_code == 404

    def test_not_on_the_public_site(self, public_site, api):
        assert public_site.get(f"/inblick/{EDITION_YEAR}/1/").status_code == 404
