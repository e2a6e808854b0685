"""The official notice board and the press room."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from .common import Person
from .items import ItemSummary, NoticeFields, PressFields


class NoticeSummary(ItemSummary):
    """A notice in a listing, with its legal dates."""

    notice: NoticeFields


class NoticeBoard(Schema):
    """The current official notice board."""

    appeal_instructions: str = Field(description="Stående text om hur man överklagar.")
    notices: list[NoticeSummary]


class NoticeList(Schema):
    items: list[NoticeSummary]
    next_cursor: str | None
    count: int | None


class PressSummary(ItemSummary):
    """A press release or invitation in a listing."""

    press: PressFields


class PressList(Schema):
    items: list[PressSummary]
    next_cursor: str | None
    count: int | None


class PressRoom(Schema):
    """The press room: contacts, standing texts, latest releases, coming events."""

    about: str
    press_email: str
    press_phone: str
    media_contacts: list[Person]
    latest_releases: list[PressSummary]
    upcoming_invitations: list[PressSummary]
