"""Fetching what the pages show; one place that knows which API calls make a page.

The notice board and the press room need fields only an item's detail carries
(posting dates, press kinds), so they read each listed item's detail – cached and
revalidated like every other response, so a warm board costs a few 304s at most.
"""

from __future__ import annotations

from .base import client

#: Most notices or press items a board page reads (the API's largest page).
BOARD_LIMIT = 100


def latest(item_type: str | None, language: str | None, limit: int = 5, token=None, **filters):
    """A page of items, newest first."""
    params = {"limit": limit, "locale": language, **filters}
    if item_type:
        params["type"] = item_type
    return client().items(token=token, **params)


def details(summaries: list[dict], token=None) -> list[dict]:
    """The details of listed items, in the listing's order."""
    return [client().item(summary["id"], token=token) for summary in summaries]


def notice_board(language: str | None, token=None) -> tuple[list[dict], list[dict]]:
    """``(current, archive)`` notices with their notice fields, newest posting first."""
    notices = details(latest("notice", language, BOARD_LIMIT, token)["items"], token)
    notices = [n for n in notices if n.get("notice")]

    def posted(item):
        return item["notice"].get("posting_date") or item["released_at"][:10]

    current = sorted((n for n in notices if n["notice"]["is_current"]), key=posted, reverse=True)
    archive = sorted(
        (n for n in notices if not n["notice"]["is_current"]), key=posted, reverse=True
    )
    return current, archive


def press_room(language: str | None, limit: int = 20, token=None) -> dict:
    """Press releases, invitations and the media contacts they name."""
    items = details(latest("press_release", language, limit, token)["items"], token)
    releases = [i for i in items if (i.get("press") or {}).get("kind") != "invitation"]
    invitations = [i for i in items if (i.get("press") or {}).get("kind") == "invitation"]
    contacts: dict[int, dict] = {}
    for item in items:
        for person in (item.get("press") or {}).get("media_contacts") or []:
            contacts.setdefault(person["id"], person)
    about = next(((i.get("press") or {}).get("about") for i in items if i.get("press")), "")
    return {
        "releases": releases,
        "invitations": invitations,
        "contacts": sorted(contacts.values(), key=lambda p: p["name"]),
        "about": about,
    }


def topics(language: str | None, token=None) -> list[dict]:
    """Topics in use, from the newest items (the API has no topic listing yet)."""
    seen: dict[str, dict] = {}
    for item in latest(None, language, BOARD_LIMIT, token)["items"]:
        for topic in item.get("topics") or []:
            seen.setdefault(topic["slug"], topic)
    return sorted(seen.values(), key=lambda t: t["name"])
