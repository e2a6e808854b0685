"""Public feeds: RSS 2.0 and Atom for news, press releases and the notice board (also
per topic), and iCalendar for press invitations and council meetings.

Feeds are a public surface like any other: their items come from
``ArticlePage.objects.public()`` through the public surface, nothing else.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.pages.models import NewsPage, NoticeKind, NoticePage, PressReleaseKind, PressReleasePage
from cms.pages.paths import frontend_path
from cms.snippets.models import Topic

from .caching import public_cache
from .surfaces import PUBLIC

FEED_LENGTH = 50

#: slug in the URL → (model, title, frontend section path when no index page is live)
FEEDS = {
    "news": (NewsPage, gettext_lazy("News"), "/nyheter/"),
    "press-releases": (PressReleasePage, gettext_lazy("Press releases"), "/pressrum/"),
    "notices": (NoticePage, gettext_lazy("The notice board"), "/anslagstavla/"),
}


def section_path(kind: str) -> str:
    """The public site's path of the section a feed comes from: its index page's path.

    Taken from the live index page in the default language, so the feed links where the
    site shows the section whatever the editors named it.
    """
    from django.conf import settings

    model, _title, fallback = FEEDS[kind]
    # Index pages are structure, not items: the audience filter has nothing to decide.
    for index_model in model.allowed_parent_page_models():
        url_path = (
            index_model.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("path")
            .values_list("url_path", flat=True)
            .first()
        )
        if url_path is not None:
            return frontend_path(url_path, settings.LANGUAGE_CODE)
    return fallback


class ItemFeed(Feed):
    """RSS 2.0 feed of one item type, optionally of one topic."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, kind, topic=None):
        if kind not in FEEDS:
            raise Http404
        topic_obj = None
        if topic is not None:
            topic_obj = Topic.objects.filter(slug=topic).first()
            if topic_obj is None:
                raise Http404
        # The feed object is shared between requests: keep the request in ``obj``.
        return {"kind": kind, "topic": topic_obj, "request": request}

    def title(self, obj):
        from cms.core.models import MunicipalitySettings

        name = MunicipalitySettings.load().municipality_name
        title = f"{name}: {FEEDS[obj['kind']][1]}"
        if obj["topic"]:
            title += f" – {obj['topic'].name}"
        return title

    def link(self, obj):
        return PUBLIC.absolute_url(section_path(obj["kind"]))

    def description(self, obj):
        return _("The latest from the municipality.")

    def feed_url(self, obj):
        return obj["request"].build_absolute_uri()

    def items(self, obj):
        model = FEEDS[obj["kind"]][0]
        queryset = PUBLIC.items(obj["request"], model=model)
        if obj["topic"]:
            queryset = queryset.filter(topics=obj["topic"])
        return (
            queryset.select_related("locale", "owner_unit")
            .prefetch_related("topics")
            .order_by("-external_release_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return PUBLIC.absolute_url(frontend_path(item.url_path, item.locale.language_code))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.external_release_at

    def item_updateddate(self, item):
        return item.last_published_at or item.external_release_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_author_name(self, item):
        return item.owner_unit.name


class AtomItemFeed(ItemFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = ItemFeed.description


def calendar(request, kind):
    """iCalendar of press invitations or council meetings (public, from now on back a year)."""
    from icalendar import Calendar, Event

    since = timezone.now() - datetime.timedelta(days=365)
    cal = Calendar()
    cal.add("prodid", "-//Enkanal//Leverans-API//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", "Europe/Stockholm")
    if kind == "press-invitations":
        cal.add("x-wr-calname", _("Press invitations"))
        rows = (
            PUBLIC.items(request, model=PressReleasePage)
            .filter(kind=PressReleaseKind.INVITATION, event_start__gte=since)
            .select_related("locale")
            .order_by("event_start", "pk")[:500]
        )
        events = [
            (row, row.event_start, row.event_end, row.event_location, row.summary) for row in rows
        ]
    elif kind == "council-meetings":
        cal.add("x-wr-calname", _("Meetings"))
        rows = (
            PUBLIC.items(request, model=NoticePage)
            .filter(notice_kind=NoticeKind.MEETING, meeting_date__gte=since)
            .select_related("locale")
            .order_by("meeting_date", "pk")[:500]
        )
        events = [
            (row, row.meeting_date, None, row.meeting_location, row.issuing_body) for row in rows
        ]
    else:
        raise Http404
    for page, start, end, location, description in events:
        if start is None:
            continue
        event = Event()
        event.add("uid", f"enkanal-{page.pk}@{request.get_host().split(':')[0]}")
        event.add("summary", page.title)
        event.add("dtstamp", page.last_published_at or page.external_release_at or timezone.now())
        event.add("dtstart", start)
        event.add("dtend", end or start + datetime.timedelta(hours=1))
        if location:
            event.add("location", location)
        if description:
            event.add("description", description)
        event.add(
            "url", PUBLIC.absolute_url(frontend_path(page.url_path, page.locale.language_code))
        )
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{kind}.ics"'
    return response


rss_feed = public_cache(ItemFeed())
atom_feed = public_cache(AtomItemFeed())
ical_feed = public_cache(calendar)
