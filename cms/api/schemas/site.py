"""Topics, units, navigation and documents."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

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


class Logo(Schema):
    """The municipality's logo, sized for a header (an SVG stays an SVG)."""

    url: str
    width: int
    height: int
    alt: str


class Contact(Schema):
    visiting_address: str
    postal_address: str
    phone: str
    email: str
    organisation_number: str
    press_email: str
    press_phone: str


class OpeningHours(Schema):
    days: str
    hours: str


class SocialLink(Schema):
    service: Literal["facebook", "instagram", "linkedin", "youtube", "x", "mastodon", "other"]
    url: str
    label: str = Field(description="The service's name, or the editor's own.")


class Colours(Schema):
    """Colour tokens, each text pair at least 4.5:1 (WCAG AA, checked when saved)."""

    primary: str
    on_primary: str
    accent: str
    on_accent: str
    text: str
    background: str


class SiteIdentity(Schema):
    """The municipality's identity and contact details, for headers, footers and JSON-LD."""

    locale: str
    name: str
    logo: Logo | None
    colours: Colours
    contact: Contact
    opening_hours: list[OpeningHours]
    social_links: list[SocialLink]
    about: str = Field(description="About the municipality, in the locale (Swedish fallback).")


class ServiceShortcut(Schema):
    """A way into a service: a page on this surface's site, or an external e-service."""

    title: str
    text: str
    url: str
    external: bool = Field(description="True for an e-service outside the site.")
    icon: str = Field(description="The name of an icon the sites ship; empty for none.")
