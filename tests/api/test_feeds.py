"""RSS, Atom and iCalendar feeds: valid, public items only."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone

from cms.pages.models import NoticeKind, PressReleaseKind
from cms.snippets.factories import TopicFactory
from cms.workflows.guard import system_publish

pytestmark = pytest.mark.django_db


class TestFeeds:
    @pytest.mark.parametrize("extension", ["rss", "atom"])
    def test_news_feed_is_valid_and_public_only(self, client, make_item, extension):
        public = make_item("news")
        hidden = make_item("news", audience_codes=("staff",))
        response = client.get(f"/api/public/v1/feeds/news.{extension}")
        assert response.status_code == 200
        assert response["ETag"]
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert [e.link for e in parsed.entries] == [f"http://127.0.0.1:8100/nyheter/{public.slug}/"]
        assert hidden.slug not in response.content.decode()

    def test_topic_feed(self, client, make_item):
        school = TopicFactory(slug="skola", name="Skola")
        in_topic = make_item("press", topics=[school])
        make_item("press")
        parsed = feedparser.parse(
            client.get("/api/public/v1/feeds/topics/skola/press-releases.rss").content
        )
        assert [e.title for e in parsed.entries] == [in_topic.title]
        assert parsed.entries[0].tags[0].term == "Skola"

    def test_feed_links_to_its_section_on_the_site(self, client, site_tree):
        parsed = feedparser.parse(client.get("/api/public/v1/feeds/press-releases.rss").content)
        assert parsed.feed.link == "http://127.0.0.1:8100/pressrum/"
        # Renamed in the admin: a new revision, published (and logged, which the
        # response cache's validator follows).
        press_room = site_tree["press"]
        press_room.slug = "press-och-media"
        with system_publish("Nytt namn på pressrummet"):
            press_room.save_revision().publish()
        parsed = feedparser.parse(client.get("/api/public/v1/feeds/press-releases.rss").content)
        assert parsed.feed.link == "http://127.0.0.1:8100/press-och-media/"

    def test_unknown_feed_or_topic_is_404(self, client, site_tree):
        assert client.get("/api/public/v1/feeds/bulletins.rss").status_code == 404
        assert client.get("/api/public/v1/feeds/topics/okand/news.rss").status_code == 404

    def test_notice_feed(self, client, make_item):
        notice = make_item("notice")
        parsed = feedparser.parse(client.get("/api/public/v1/feeds/notices.atom").content)
        assert [e.title for e in parsed.entries] == [notice.title]


class TestCalendars:
    def test_press_invitations(self, client, make_item):
        start = timezone.now() + datetime.timedelta(days=2)
        invitation = make_item(
            "press",
            kind=PressReleaseKind.INVITATION,
            event_start=start,
            event_location="Stadshuset",
        )
        make_item("press")
        response = client.get("/api/public/v1/calendars/press-invitations.ics")
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert [str(e["summary"]) for e in events] == [invitation.title]
        assert events[0]["location"] == "Stadshuset"
        assert events[0].decoded("dtstart") == start.replace(microsecond=0)
        assert calendar["version"] == "2.0"

    def test_council_meetings(self, client, make_item):
        meeting = make_item(
            "notice",
            notice_kind=NoticeKind.MEETING,
            meeting_date=timezone.now() + datetime.timedelta(days=5),
            meeting_location="Fullmäktigesalen",
            earliest_removal_date=timezone.localdate() + datetime.timedelta(days=6),
        )
        calendar = icalendar.Calendar.from_ical(
            client.get("/api/public/v1/calendars/council-meetings.ics").content
        )
        assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == [meeting.title]
        assert client.get("/api/public/v1/calendars/other.ics").status_code == 404
