"""The public sitemap: every public page's address, last change and translations."""

from __future__ import annotations

import datetime

from ninja import Field, Schema


class SitemapAlternate(Schema):
    """The same page in another language (``hreflang``)."""

    locale: str
    url: str


class SitemapEntry(Schema):
    url: str
    lastmod: datetime.datetime | None = Field(description="Senast publicerad.")
    alternates: list[SitemapAlternate] = Field(
        description="Sidan på alla språk den finns på, den själv inräknad (tom om bara ett)."
    )


class Sitemap(Schema):
    """One file's worth of entries; more than one page makes a sitemap index."""

    page: int
    pages: int
    entries: list[SitemapEntry]
