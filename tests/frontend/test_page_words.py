"""Every page type reads word for word as recorded, in Swedish and in English.

The sites' words come from gettext catalogues (``frontend/locale``). These tests render
each page type – lists, items, boards, forms with and without errors, error pages, the
intranet – and compare the words a reader sees or hears (text, ``alt``, ``aria-label``,
``title`` and the like) with ``snapshots/<page>.txt``. A lost translation, a msgid that
reaches the page untranslated or a template that drops a string shows up as a diff.

After a deliberate change of wording, write the snapshots again and review the diff:

    ENKANAL_WRITE_SNAPSHOTS=1 uv run --frozen pytest tests/frontend/test_page_words.py
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from .stub_api import CONFIRM_TOKEN, GONE_PATH, PREVIEW_TOKEN, SCREEN_TOKEN

SNAPSHOTS = Path(__file__).parent / "snapshots"
#: Attributes whose values are words for readers (screen readers included).
WORD_ATTRIBUTES = ("alt", "aria-label", "title", "content", "label", "placeholder", "value")
#: Attribute values that are not words: tokens and addresses that change on every run.
NOT_WORDS = re.compile(r"^(https?://|/|#|[\w-]{30,}$|\d+$|width=|noindex|utf-8$)")

PUBLIC = {
    "home_sv": "/",
    "news_sv": "/nyheter/",
    "news_topic_sv": "/nyheter/?amne=trafik",
    "notices_sv": "/anslagstavla/",
    "archive_sv": "/anslagstavla/arkiv/",
    "press_room_sv": "/pressrum/",
    "news_item_sv": "/nyheter/vagarbete-pa-storgatan/",
    "notice_item_sv": "/anslagstavla/kungorelse-kommunfullmaktige/",
    "minutes_item_sv": "/anslagstavla/justerat-protokoll-barn-och-utbildningsnamnden/",
    "delegated_item_sv": "/anslagstavla/delegationsbeslut-bygglov-kvarnbacken/",
    "press_release_sv": "/pressrum/ny-skola-i-ekbyhojden/",
    "press_invitation_sv": "/pressrum/pressinbjudan-invigning-solrosen/",
    "accessibility_sv": "/tillganglighet/",
    "feedback_sv": "/synpunkter/",
    "feedback_sent_sv": "/synpunkter/?skickat=1",
    "search_sv": "/sok/",
    "search_results_sv": "/sok/?q=skola",
    "search_corrected_sv": "/sok/?q=forskola",
    "search_none_sv": "/sok/?q=zzzz",
    "subscribe_sv": "/prenumerera/",
    "subscribe_sent_sv": "/prenumerera/?skickat=1",
    "confirm_sv": f"/prenumerera/bekrafta/?token={CONFIRM_TOKEN}",
    "confirm_missing_sv": "/prenumerera/bekrafta/",
    "preferences_sv": f"/prenumerera/installningar/?token={CONFIRM_TOKEN}",
    "preferences_bad_sv": "/prenumerera/installningar/?token=forged",
    "unsubscribe_sv": f"/prenumerera/avsluta/?token={CONFIRM_TOKEN}",
    "preview_sv": f"/forhandsgranska/?token={PREVIEW_TOKEN}",
    "preview_forged_sv": "/forhandsgranska/?token=forged",
    "not_found_sv": "/nyheter/finns-inte/",
    "gone_sv": GONE_PATH,
    "rss_sv": "/nyheter/rss.xml",
    "atom_sv": "/nyheter/atom.xml",
    "rss_notices_sv": "/anslagstavla/rss.xml",
    "rss_press_sv": "/pressrum/rss.xml",
    "home_en": "/en/",
    "news_en": "/en/news/",
    "notices_en": "/en/notice-board/",
    "archive_en": "/en/notice-board/archive/",
    "press_room_en": "/en/press-room/",
    "news_item_en": "/en/news/library-extends-opening-hours/",
    "minutes_item_en": "/en/notice-board/approved-minutes-children-and-education-committee/",
    "press_release_en": "/en/press-room/new-school-in-ekbyhojden/",
    "accessibility_en": "/en/accessibility/",
    "feedback_en": "/en/feedback/",
    "feedback_sent_en": "/en/feedback/?skickat=1",
    "search_results_en": "/en/search/?q=library",
    "search_none_en": "/en/search/?q=zzzz",
    "subscribe_en": "/en/subscribe/",
    "subscribe_sent_en": "/en/subscribe/?skickat=1",
    "confirm_en": f"/en/subscribe/confirm/?token={CONFIRM_TOKEN}",
    "preferences_en": f"/en/subscribe/preferences/?token={CONFIRM_TOKEN}",
    "unsubscribe_en": f"/en/subscribe/unsubscribe/?token={CONFIRM_TOKEN}",
    "not_found_en": "/en/news/does-not-exist/",
    "rss_en": "/en/news/rss.xml",
}
INTRANET = {
    "intranet_home": "/",
    "intranet_bulletins": "/inblick/",
    "intranet_news": "/nyheter/",
    "intranet_notices": "/anslagstavla/",
    "intranet_tip": "/tipsa/",
    "intranet_tip_sent": "/tipsa/?skickat=1",
    "intranet_bulletin_item": "/inblick/ny-schemalaggning-i-forskolan/",
    "intranet_news_item": "/nyheter/hojt-friskvardsbidrag/",
    "intranet_search": "/sok/?q=medarbetardag",
}


class Words(HTMLParser):
    """The words of a page in document order: text, then attributes meant for readers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in WORD_ATTRIBUTES and value and not NOT_WORDS.search(value.strip()):
                self.lines.append(f"@{name}: {' '.join(value.split())}")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skip:
            self.lines.append(text)


def words_of(html: str, origins: tuple[str, ...] = ()) -> str:
    """The page's words, one per line, with this run's addresses made neutral."""
    for origin in origins:
        html = html.replace(origin, "{ORIGIN}")
    parser = Words()
    parser.feed(html)
    return "\n".join(parser.lines) + "\n"


def check(name: str, response: requests.Response, *origins: str) -> None:
    """Compare (or with ``ENKANAL_WRITE_SNAPSHOTS=1`` write) the page's words."""
    assert "Traceback" not in response.text, name
    got = f"status {response.status_code}\n" + words_of(response.text, origins)
    snapshot = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("ENKANAL_WRITE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(got, encoding="utf-8")
        return
    assert snapshot.exists(), f"no snapshot {snapshot.name}: write it (see the module's docstring)"
    assert got == snapshot.read_text(encoding="utf-8"), name


def _csrf(session: requests.Session, url: str) -> str:
    html = session.get(url, timeout=20).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _post(session: requests.Session, url: str, data: dict) -> requests.Response:
    data = {"csrfmiddlewaretoken": _csrf(session, url), **data}
    return session.post(url, data=data, timeout=20, headers={"Referer": url})


@pytest.fixture
def signed_in(intranet_site):
    session = requests.Session()
    session.get(f"{intranet_site.url}/logga-in/?start=1", timeout=20)
    return session


class TestPublicSite:
    @pytest.mark.parametrize(("name", "path"), PUBLIC.items())
    def test_page(self, public_site, api, name, path):
        check(name, public_site.get(path), public_site.url, api.url)

    def test_search_unavailable(self, public_site, api):
        api.queue("/api/public/v1/search", 404)
        check("search_unavailable_sv", public_site.get("/sok/?q=skola"), public_site.url)

    def test_api_unavailable(self, orphan_site):
        check("unavailable_sv", orphan_site.get("/nyheter/"), orphan_site.url)
        check("unavailable_en", orphan_site.get("/en/news/"), orphan_site.url)

    @pytest.mark.parametrize("prefix", ["", "/en"])
    def test_form_errors(self, public_site, api, prefix):
        language = "en" if prefix else "sv"
        url = f"{public_site.url}{prefix}/{'feedback' if prefix else 'synpunkter'}/"
        session = requests.Session()
        empty = _post(session, url, {"token": "form-token", "category": "question"})
        check(f"feedback_empty_{language}", empty, public_site.url, api.url)
        expired = _post(session, url, {"token": "expired", "category": "x", "message": "Hej"})
        check(f"feedback_invalid_{language}", expired, public_site.url, api.url)

    @pytest.mark.parametrize("prefix", ["", "/en"])
    def test_subscribe_errors(self, public_site, api, prefix):
        language = "en" if prefix else "sv"
        url = f"{public_site.url}{prefix}/{'subscribe' if prefix else 'prenumerera'}/"
        session = requests.Session()
        response = _post(session, url, {"email": "", "frequency": "weekly", "website": "x"})
        check(f"subscribe_errors_{language}", response, public_site.url, api.url)

    def test_form_unavailable(self, public_site, api):
        api.queue("/api/public/v1/dialogue/feedback/token", 404)
        check("feedback_unavailable_sv", public_site.get("/synpunkter/"), public_site.url)


class TestIntranet:
    def test_login(self, intranet_site, api):
        check("intranet_login", intranet_site.get("/logga-in/"), intranet_site.url)
        check("intranet_login_failed", intranet_site.get("/logga-in/?fel=1"), intranet_site.url)

    @pytest.mark.parametrize(("name", "path"), INTRANET.items())
    def test_page(self, intranet_site, api, signed_in, name, path):
        response = signed_in.get(f"{intranet_site.url}{path}", timeout=20)
        check(name, response, intranet_site.url, api.url)

    def test_tip_errors(self, intranet_site, api, signed_in):
        url = f"{intranet_site.url}/tipsa/"
        response = _post(signed_in, url, {"title": "", "text": "", "event_date": "26/11"})
        check("intranet_tip_errors", response, intranet_site.url, api.url)

    def test_screen(self, intranet_site, api):
        session = requests.Session()
        session.get(f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}", timeout=20)
        check("screen", session.get(f"{intranet_site.url}/skarm/"), intranet_site.url, api.url)
        check("screen_refused", intranet_site.get("/skarm/"), intranet_site.url)
