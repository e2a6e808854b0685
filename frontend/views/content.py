"""Fetching what the pages show; one place that knows which API calls make a page."""

from __future__ import annotations

import logging

from .. import api
from .base import client

logger = logging.getLogger("frontend")

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


def optional(path: str, params=None, token=None, default=None, *, what: str = ""):
    """The API's answer at ``path``, or ``default`` when the API cannot give it.

    For the parts around a page (identity, banners, shortcuts, the reader's lists): the
    page itself must not fail because one of them is away.
    """
    try:
        return client().get(path, params, token=token)
    except api.ApiError as error:
        logger.info("No %s from the API: %s", what or path, error)
        return default


def identity(language: str, token=None) -> dict | None:
    """The municipality's name, logo, colours and contact details (``/site``), or None.

    Without it the header and footer fall back to the site's name.
    """
    return optional("site", {"locale": language}, token, None, what="identity")


def banners(language: str, token=None) -> list[dict]:
    """Current important messages (``/important-messages``); none when unreachable."""
    return optional("important-messages", {"locale": language}, token, [])


def service_shortcuts(language: str, token=None) -> list[dict]:
    """The start page's service shortcuts, in the editors' order."""
    return optional("service-shortcuts", {"locale": language}, token, [])


def unit_contact(unit_id, token=None) -> dict | None:
    """``{"name", "contact_email"}`` of a unit, from the (cached) list of units."""
    units = optional("units", None, token, [])
    return next((unit for unit in units if unit["id"] == unit_id), None)


def reader_list(endpoint: str, token, limit: int = 5) -> list[dict]:
    """The reader's own list (``must-read``, ``for-my-units``); empty when unavailable."""
    return (optional(endpoint, {"limit": limit}, token, None) or {}).get("items") or []
