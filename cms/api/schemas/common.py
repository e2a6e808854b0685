"""Shared response parts: errors, units, topics, images, documents, people."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from cms.core.errors import Error, ErrorDetail  # noqa: F401 (the one error shape, re-exported)


def responses(surface, ok, *errors: int) -> dict:
    """Documented answers of an operation: ``ok`` for 200, ``Error`` for the rest.

    Every operation can answer 422 (bad parameters) and 429 (rate limit); the
    intranet's also 401 (no valid token) and 403 (no access).
    """
    codes = {*errors, 422, 429}
    if not surface.is_public:
        codes |= {401, 403}
    return {200: ok, **dict.fromkeys(sorted(codes), Error)}


class UnitRef(Schema):
    id: int
    name: str


class TopicRef(Schema):
    slug: str
    name: str


class Rendition(Schema):
    """One named size of an image."""

    url: str = Field(description="Absolut adress; bilden skapas vid första anropet.")
    filter_spec: str
    width: int = Field(description="Bredd i pixlar, som bilden får när den skapas.")
    height: int = Field(description="Höjd i pixlar.")


class Image(Schema):
    """An image with its required alternative text and named renditions."""

    id: int
    alt: str = Field(description="Alternativtext (WCAG 2.1).")
    credit: str
    width: int
    height: int
    renditions: dict[str, Rendition]


class Document(Schema):
    """A document in the library, served through the CMS."""

    id: int
    title: str
    url: str
    file_extension: str
    file_size: int | None
    created_at: datetime.datetime


class Person(Schema):
    """A contact person."""

    id: int
    name: str
    job_title: str
    phone: str
    email: str
    unit: UnitRef | None


class OpenGraph(Schema):
    """Open Graph / social card fields, so shared links look right."""

    title: str
    description: str
    url: str
    type: str
    locale: str
    image: str | None
    image_alt: str | None
