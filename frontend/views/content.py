"""Fetching what the pages show; one place that knows which API calls make a page."""

from __future__ import annotations

from .base import client

#: Most items a board or topic list reads in one go (the API's largest page).
BOARD_LIMIT = 100


def latest(item_type: str | None, language: str | None, limit: int = 5, token=None, **filters):
    """A page of items, newest first."""
    params = {"limit": limit, "locale": language, **filters}
    if item_type:
        params["type"] = item_type
    return client().items(token=token, **params)


def notice_board(language: str | None, token=None) -> dict:
    """The current board: ``{"appeal_instructions": str, "notices": [...]}``."""
    return client().get("notice-board", {"locale": language}, token=token)


def notice_archive(language: str | None, cursor=None, token=None) -> dict:
    """Notices taken down, newest first: ``{"items", "next_cursor", "count"}``."""
    params = {"locale": language, "cursor": cursor, "limit": 20}
    return client().get("notice-board/archive", params, token=token)


def press_room(language: str | None, token=None) -> dict:
    """Media contacts, the standing texts, latest releases and coming invitations."""
    return client().get("press-room", {"locale": language}, token=token)


def topics(language: str | None, token=None) -> list[dict]:
    """Every topic as ``{"slug", "name"}``, named in ``language`` where translated."""
    rows = client().get("topics", token=token)
    return [
        {
            "slug": row["slug"],
            "name": (row.get("name_en") if language == "en" else "") or row["name"],
        }
        for row in rows
    ]
