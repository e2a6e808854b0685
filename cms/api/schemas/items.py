"""Items (news, notices, press releases, staff bulletins): listings and details."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .blocks import Block
from .common import Document, Image, OpenGraph, Person, TopicRef, UnitRef

ItemType = Literal["news", "notice", "press_release", "staff_bulletin"]
AudienceCode = Literal[
    "residents", "staff", "media", "partners", "authorities", "prospective_residents", "visitors"
]
Ordering = Literal["-released_at", "released_at", "title", "-title"]


class ItemSummary(Schema):
    """An item in a listing: enough for a teaser."""

    id: int
    type: ItemType
    title: str
    summary: str
    locale: str = Field(description="Språkkod, till exempel sv eller en.")
    path: str = Field(description="Sökväg i frontenden, till exempel /nyheter/ny-skola/.")
    url: str = Field(description="Absolut adress i frontenden.")
    released_at: datetime.datetime = Field(
        description="Publiceringstid för den här ytan (ISO 8601, Europe/Stockholm)."
    )
    updated_at: datetime.datetime | None
    owner_unit: UnitRef
    audiences: list[AudienceCode]
    topics: list[TopicRef]
    image: Image | None


class ItemList(Schema):
    """A page of a listing; follow ``next_cursor`` for the next one."""

    items: list[ItemSummary]
    next_cursor: str | None = Field(description="Skicka som ?cursor= för nästa sida.")
    count: int | None = Field(description="Totalt antal träffar, med ?count=true.")


class Translation(Schema):
    """The same item in another language."""

    locale: str
    title: str
    path: str
    url: str


class Attachment(Schema):
    title: str
    document: Document


class NoticeFields(Schema):
    """What a notice on the official board adds (Kommunallagen 8 kap.)."""

    kind: Literal["meeting", "adjusted_minutes", "delegated_decision", "other"]
    kind_label: str
    issuing_body: str
    meeting_date: datetime.datetime | None
    meeting_location: str
    adjustment_date: datetime.date | None
    minutes_location: str
    posting_date: datetime.date | None
    earliest_removal_date: datetime.date
    is_current: bool


class PressFields(Schema):
    """What a press release or press invitation adds."""

    kind: Literal["release", "invitation"]
    kind_label: str
    event_start: datetime.datetime | None
    event_end: datetime.datetime | None
    event_location: str
    media_contacts: list[Person]
    attachments: list[Attachment]
    about: str = Field(description="Standardtexten om kommunen.")


class BulletinFields(Schema):
    """What a staff bulletin adds (intranet only)."""

    target_units: list[UnitRef]
    must_read: bool = Field(False, description="Läs och bekräfta: the reader confirms reading.")
    confirmed_at: datetime.datetime | None = Field(
        None, description="When this reader confirmed (must-read bulletins only)."
    )


class Confirmation(Schema):
    """A reader's confirmation of a must-read bulletin."""

    item_id: int
    confirmed_at: datetime.datetime


class RedirectedFrom(Schema):
    """The old address that led to the item (an imported or editor-made redirect)."""

    path: str = Field(
        description="Den efterfrågade gamla sökvägen, till exempel /nyheter/2019/ny-skola."
    )
    permanent: bool = Field(
        description="Sant: svara 301 (permanent) till ``path`` på innehållet; falskt: 302."
    )


class ItemDetail(ItemSummary):
    """An item with its body and its type's fields."""

    seo_title: str
    search_description: str
    body: list[Block]
    translations: list[Translation]
    open_graph: OpenGraph
    notice: NoticeFields | None = None
    press: PressFields | None = None
    bulletin: BulletinFields | None = None
    redirected_from: RedirectedFrom | None = Field(
        None,
        description=(
            "Bara från items/by-path: satt när sökvägen är en gammal adress som leder hit. "
            "Frontenden svarar då med en omdirigering till innehållets ``path``."
        ),
    )


class ExternalRedirect(Schema):
    """An old path that leads out of the site (items/by-path only), not to an item.

    Imported Plone links and editor-made redirects to another web site answer so, and
    old addresses of imported files and images, with the document's or the image's
    address on the CMS (only when the reader may see it); only http and https
    addresses do, anything else answers 404.
    """

    type: Literal["redirect"] = Field(
        description="Alltid redirect: svaret är en omdirigering, inget innehåll."
    )
    location: str = Field(
        description="Adressen att omdirigera till (http eller https), till exempel "
        "https://www.skolverket.se/."
    )
    redirected_from: RedirectedFrom


#: What items/by-path answers: the item at the path (or behind an old one), or a
#: redirect out of the site; ``type`` tells them apart.
ItemOrRedirect = Annotated[ItemDetail | ExternalRedirect, Field(discriminator="type")]
