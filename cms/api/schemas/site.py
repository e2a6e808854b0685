"""Topics, units, navigation and documents."""

from __future__ import annotations

from typing import Literal

from ninja import Schema

from .common import Document


class Topic(Schema):
    slug: str
    name: str
    name_en: str
    description: str


class Unit(Schema):
    """A unit in the organisation tree (administration → operation → unit)."""

    id: int
    name: str
    short_name: str
    level: Literal["administration", "operation", "unit"]
    parent_id: int | None
    contact_email: str


class NavigationLink(Schema):
    section: Literal["home", "news", "notice_board", "press_room", "staff_bulletins"]
    title: str
    path: str
    url: str
    intro: str


class LocaleLink(Schema):
    locale: str
    title: str
    path: str


class Navigation(Schema):
    """The frontend's main navigation for one locale, and the other locales."""

    locale: str
    home: NavigationLink
    sections: list[NavigationLink]
    locales: list[LocaleLink]


class DocumentList(Schema):
    items: list[Document]
    next_cursor: str | None
