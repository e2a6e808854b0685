"""The body's StreamField blocks as typed, discriminated objects (``type`` decides)."""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .common import Document, Image, Person


class HeadingValue(Schema):
    text: str
    level: Literal["h2", "h3"]


class HeadingBlock(Schema):
    id: str
    type: Literal["heading"]
    value: HeadingValue


class ParagraphValue(Schema):
    html: str = Field(description="Ren HTML; interna länkar pekar på frontendens adresser.")


class ParagraphBlock(Schema):
    id: str
    type: Literal["paragraph"]
    value: ParagraphValue


class ImageValue(Schema):
    image: Image | None
    alt: str
    caption: str


class ImageBlock(Schema):
    id: str
    type: Literal["image"]
    value: ImageValue


class QuoteValue(Schema):
    quote: str
    attribution: str


class QuoteBlock(Schema):
    id: str
    type: Literal["quote"]
    value: QuoteValue


class FactBoxValue(Schema):
    title: str
    html: str


class FactBoxBlock(Schema):
    id: str
    type: Literal["fact_box"]
    value: FactBoxValue


class DocumentValue(Schema):
    document: Document | None = Field(description="Saknas när dokumentet inte får visas här.")
    title: str


class DocumentBlock(Schema):
    id: str
    type: Literal["document"]
    value: DocumentValue


class VideoValue(Schema):
    url: str
    title: str
    transcript: str


class VideoBlock(Schema):
    id: str
    type: Literal["video"]
    value: VideoValue


class ContactValue(Schema):
    person: Person | None


class ContactBlock(Schema):
    id: str
    type: Literal["contact"]
    value: ContactValue


Block = Annotated[
    HeadingBlock
    | ParagraphBlock
    | ImageBlock
    | QuoteBlock
    | FactBoxBlock
    | DocumentBlock
    | VideoBlock
    | ContactBlock,
    Field(discriminator="type"),
]
