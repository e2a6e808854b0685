"""The public site's pages: start, news, notice board, press room, items, feeds."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import api
from ..sections import SECTIONS, section_path
from . import content
from .base import (
    client,
    item_alternates,
    language_of,
    reader_token,
    render_page,
    section_alternates,
)

NEWS_PAGE_SIZE = 10
ITEM_TEMPLATES = {
    "news": "frontend/items/news.html",
    "notice": "frontend/items/notice.html",
    "press_release": "frontend/items/press_release.html",
    "staff_bulletin": "frontend/items/staff_bulletin.html",
}


def home(request):
    """Start page: latest news, current notices, the press room's newest."""
    language = language_of(request)
    news = content.latest("news", language, 6)["items"]
    # The top story: the newest news item with an image, else the newest.
    top = next((item for item in news if item.get("image")), news[0] if news else None)
    return render_page(
        request,
        "frontend/public/home.html",
        {
            "top_story": top,
            "shortcuts": content.service_shortcuts(language),
            "news": [item for item in news if item is not top][:5],
            "notices": content.notice_board(language)["notices"][:5],
            "press": content.latest("press_release", language, 3)["items"],
            "news_path": section_path(language, "news"),
            "notices_path": section_path(language, "notices"),
            "press_path": section_path(language, "press"),
        },
        language=language,
        title=_("Home"),
        description=_("News, notices, e-services and contact details of %(name)s.")
        % {"name": settings.SITE_NAME},
        alternates=section_alternates(None),
    )


def news_list(request):
    """News, newest first, filtered by topic, paged by the API's cursor."""
    language = language_of(request)
    topic = request.GET.get("amne") or request.GET.get("topic") or ""
    cursor = request.GET.get("cursor") or None
    page = content.latest(
        "news", language, NEWS_PAGE_SIZE, reader_token(request), topic=topic or None, cursor=cursor
    )
    topics = content.topics(language, reader_token(request))
    next_query = ""
    if page["next_cursor"]:
        next_query = "?" + "&".join(
            part
            for part in (f"amne={topic}" if topic else "", f"cursor={page['next_cursor']}")
            if part
        )
    return render_page(
        request,
        "frontend/public/news_list.html",
        {
            "items": page["items"],
            "topics": topics,
            "topic": topic,
            "topic_name": next((x["name"] for x in topics if x["slug"] == topic), ""),
            "next_query": next_query,
            "is_first_page": cursor is None,
            "feed_rss": section_path(language, "news", "rss.xml").rstrip("/"),
            "feed_atom": section_path(language, "news", "atom.xml").rstrip("/"),
        },
        language=language,
        title=_("News"),
        description=_("News from %(name)s.") % {"name": settings.SITE_NAME},
        alternates=section_alternates("news"),
    )


def notice_board(request, archive: bool = False):
    """The official notice board: current notices, or the archive; and how to appeal."""
    language = language_of(request)
    token = reader_token(request)
    board = content.notice_board(language, token)
    next_query, cursor = "", request.GET.get("cursor") or None
    if archive:
        page = content.notice_archive(language, cursor, token)
        notices = page["items"]
        if page["next_cursor"]:
            next_query = f"?cursor={page['next_cursor']}"
    else:
        notices = board["notices"]
    return render_page(
        request,
        "frontend/public/notice_board.html",
        {
            "notices": notices,
            "archive": archive,
            # Without the board's own text the template has the standing one.
            "appeal_text": board.get("appeal_instructions", ""),
            "next_query": next_query,
            "is_first_page": cursor is None,
            "board_path": section_path(language, "notices"),
            "archive_path": _board_alternates(True)[language],
            "feed_rss": section_path(language, "notices", "rss.xml").rstrip("/"),
            "calendar_url": f"{settings.API_URL}/public/v1/calendars/council-meetings.ics",
        },
        language=language,
        title=_("Notice archive") if archive else _("Official notice board"),
        description=_(
            "The official notice board of %(name)s: announcements, approved minutes and "
            "decisions, and how to appeal."
        )
        % {"name": settings.SITE_NAME},
        alternates=_board_alternates(archive),
    )


def _board_alternates(archive: bool) -> dict[str, str]:
    if not archive:
        return section_alternates("notices")
    return {code: section_path(code, "notices", SECTIONS[code]["archive"]) for code in SECTIONS}


def press_room(request):
    """Press releases, invitations, media contacts and feeds."""
    language = language_of(request)
    return render_page(
        request,
        "frontend/public/press_room.html",
        {
            **content.press_room(language, reader_token(request)),
            "calendar_url": f"{settings.API_URL}/public/v1/calendars/press-invitations.ics",
            "feed_rss": section_path(language, "press", "rss.xml").rstrip("/"),
        },
        language=language,
        title=_("Press room"),
        description=_("Press releases, press invitations and media contacts of %(name)s.")
        % {"name": settings.SITE_NAME},
        alternates=section_alternates("press"),
    )


def item_page(request, path: str):
    """Any item by its path: the API decides whether it exists here, we pick the template.

    An old address (an imported site's, or one an editor moved) answers with a redirect:
    to the item's own path, or out of the site when the old page was a link elsewhere.
    """
    item = client().item_by_path(f"/{path}", token=reader_token(request))
    moved = item.get("redirected_from")
    if moved is not None:
        permanent = bool(moved.get("permanent", True))
        if item.get("type") == "redirect":
            return redirect(_outside_address(item.get("location")), permanent=permanent)
        if item.get("path") and item["path"] != f"/{path}":
            return redirect(item["path"], permanent=permanent)
    return render_item(request, item)


def _outside_address(location) -> str:
    """An absolute http(s) address with a host, or 404: never a script or data URL."""
    parts = urlsplit(location if isinstance(location, str) else "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Http404
    return location


def render_item(request, item: dict, *, preview: bool = False):
    """An item in its type's template."""
    template = ITEM_TEMPLATES.get(item.get("type"))
    if template is None:
        raise Http404
    language = item.get("locale") or language_of(request)
    appeal_text = ""
    if item.get("type") == "notice":
        # Without the board's text the template falls back to the standing one.
        with contextlib.suppress(api.ApiError, KeyError):
            appeal_text = content.notice_board(language, reader_token(request))[
                "appeal_instructions"
            ]
    owner = item.get("owner_unit") or {}
    return render_page(
        request,
        template,
        {
            "item": item,
            "preview": preview,
            "back_path": _section_of(item, language),
            "appeal_text": appeal_text,
            "owner_contact": content.unit_contact(owner.get("id"), reader_token(request)),
            "share": share_links(item),
            "feedback_path": section_path(language if language in SECTIONS else "sv", "feedback"),
        },
        language=language,
        title=item.get("seo_title") or item["title"],
        description=item.get("search_description") or item.get("summary", ""),
        alternates={} if preview else item_alternates(item),
        noindex=preview,
    )


def share_links(item: dict) -> list[dict]:
    """Links that share the item: plain addresses, no third-party script on the page."""
    from urllib.parse import quote

    url = item.get("url") or f"{settings.SITE_URL}{item.get('path', '')}"
    title = item.get("title", "")
    return [
        {"name": _("E-mail"), "href": f"mailto:?subject={quote(title)}&body={quote(url)}"},
        {"name": "Facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}"},
        {
            "name": "LinkedIn",
            "href": f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url)}",
        },
        {"name": "X", "href": f"https://x.com/intent/post?url={quote(url)}&text={quote(title)}"},
    ]


def _section_of(item: dict, language: str) -> str:
    if settings.SITE == "intranet":
        return {"staff_bulletin": "/inblick/", "notice": "/anslagstavla/"}.get(
            item["type"], "/nyheter/"
        )
    section = {"news": "news", "notice": "notices", "press_release": "press"}.get(
        item["type"], "news"
    )
    return section_path(language if language in ("sv", "en") else "sv", section)


def preview(request):
    """A draft through the API's signed preview token: never cached, never indexed."""
    token = request.GET.get("token", "")
    if not token or len(token) > 2000:
        raise Http404
    try:
        item = client().preview(token)
    except (api.ApiNotFound, api.ApiBadRequest, api.ApiForbidden, api.ApiUnauthorized) as error:
        # A forged or expired token: say so (the API's words), and keep it out of caches.
        from .errors import error_page

        detail = error.payload.get("detail") if isinstance(error.payload, dict) else ""
        response = error_page(
            request,
            403 if error.status in (401, 403) else 404,
            detail if isinstance(detail, str) else "",
        )
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return render_item(request, item, preview=True)


#: Each feed's item type and title.
FEEDS = {
    "news": ("news", gettext_lazy("News")),
    "notices": ("notice", gettext_lazy("Notice board")),
    "press": ("press_release", gettext_lazy("Press room")),
}


def feed(request, section: str, kind: str = "rss"):
    """RSS 2.0 or Atom of a section's newest items, built from the listing."""
    language = language_of(request)
    item_type, title = FEEDS[section]
    items = content.latest(item_type, language, 20)["items"]
    page_path = section_path(language, section)
    response = render(
        request,
        f"frontend/feeds/{kind}.xml",
        {
            "items": items,
            "title": f"{settings.SITE_NAME} – {title}",
            "lang": language,
            "site_url": settings.SITE_URL,
            "page_url": f"{settings.SITE_URL}{page_path}",
            "self_url": f"{settings.SITE_URL}{request.path}",
            "updated": items[0]["released_at"] if items else "",
        },
        content_type=(
            "application/rss+xml; charset=utf-8"
            if kind == "rss"
            else "application/atom+xml; charset=utf-8"
        ),
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
