"""The public site's sitemap and robots.txt, from the API's sitemap (against the stub)."""

# The XML parsed here is this site's own answer to the test, not untrusted input.
import xml.etree.ElementTree as ET

SITEMAP_API = "/api/public/v1/sitemap"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ENTRY = {
    "url": "http://127.0.0.1:8100/nyheter/ny-skola/",
    "lastmod": "2026-11-30T10:00:00+01:00",
    "alternates": [
        {"locale": "en", "url": "http://127.0.0.1:8100/en/news/new-school/"},
        {"locale": "sv", "url": "http://127.0.0.1:8100/nyheter/ny-skola/"},
    ],
}


class TestSitemaps:
    def test_one_page_is_the_sitemap_itself(self, public_site, api):
        api.queue(SITEMAP_API, 200, {"page": 1, "pages": 1, "entries": [ENTRY]})
        response = public_site.get("/sitemap.xml")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("application/xml")
        root = ET.fromstring(  # noqa: S314
            response.content
        )
        (url,) = root.findall("s:url", NS)
        assert url.find("s:loc", NS).text == ENTRY["url"]
        assert url.find("s:lastmod", NS).text == ENTRY["lastmod"]
        links = [(a.get("hreflang"), a.get("href")) for a in url.findall("x:link", NS)]
        assert links == [(a["locale"], a["url"]) for a in ENTRY["alternates"]]

    def test_many_pages_make_an_index(self, public_site, api):
        api.queue(SITEMAP_API, 200, {"page": 1, "pages": 3, "entries": [ENTRY]})
        root = ET.fromstring(  # noqa: S314
            public_site.get("/sitemap.xml").content
        )
        locs = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
        assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
        assert [loc.rsplit("/", 1)[1] for loc in locs] == [
            "sitemap-1.xml",
            "sitemap-2.xml",
            "sitemap-3.xml",
        ]
        api.queue(SITEMAP_API, 200, {"page": 2, "pages": 3, "entries": [ENTRY]})
        page = ET.fromstring(  # noqa: S314
            public_site.get("/sitemap-2.xml").content
        )
        assert page.find("s:url/s:loc", NS).text == ENTRY["url"]
        api.queue(SITEMAP_API, 404, {"detail": "Webbplatskartan har inte så många sidor."})
        assert public_site.get("/sitemap-9.xml").status_code == 404

    def test_robots_points_at_the_sitemap(self, public_site, api):
        text = public_site.get("/robots.txt").text
        assert f"Sitemap: {public_site.url}/sitemap.xml" in text
        assert "Disallow: /\n" not in text

    def test_the_intranet_has_no_sitemap(self, intranet_site, api):
        assert intranet_site.get("/robots.txt").text.splitlines() == [
            "User-agent: *",
            "Disallow: /",
        ]
        response = intranet_site.get("/sitemap.xml")
        assert response.status_code != 200 and "urlset" not in response.text
