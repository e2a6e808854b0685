"""Fixtures for the import: a Swedish and an English tree, units, users, record builders."""

import base64
import io

import pytest
from PIL import Image as PILImage
from wagtail.models import Locale, Page

from cms.core.factories import UserFactory
from cms.imports.engine import Importer, ImportOptions
from cms.snippets.factories import UnitFactory
from tests.pages.factories import (
    HomePageFactory,
    NewsIndexPageFactory,
    NoticeBoardPageFactory,
    PressRoomPageFactory,
    StaffBulletinIndexPageFactory,
)

OLD_SITE = "https://gamla.ekby.se"


@pytest.fixture
def sites(site_tree):
    """The Swedish tree of ``site_tree`` and an English one beside it."""
    en = Locale.objects.get(language_code="en")
    home_en = HomePageFactory(
        parent=Page.get_first_root_node(), locale=en, title="Ekby Municipality", slug="en"
    )
    return {
        "sv": site_tree,
        "en": {
            "home": home_en,
            "news": NewsIndexPageFactory(parent=home_en, locale=en, title="News"),
            "notices": NoticeBoardPageFactory(parent=home_en, locale=en, title="Notices"),
            "press": PressRoomPageFactory(parent=home_en, locale=en, title="Press"),
            "bulletins": StaffBulletinIndexPageFactory(parent=home_en, locale=en, title="INblick"),
        },
    }


@pytest.fixture
def org(sites):
    """The units and a user the records name."""
    return {
        "sites": sites,
        "communication": UnitFactory(name="Kommunikationsavdelningen", short_name="KOM"),
        "school": UnitFactory(name="Grundskolan", short_name="GS"),
        "anna": UserFactory(username="anna.andersson"),
    }


def record(uid, type_="news", **fields):
    """A valid record of ``type_`` with sensible fields; ``fields`` override them."""
    path = fields.pop("path", f"/nyheter/{uid}")
    data = {
        "schema": "enkanal.import/1",
        "type": type_,
        "source": {"system": "plone", "uid": uid, "url": f"{OLD_SITE}{path}", "path": path},
        "title": f"Rubrik {uid}",
        "summary": "En kort ingress.",
        "body_html": "<p>Brödtext.</p>",
        "owner_unit": "Kommunikationsavdelningen",
        "dates": {
            "created": "2019-03-01T09:00:00+01:00",
            "modified": "2019-03-02T10:00:00+01:00",
            "published": "2019-03-01T10:00:00+01:00",
        },
    }
    data.update(fields)
    return data


def png_base64() -> str:
    """A tiny PNG, base64-encoded."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 3), "red").save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def run(records, **options):
    """Import ``records`` as the Plone source with ``options``; returns the report."""
    options.setdefault("progress", False)
    options.setdefault("source_system", "plone")
    return Importer(ImportOptions(**options)).run(records)
