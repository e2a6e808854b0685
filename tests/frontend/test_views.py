"""The sites' pages over HTTP, against recorded API payloads (no browser)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # our own feeds, parsed in a test
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import requests

from .stub_api import CONFIRM_TOKEN, GONE_PATH, PREVIEW_TOKEN, SCREEN_TOKEN

#: Pages of the public site, one per template, Swedish and English.
PUBLIC_PAGES = {
    "/": "Senaste nyheterna",
    "/nyheter/": "Vägarbete på Storgatan",
    "/anslagstavla/": "Kungörelse: Kommunfullmäktige sammanträder",
    "/anslagstavla/arkiv/": "Anslagsarkiv",
    "/pressrum/": "Mediekontakter",
    "/nyheter/vagarbete-pa-storgatan/": "Vägarbete på Storgatan",
    "/anslagstavla/kungorelse-kommunfullmaktige/": "Så överklagar du",
    "/pressrum/ny-skola-i-ekbyhojden/": "Om Ekby kommun",
    "/pressrum/pressinbjudan-invigning-solrosen/": "Mediekontakter",
    "/tillganglighet/": "Rapportera brister i tillgängligheten",
    "/synpunkter/": "Lämna synpunkter",
    "/sok/?q=skola": "Sökresultat",
    "/prenumerera/": "Prenumerera på nyheter",
    "/en/": "Latest news",
    "/en/news/": "The library extends its opening hours",
    "/en/notice-board/": "Official notice board",
    "/en/press-room/": "Press room",
    "/en/notice-board/approved-minutes-children-and-education-committee/": "How to appeal",
    "/en/accessibility/": "Accessibility statement",
}
MAX_HTML_BYTES = 60 * 1024


class Resources(HTMLParser):
    """Everything a page makes the browser fetch: scripts, styles, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload"):
            self.urls.append(attrs["href"])


class TestPublicPages:
    @pytest.mark.parametrize(("path", "text"), PUBLIC_PAGES.items())
    def test_page_renders(self, public_site, api, path, text):
        response = public_site.get(path)
        assert response.status_code == 200, path
        assert text in response.text
        language = "en" if path.startswith("/en/") else "sv"
        assert f'<html lang="{language}">' in response.text
        assert len(response.content) < MAX_HTML_BYTES
        assert "Traceback" not in response.text

    @pytest.mark.parametrize("path", PUBLIC_PAGES)
    def test_no_third_party_requests(self, public_site, api, path):
        parser = Resources()
        parser.feed(public_site.get(path).text)
        for url in parser.urls:
            host = urlsplit(url).netloc
            assert host in ("", urlsplit(api.url).netloc), url

    def test_hreflang_and_language_switch(self, public_site, api):
        html = public_site.get("/nyheter/").text
        assert f'hreflang="en" href="{public_site.url}/en/news/"' in html
        assert f'hreflang="sv" href="{public_site.url}/nyheter/"' in html
        assert f'hreflang="x-default" href="{public_site.url}/nyheter/"' in html
        assert 'href="/en/news/" hreflang="en" lang="en">In English<' in html

    def test_item_links_to_its_translation(self, public_site, api):
        html = public_site.get("/anslagstavla/justerat-protokoll-barn-och-utbildningsnamnden/").text
        path = "/en/notice-board/approved-minutes-children-and-education-committee/"
        assert f'hreflang="en" href="{public_site.url}{path}"' in html

    def test_skip_link_and_landmarks(self, public_site, api):
        html = public_site.get("/").text
        assert html.index('class="skip-link" href="#main"') < html.index("<header")
        for landmark in ('<main id="main"', "<header", "<nav", "<footer"):
            assert landmark in html

    def test_public_pages_may_be_cached(self, public_site, api):
        response = public_site.get("/nyheter/")
        assert "public" in response.headers["Cache-Control"]
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


class TestNoticeBoard:
    def test_current_notices_show_their_dates(self, public_site, api):
        html = public_site.get("/anslagstavla/").text
        assert "Anslaget" in html and "Tas ner tidigast" in html
        assert '<time datetime="2026-12-17">17 december 2026</time>' in html
        assert "Så överklagar du" in html
        assert "förvaltningsrätten inom tre veckor" in html

    def test_notice_page_shows_the_notice_fields(self, public_site, api):
        html = public_site.get("/anslagstavla/justerat-protokoll-barn-och-utbildningsnamnden/").text
        assert "Protokollet förvaras" in html
        assert "Kommunkansliet, Stadshuset" in html

    def test_archive_has_past_notices_only(self, public_site, api):
        html = public_site.get("/anslagstavla/arkiv/").text
        assert "Kungörelse: Kommunfullmäktige" not in html
        assert 'aria-current="page">Arkiv<' in html


class TestNewsList:
    def test_topic_filter(self, public_site, api):
        html = public_site.get("/nyheter/?amne=trafik").text
        assert "Vägarbete på Storgatan" in html
        assert "Biblioteket förlänger öppettiderna" not in html
        assert '<option value="trafik" selected>' in html

    def test_paging_follows_the_cursor(self, public_site, api):
        html = public_site.get("/nyheter/").text
        assert "Nästa sida" not in html  # five news fit on one page
        api.queue("/api/public/v1/items", 200, {"items": [], "next_cursor": "abc", "count": None})
        html = public_site.get("/nyheter/?amne=skola-och-forskola").text
        assert 'href="/nyheter/?amne=skola-och-forskola&amp;cursor=abc" rel="next"' in html

    def test_bad_cursor_is_a_client_error(self, public_site, api):
        api.queue("/api/public/v1/items", 400, {"detail": "Ogiltig cursor."})
        response = public_site.get("/nyheter/?cursor=zzz-bad")
        assert response.status_code == 400


class TestRichText:
    """Rich text from the API is cleaned again before the page inserts it."""

    HOSTILE = (
        '<p>Hej <a href="javascript:alert(1)">klicka</a> '
        '<a href="jav&#x61;script:alert(2)">igen</a> '
        '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>'
        '<img src="x" onerror="alert(3)"><script>alert(4)</script></p>'
        '<p onclick="alert(5)" style="color:red"><a href="https://example.com/">säker</a></p>'
    )

    def test_hostile_html_from_the_api_is_not_inserted(self, public_site, api):
        item = dict(api.corpus.public_items[13], path="/nyheter/fientlig-text/")
        item["body"] = [{"id": "x", "type": "paragraph", "value": {"html": self.HOSTILE}}]
        api.queue("/api/public/v1/items/by-path", 200, item)
        response = public_site.get("/nyheter/fientlig-text/")
        assert response.status_code == 200
        body = response.text.split("<main", 1)[1]
        for marker in ("javascript", "alert(", "data:text", "onerror", "onclick", "color:red"):
            assert marker not in body, marker
        assert "klicka" in body and '<a href="https://example.com/">säker</a>' in body


class TestOldAddresses:
    """An old path answers with a redirect to where the item lives now (or to another site)."""

    def test_an_old_path_redirects_to_the_item(self, public_site, api):
        item = dict(api.corpus.public_items[13], path="/nyheter/ny-skola/")
        item["redirected_from"] = {"path": "/nyheter/2019/ny-skola", "permanent": True}
        api.queue("/api/public/v1/items/by-path", 200, item)
        response = public_site.get("/nyheter/2019/ny-skola/", allow_redirects=False)
        assert response.status_code == 301
        assert urlsplit(response.headers["Location"]).path == "/nyheter/ny-skola/"

    def test_a_temporary_redirect_stays_temporary(self, public_site, api):
        item = dict(api.corpus.public_items[13], path="/nyheter/ny-skola/")
        item["redirected_from"] = {"path": "/nyheter/gammal", "permanent": False}
        api.queue("/api/public/v1/items/by-path", 200, item)
        response = public_site.get("/nyheter/gammal/", allow_redirects=False)
        assert response.status_code == 302

    def test_an_old_link_to_another_site_leads_there(self, public_site, api):
        moved = {"path": "/lankar/vaggar", "permanent": True}
        answer = {
            "type": "redirect",
            "location": "https://www.lansstyrelsen.se/",
            "redirected_from": moved,
        }
        api.queue("/api/public/v1/items/by-path", 200, answer)
        response = public_site.get("/lankar/vaggar/", allow_redirects=False)
        assert response.status_code == 301
        assert response.headers["Location"] == "https://www.lansstyrelsen.se/"

    @pytest.mark.parametrize(
        "location", ["javascript:alert(1)", "data:text/html,x", "//evil.example/", "/relativ", None]
    )
    def test_a_redirect_out_is_only_ever_to_a_web_address(self, public_site, api, location):
        moved = {"path": "/lankar/x", "permanent": True}
        api.queue(
            "/api/public/v1/items/by-path",
            200,
            {"type": "redirect", "location": location, "redirected_from": moved},
        )
        response = public_site.get("/lankar/x/", allow_redirects=False)
        assert response.status_code == 404


class TestErrorPages:
    def test_not_found(self, public_site, api):
        response = public_site.get("/nyheter/finns-inte/")
        assert response.status_code == 404
        assert "Sidan finns inte" in response.text

    def test_not_found_in_english(self, public_site, api):
        response = public_site.get("/en/news/does-not-exist/")
        assert response.status_code == 404
        assert "Page not found" in response.text
        assert '<html lang="en">' in response.text

    def test_gone(self, public_site, api):
        response = public_site.get(GONE_PATH)
        assert response.status_code == 410
        assert "Sidan är borttagen" in response.text

    def test_api_down_is_a_friendly_503(self, orphan_site):
        response = orphan_site.get("/nyheter/")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "60"
        assert "tillfälligt otillgänglig" in response.text
        assert "Traceback" not in response.text
        assert "no-store" in response.headers["Cache-Control"]

    def test_api_errors_are_a_friendly_503(self, public_site, api):
        api.down = True
        response = public_site.get("/pressrum/nyhet-som-inte-finns-i-cachen/")
        assert response.status_code == 503
        assert "tillfälligt otillgänglig" in response.text


class TestFeeds:
    @pytest.mark.parametrize(
        "path",
        ["/nyheter/rss.xml", "/anslagstavla/rss.xml", "/pressrum/rss.xml", "/en/news/rss.xml"],
    )
    def test_rss(self, public_site, api, path):
        response = public_site.get(path)
        assert response.headers["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314
        assert channel.find("item/link").text.startswith(public_site.url)
        assert channel.find("item/pubDate").text

    def test_atom(self, public_site, api):
        response = public_site.get("/nyheter/atom.xml")
        root = ET.fromstring(response.content)  # noqa: S314
        ns = {"a": "http://www.w3.org/2005/Atom"}
        assert root.find("a:entry/a:id", ns).text.startswith(public_site.url)


class TestPreview:
    def test_draft_is_never_cached_or_indexed(self, public_site, api):
        response = public_site.get(f"/forhandsgranska/?token={PREVIEW_TOKEN}")
        assert response.status_code == 200
        assert "Utkast: ny förskola i Norrby" in response.text
        assert "no-store" in response.headers["Cache-Control"]
        assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in response.text
        assert "Förhandsvisning av ett utkast" in response.text

    def test_bad_token(self, public_site, api):
        response = public_site.get("/forhandsgranska/?token=forged")
        assert response.status_code == 403
        assert "Ogiltig förhandsgranskning." in response.text
        assert "no-store" in response.headers["Cache-Control"]


def _csrf(session: requests.Session, url: str) -> str:
    html = session.get(url, timeout=20).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class TestForms:
    def test_accessibility_report_reaches_the_api(self, public_site, api):
        session = requests.Session()
        url = f"{public_site.url}/tillganglighet/"
        data = {
            "csrfmiddlewaretoken": _csrf(session, url),
            "token": "form-token",
            "message": "Knappen saknar text.",
            "email": "",
            "name": "",
        }
        response = session.post(url, data=data, timeout=20, headers={"Referer": url})
        assert response.status_code == 200
        assert "Tack! Vi har tagit emot ditt meddelande." in response.text
        _path, body = next(p for p in api.posts if p[0] == "dialogue/feedback")
        assert body["message"] == "[Tillgänglighet] Knappen saknar text."
        assert body["category"] == "complaint"

    def test_feedback_errors_are_shown(self, public_site, api):
        session = requests.Session()
        url = f"{public_site.url}/synpunkter/"
        data = {
            "csrfmiddlewaretoken": _csrf(session, url),
            "token": "expired",
            "category": "question",
            "message": "Hej",
        }
        response = session.post(url, data=data, timeout=20, headers={"Referer": url})
        assert response.status_code == 422
        assert "Formuläret har gått ut" in response.text

    def test_form_without_the_api_points_to_email(self, public_site, api):
        api.queue("/api/public/v1/dialogue/feedback/token", 404)
        html = public_site.get("/synpunkter/").text
        assert "mailto:" in html


class TestSubscriptions:
    def test_subscribe(self, public_site, api):
        session = requests.Session()
        url = f"{public_site.url}/prenumerera/"
        data = {
            "csrfmiddlewaretoken": _csrf(session, url),
            "email": "maja@example.org",
            "topics": ["trafik", "kultur-och-fritid"],
            "frequency": "weekly",
            "consent": "on",
        }
        response = session.post(url, data=data, timeout=20, headers={"Referer": url})
        assert "du ett meddelande med en länk" in response.text
        _path, body = next(p for p in api.posts if p[0] == "mail/subscriptions")
        assert body == {
            "email": "maja@example.org",
            "topics": ["trafik", "kultur-och-fritid"],
            "frequency": "weekly",
            "language": "sv",
        }

    def test_subscribe_needs_consent(self, public_site, api):
        session = requests.Session()
        url = f"{public_site.url}/prenumerera/"
        data = {"csrfmiddlewaretoken": _csrf(session, url), "email": "maja@example.org"}
        response = session.post(url, data=data, timeout=20, headers={"Referer": url})
        assert response.status_code == 422
        assert not [p for p in api.posts if p[0] == "mail/subscriptions"]

    @pytest.mark.parametrize(
        ("step", "done_text"),
        [
            ("bekrafta", "Din prenumeration är bekräftad."),
            ("avsluta", "Du prenumererar inte längre."),
        ],
    )
    def test_signed_link_steps(self, public_site, api, step, done_text):
        session = requests.Session()
        url = f"{public_site.url}/prenumerera/{step}/?token={CONFIRM_TOKEN}"
        csrf = _csrf(session, url)
        ok = session.post(
            url,
            data={"csrfmiddlewaretoken": csrf, "token": CONFIRM_TOKEN},
            headers={"Referer": url},
        )
        assert done_text in ok.text
        bad = session.post(
            url, data={"csrfmiddlewaretoken": csrf, "token": "tampered"}, headers={"Referer": url}
        )
        assert bad.status_code == 400
        assert "ogiltig eller har gått ut" in bad.text

    def test_preferences(self, public_site, api):
        response = public_site.get(f"/prenumerera/installningar/?token={CONFIRM_TOKEN}")
        assert 'value="weekly" checked' in response.text
        assert 'value="trafik" checked' in response.text
        assert response.headers["X-Robots-Tag"] == "noindex"

    def test_preferences_are_saved_with_put(self, public_site, api):
        session = requests.Session()
        url = f"{public_site.url}/e-post/installningar/{CONFIRM_TOKEN}/"
        data = {
            "csrfmiddlewaretoken": _csrf(session, url),
            "token": CONFIRM_TOKEN,
            "topics": ["kultur-och-fritid"],
            "frequency": "immediate",
        }
        response = session.post(url, data=data, headers={"Referer": url}, timeout=20)
        assert "Dina inställningar är sparade." in response.text
        _path, body = next(p for p in api.posts if p[0] == "mail/preferences")
        assert body["topics"] == ["kultur-och-fritid"]
        assert body["frequency"] == "immediate"

    def test_link_paths_as_the_cms_writes_them(self, public_site, api):
        response = public_site.get(f"/e-post/bekrafta/{CONFIRM_TOKEN}/")
        assert response.status_code == 200
        assert f'name="token" value="{CONFIRM_TOKEN}"' in response.text

    def test_english_topic_names(self, public_site, api):
        html = public_site.get("/en/subscribe/").text
        assert ">Traffic</label>" in html
        assert ">Kultur och fritid</label>" in html


#: Hand-edited search addresses: each is searched with its bad parts left out.
BAD_SEARCHES = [
    "q=skola&sida=abc",
    "q=skola&sida=-1",
    "q=skola&sida=99999999999999999999",
    "q=skola&typ=%3Cscript%3E",
    "q=skola&amne=..%2F..",
    "q=skola&typ=news&typ=notice",
]


class TestSearch:
    @pytest.mark.parametrize("name", ["typ", "type"])
    def test_results_and_filters(self, public_site, api, name):
        html = public_site.get(f"/sok/?q=skola&{name}=press_release").text
        assert "Ekby kommun bygger ny skola i Ekbyhöjden" in html
        assert "Ny förskola öppnar i Norrby" not in html
        assert '<option value="press_release" selected>' in html

    def test_snippets_are_escaped_but_marked(self, public_site, api):
        html = public_site.get("/sok/?q=skola").text
        assert "<mark>skola</mark>" in html
        assert "&lt;mark&gt;" not in html

    def test_spelling_correction(self, public_site, api):
        html = public_site.get("/sok/?q=forskola").text
        assert 'Menade du <a href="/sok/?q=f%C3%B6rskola">förskola</a>?' in html

    def test_suggestions(self, public_site, api):
        data = public_site.get("/sok/forslag/?q=bibliotek").json()
        assert data["suggestions"][0]["path"] == "/nyheter/biblioteket-forlanger-oppettiderna/"

    def test_estimated_totals_say_so(self, public_site, api):
        body = {
            "query": "förskola", "total": 9290, "total_exact": False, "page": 1,
            "page_size": 10, "has_next": True, "corrected_query": None, "results": [],
        }  # fmt: skip
        api.queue("/api/public/v1/search", 200, body)
        assert "(cirka 9290 träffar)" in public_site.get("/sok/?q=f%C3%B6rskola-cirka").text
        api.queue("/api/public/v1/search", 200, {**body, "total": 3, "total_exact": True})
        html = public_site.get("/sok/?q=f%C3%B6rskola-exakt").text
        assert "(3 träffar)" in html
        assert "cirka" not in html

    @pytest.mark.parametrize("query", BAD_SEARCHES)
    def test_bad_parameters_are_ignored_not_errors(self, public_site, api, query):
        response = public_site.get(f"/sok/?{query}")
        assert response.status_code == 200
        assert "<script>" not in response.text.split("<main", 1)[1]
        assert "Sökresultat" in response.text, "the valid part is still searched"

    def test_search_unavailable(self, public_site, api):
        api.queue("/api/public/v1/search", 404)
        html = public_site.get("/sok/?q=inte-i-cachen").text
        assert "Sökningen fungerar inte just nu" in html


class TestIntranet:
    BULLETIN = "/inblick/ny-schemalaggning-i-forskolan/"

    def test_requires_login(self, intranet_site, api):
        response = intranet_site.get("/")
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/logga-in/?next=")

    def test_oidc_login_with_pkce_shows_staff_bulletins(self, intranet_site, public_site, api):
        session = requests.Session()
        response = session.get(f"{intranet_site.url}/logga-in/?start=1&next={self.BULLETIN}")
        assert response.status_code == 200, response.url
        assert response.url == f"{intranet_site.url}{self.BULLETIN}"
        assert "Ny schemaläggning i förskolan" in response.text
        assert "Maja Medarbetare" in response.text
        assert "private" in response.headers["Cache-Control"]
        assert public_site.get(self.BULLETIN).status_code == 404

    def test_internal_tag_only_on_staff_only_items(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1")
        staff_only, for_everyone = (dict(item) for item in api.corpus.intranet_list[:2])
        staff_only |= {"id": 901, "title": "Bara för medarbetare", "audiences": ["staff"]}
        for_everyone |= {
            "id": 902,
            "title": "För medarbetare och invånare",
            "audiences": ["staff", "residents"],
        }
        api.queue(
            "/api/intranet/v1/items",
            200,
            {"items": [staff_only, for_everyone], "next_cursor": None, "count": 2},
        )
        html = session.get(f"{intranet_site.url}/nyheter/", timeout=20).text
        teasers = {
            title: "Internt" in teaser
            for teaser in html.split('<li class="teaser">')[1:]
            for title in ("Bara för medarbetare", "För medarbetare och invånare")
            if title in teaser
        }
        assert teasers == {"Bara för medarbetare": True, "För medarbetare och invånare": False}

    def test_logout_without_an_end_session_endpoint_goes_to_login(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1")
        page = session.get(f"{intranet_site.url}/nyheter/", timeout=20).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = session.post(
            f"{intranet_site.url}/logga-ut/",
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": f"{intranet_site.url}/nyheter/"},
            allow_redirects=False,
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/logga-in/"
        assert session.get(f"{intranet_site.url}/", allow_redirects=False).status_code == 302

    def test_logout_is_not_a_link_another_page_can_follow(self, intranet_site, api):
        """A GET (an image tag, a prefetch) or a POST without the CSRF token signs no one out."""
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1")
        followed = session.get(f"{intranet_site.url}/logga-ut/", allow_redirects=False)
        assert followed.status_code == 405
        forged = session.post(f"{intranet_site.url}/logga-ut/", allow_redirects=False)
        assert forged.status_code == 403
        assert session.get(f"{intranet_site.url}/", allow_redirects=False).status_code == 200

    def test_login_never_sends_readers_to_another_site(self, intranet_site, api):
        session = requests.Session()
        response = session.get(f"{intranet_site.url}/logga-in/?start=1&next=//evil.example/x")
        assert response.url == f"{intranet_site.url}/"

    def test_login_refuses_a_wrong_state(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1", allow_redirects=False)
        response = session.get(f"{intranet_site.url}/oidc/callback/?code=x&state=forged")
        assert response.status_code == 400

    def test_expired_login_goes_back_to_login(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1")
        api.queue("/api/intranet/v1/items", 401)
        response = session.get(f"{intranet_site.url}/nyheter/", allow_redirects=False)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/logga-in/")


class TestNewsTip:
    def test_tip_reaches_the_api_with_the_readers_token(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1", timeout=20)
        url = f"{intranet_site.url}/tipsa/"
        data = {
            "csrfmiddlewaretoken": _csrf(session, url),
            "title": "Öppet hus på Solrosen",
            "text": "Förskolan visar sina nya lokaler.",
            "unit_id": "4",
            "event_date": "2026-12-05",
        }
        response = session.post(url, data=data, headers={"Referer": url}, timeout=20)
        assert "Tack för tipset!" in response.text
        _path, body = next(p for p in api.posts if p[0] == "dialogue/tips")
        assert body["unit_id"] == 4
        assert body["event_date"] == "2026-12-05"
        assert body["sender_name"] == "Maja Medarbetare"
        _method, _p, headers = next(r for r in api.requests if r[1].endswith("/dialogue/tips"))
        assert headers["Authorization"] == "Bearer staff-token"

    def test_missing_fields_are_explained(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/logga-in/?start=1", timeout=20)
        url = f"{intranet_site.url}/tipsa/"
        data = {"csrfmiddlewaretoken": _csrf(session, url), "title": "", "text": ""}
        response = session.post(url, data=data, headers={"Referer": url}, timeout=20)
        assert response.status_code == 422
        assert "Skriv en rubrik." in response.text
        assert "Välj vilken enhet det gäller." in response.text
        assert not [p for p in api.posts if p[0] == "dialogue/tips"]


class TestScreen:
    def test_device_token_moves_into_a_cookie(self, intranet_site, api):
        session = requests.Session()
        response = session.get(
            f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}", allow_redirects=False
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/skarm/"
        assert "HttpOnly" in response.headers["Set-Cookie"]
        board = session.get(f"{intranet_site.url}/skarm/")
        assert board.status_code == 200
        assert 'class="screen"' in board.text
        assert "Välkommen till årets medarbetardag" in board.text
        assert 'data-reload="300"' in board.text
        assert "no-store" in board.headers["Cache-Control"]

    def test_without_or_with_a_revoked_token(self, intranet_site, api):
        assert intranet_site.get("/skarm/").status_code == 403
        session = requests.Session()
        session.get(f"{intranet_site.url}/skarm/?token=enk_revoked")
        response = session.get(f"{intranet_site.url}/skarm/")
        assert response.status_code == 403
        assert "enhetstoken" in response.text


class TestThemeAndInfoPages:
    def test_colours_from_the_cms(self, public_site, api):
        response = public_site.get("/tema.css")
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert "--brand: #005a8c;" in response.text and "--on-brand: #ffffff;" in response.text

    def test_a_colour_that_is_not_hex_never_reaches_the_stylesheet(self):
        from frontend.views.theme import theme_css

        css = theme_css({"primary": "red; } body { display: none", "text": "#1a1a1a"})
        assert css == ":root { --ink: #1a1a1a; }\n"
        assert theme_css({}) == ""

    def test_the_pages_every_municipal_site_has(self, public_site, api):
        for path in ("/om-webbplatsen/", "/behandling-av-personuppgifter/", "/kakor/",
                     "/en/about-this-website/", "/en/personal-data/", "/en/cookies/"):  # fmt: skip
            response = public_site.get(path)
            assert response.status_code == 200, path
            assert "kommun@ekby.example" in response.text or "/kakor/" in path or "cookies" in path

    def test_organisation_json_ld_on_public_pages(self, public_site, api):
        html = public_site.get("/").text
        assert '"@type":"GovernmentOrganization"' in html
        article = public_site.get("/nyheter/vagarbete-pa-storgatan/").text
        assert '"@type":"NewsArticle"' in article
