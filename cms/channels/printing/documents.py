"""The printed things: an INblick edition, the local-press page and any item.

Each is a context made from the items (through the one audience filter, see
``PrintRenderer``) and the municipality's identity from the CMS settings, rendered by a
template into HTML, then by WeasyPrint into PDF. The local-press page also exports as
plain HTML for papers that lay it out themselves.
"""

from __future__ import annotations

import base64
import dataclasses
import mimetypes
import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from cms.core.models import MunicipalitySettings
from cms.pages.models import NoticePage, PressReleasePage

from ..selection import printable_at
from .pdf import write_pdf
from .renderer import MEDIA_SCHEME, PUBLIC, STAFF, PrintRenderer, print_image


@dataclasses.dataclass
class Printed:
    """A rendered file: its bytes, content type and a file name to download it as."""

    content: bytes
    content_type: str
    filename: str


def display_url(url: str) -> str:
    """An address as printed: no scheme, no trailing slash (``ekby.se/nyheter/x``)."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def identity(audience: str = PUBLIC) -> dict:
    """The municipality's name, logo, colours and contact details for paper."""
    municipality = MunicipalitySettings.load()
    logo = None
    if municipality.logo is not None and municipality.logo.file:
        logo = {**print_image(municipality.logo, "column"), "alt": municipality.logo_alt_text()}
    site = settings.ENKANAL_PUBLIC_SITE_URL if audience == PUBLIC else settings.ENKANAL_INTRANET_URL
    return {
        "name": municipality.municipality_name,
        "logo": logo,
        "colours": municipality.colours(),
        "site_url": display_url(site),
        "phone": municipality.phone,
        "email": municipality.email,
        "visiting_address": " ".join(municipality.visiting_address.split()),
        "postal_address": " ".join(municipality.postal_address.split()),
        "appeal_instructions": municipality.appeal_instructions,
        "about": municipality.about_municipality,
    }


def item_entry(item, renderer: PrintRenderer, *, body=True, image_size="wide") -> dict:
    """What a print shows of one item: kicker, title, summary, image, body, address."""
    released = item.external_release_at if renderer.is_public else item.internal_release_at
    return {
        "id": item.pk,
        "anchor": f"item-{item.pk}",
        "page": item,
        "type_label": item._meta.verbose_name,
        "unit": item.owner_unit.name if item.owner_unit_id else "",
        "released_at": timezone.localtime(released) if released else None,
        "summary": item.summary,
        "image": renderer.image(item.main_image, size=image_size),
        "blocks": renderer.blocks(item.body) if body else [],
        "url": display_url(renderer.item_url(item)),
        "href": renderer.item_url(item),
    }


def _local(value):
    return timezone.localtime(value) if value else None


def notice_fields(page) -> dict:
    """The legally relevant fields of a notice (Kommunallagen 8 kap.)."""
    return {
        "kind_label": page.get_notice_kind_display(),
        "issuing_body": page.issuing_body,
        "meeting_date": _local(page.meeting_date),
        "meeting_location": page.meeting_location,
        "adjustment_date": page.adjustment_date,
        "minutes_location": page.minutes_location,
        "posting_date": page.posting_date,
        "earliest_removal_date": page.earliest_removal_date,
    }


def press_fields(page, renderer: PrintRenderer) -> dict:
    """A press release's event, its press contacts and the standing "about" text."""
    return {
        "kind_label": page.get_kind_display(),
        "event_start": _local(page.event_start),
        "event_end": _local(page.event_end),
        "event_location": page.event_location,
        "contacts": [renderer.person(p) for p in page.media_contacts.all() if p.show_to_press],
    }


def render_html(template: str, context: dict, language: str = "sv") -> str:
    """``template`` rendered in ``language`` (the items' language, Swedish first)."""
    with translation.override(language):
        return render_to_string(template, context)


# --- an INblick edition ----------------------------------------------------------------


def edition_context(edition) -> dict:
    """The edition's cover, contents, foreword and items, as all staff may read them."""
    renderer = PrintRenderer(STAFF)
    items = edition.items()
    entries = [item_entry(item, renderer) for item in items]
    cover = edition.cover_image or next((i.main_image for i in items if i.main_image), None)
    return {
        "edition": edition,
        "identity": identity(STAFF),
        "entries": entries,
        "cover": renderer.image(cover, size="wide") if cover else None,
        "foreword": renderer.rich_text(edition.foreword),
        "produced_at": timezone.localtime(),
    }


def edition_pdf(edition, draft: bool = False) -> Printed:
    """The edition as a print-ready A4 PDF; a ``draft`` is marked so on every page."""
    context = {**edition_context(edition), "draft": draft}
    html = render_html("channels/print/edition.html", context)
    filename = f"inblick-{edition.year}-{edition.number}.pdf"
    return Printed(write_pdf(html), "application/pdf", filename)


# --- the local-press page --------------------------------------------------------------


def press_context(press_page) -> dict:
    """The chosen items and meeting notices, as the public sees them by the deadline."""
    renderer = PrintRenderer(PUBLIC, at=printable_at(press_page.print_deadline))
    entries = []
    for index, (entry, item) in enumerate(press_page.entries_to_print()):
        data = item_entry(
            item, renderer, body=entry.full_text, image_size="wide" if index == 0 else "column"
        )
        data["full_text"] = entry.full_text
        entries.append(data)
    notices = [
        {
            **notice_fields(page),
            "title": page.title,
            "summary": page.summary,
            "url": display_url(renderer.item_url(page)),
        }
        for page in press_page.notices_to_print()
    ]
    newspaper_format = press_page.newspaper_format
    width, height = newspaper_format.trim_size()
    return {
        "press_page": press_page,
        "identity": identity(PUBLIC),
        "lead": entries[0] if entries else None,
        "entries": entries[1:],
        "notices": notices,
        "format": newspaper_format,
        "page": {
            "width": f"{width:f}",
            "height": f"{height:f}",
            "bleed": f"{newspaper_format.bleed:f}",
            "margin": f"{newspaper_format.margin:f}",
            "outer": f"{newspaper_format.margin + newspaper_format.bleed:f}",
            "columns": newspaper_format.columns,
            "half": newspaper_format.space == "half",
        },
        "produced_at": timezone.localtime(),
        "deadline": timezone.localtime(press_page.print_deadline),
    }


def press_filename(press_page, extension: str) -> str:
    """``kommunen-informerar-v20-2026.pdf``."""
    name = slugify(press_page.title) or "kommunen-informerar"
    return f"{name}-v{press_page.week}-{press_page.publication_date.year}.{extension}"


def press_pdf(press_page) -> Printed:
    """The local-press page as a print-ready PDF in its newspaper format."""
    html = render_html("channels/print/press.html", press_context(press_page))
    return Printed(write_pdf(html), "application/pdf", press_filename(press_page, "pdf"))


def inline_media(html: str) -> str:
    """``html`` with each ``media:`` image written into it as a ``data:`` URL.

    The export is one self-contained file to send to the paper: its layout staff need
    neither an account nor a way into the CMS's storage.
    """

    def data_url(match):
        name = match.group(2)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with default_storage.open(name, "rb") as stored:
            encoded = base64.b64encode(stored.read()).decode("ascii")
        return f'{match.group(1)}"data:{content_type};base64,{encoded}"'

    return re.sub(rf'(src=)"{re.escape(MEDIA_SCHEME)}([^"]+)"', data_url, html)


def press_html(press_page) -> Printed:
    """The local-press page as plain HTML, images included, for the paper to lay out."""
    html = render_html("channels/print/press_export.html", press_context(press_page))
    return Printed(
        inline_media(html).encode("utf-8"),
        "text/html; charset=utf-8",
        press_filename(press_page, "html"),
    )


# --- any item --------------------------------------------------------------------------


def item_context(item, audience: str) -> dict:
    """One item as a clean A4 page, with a notice's legal fields or a release's contacts."""
    renderer = PrintRenderer(audience)
    context = {
        "entry": item_entry(item, renderer),
        "identity": identity(audience),
        "produced_at": timezone.localtime(),
    }
    if isinstance(item, NoticePage):
        context["notice"] = notice_fields(item)
    elif isinstance(item, PressReleasePage):
        context["press"] = press_fields(item, renderer)
    return context


def item_pdf(item, audience: str = PUBLIC, draft: bool = False) -> Printed:
    """``item`` (specific) as a PDF for ``audience``, whose links and documents it keeps.

    A ``draft`` (a version not published) is marked so on every page.
    """
    context = {**item_context(item, audience), "draft": draft}
    html = render_html("channels/print/item.html", context, item.locale.language_code)
    filename = f"{slugify(item.title)[:80] or 'innehall'}.pdf"
    return Printed(write_pdf(html), "application/pdf", filename)
