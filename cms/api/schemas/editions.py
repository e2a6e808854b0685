"""INblick editions on the intranet: the list and one edition with its items."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field

from .common import Image
from .items import ItemSummary


class EditionSummary(Schema):
    """An edition in the list."""

    id: int
    number: int
    year: int
    title: str
    issue_date: datetime.date
    path: str = Field(description="Sökväg i intranätet, till exempel /inblick/2026/3/.")
    url: str = Field(description="Absolut adress i intranätet.")
    pdf_path: str = Field(description="API-sökvägen till utgåvan som PDF.")
    item_count: int


class EditionList(Schema):
    """The published editions, newest first."""

    editions: list[EditionSummary]


class EditionDetail(EditionSummary):
    """One edition: the editor's foreword, the cover and the items in print order."""

    foreword: str = Field(description="Ren HTML (p, b, i, a, listor).")
    foreword_by: str
    cover: Image | None
    items: list[ItemSummary]
