"""Filters for rendering API data: dates in the page's language, images, file sizes."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import nh3
from django import template
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from ..labels import KIND_LABELS, TYPE_LABELS
from ..sections import DEFAULT_LANGUAGE

register = template.Library()

STOCKHOLM = ZoneInfo("Europe/Stockholm")
#: The API's renditions that scale the whole image, for ``srcset`` (thumbnail and social
#: are cropped to other proportions).
SRCSET_RENDITIONS = ("medium", "large")


def parse(value) -> datetime.date | datetime.datetime | None:
    """An ISO 8601 date or date-time from the API, or ``None``."""
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(value).astimezone(STOCKHOLM)
    except (TypeError, ValueError):
        return None


@register.filter
def local_date(value, language="sv"):
    """``26 november 2026`` (sv) or ``26 November 2026`` (en): Django's month names."""
    parsed = parse(value)
    if parsed is None:
        return ""
    with translation.override(language):
        return f"{parsed.day} {MONTHS[parsed.month]} {parsed.year}"


@register.filter
def local_datetime(value, language="sv"):
    """``26 november 2026 kl. 09.33`` (sv) or ``26 November 2026, 09:33`` (en)."""
    parsed = parse(value)
    if parsed is None:
        return ""
    if not isinstance(parsed, datetime.datetime):
        return local_date(parsed, language)
    with translation.override(language):
        return pgettext("date and time", "%(date)s, %(hour)s:%(minute)s") % {
            "date": local_date(parsed, language),
            "hour": f"{parsed:%H}",
            "minute": f"{parsed:%M}",
        }


@register.filter
def iso(value):
    """The machine-readable form for ``<time datetime>``."""
    parsed = parse(value)
    return parsed.isoformat() if parsed else ""


@register.filter
def rfc822(value):
    """An RSS 2.0 date."""
    from email.utils import format_datetime

    parsed = parse(value)
    if isinstance(parsed, datetime.datetime):
        return format_datetime(parsed)
    return ""


@register.filter
def filesize(value):
    """``1,2 MB`` from bytes."""
    try:
        size = float(value)
    except (TypeError, ValueError):
        return ""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            text = f"{size:.0f}" if unit == "B" else f"{size:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        size /= 1024
    return ""  # pragma: no cover


@register.simple_tag
def responsive_image(
    image, alt=None, sizes="(min-width: 50em) 46em, 100vw", eager=False, crop=None
):
    """An ``<img>`` with ``srcset`` from the API's renditions, width/height against jumps.

    Each rendition carries the width and height it has (the API computes them), so the
    ``srcset`` descriptors and the reserved space are exact. ``crop`` names a cropped
    rendition (``thumbnail``) used alone, with its own proportions, for teasers.
    """
    if not image:
        return ""
    renditions = image.get("renditions") or {}
    if crop and crop in renditions:
        chosen = renditions[crop]
        srcset = chosen.get("url", "")
    else:
        chosen = renditions.get("medium") or renditions.get("thumbnail") or {}
        scaled = sorted(
            (renditions[name] for name in SRCSET_RENDITIONS if name in renditions),
            key=lambda rendition: rendition.get("width") or 0,
        )
        srcset = ", ".join(f"{r['url']} {r['width']}w" for r in scaled if r.get("width"))
    src = chosen.get("url", "")
    if not src:
        return ""
    attrs = {
        "src": src,
        "srcset": srcset or src,
        "sizes": sizes,
        "alt": image.get("alt", "") if alt is None else alt,
        # Unknown sizes (an older API) leave the attributes out rather than guess.
        "width": chosen.get("width") or None,
        "height": chosen.get("height") or None,
        "loading": "eager" if eager else "lazy",
        "decoding": "async",
    }
    kept = ((name, value) for name, value in attrs.items() if value is not None)
    return format_html("<img{}>", format_html_join("", ' {}="{}"', kept))


@register.filter
def trusted_html(value):
    """Rich text from the API, safe to insert.

    The CMS cleans it with an allow-list before it sends it; what arrives over HTTP is
    cleaned once more with nh3's defaults (no scripts, event handlers, styles or unsafe
    URL schemes), so a misbehaving proxy or cache cannot put markup on the page either.
    """
    return mark_safe(nh3.clean(value or "", link_rel=None))  # noqa: S308 – cleaned by nh3 here


@register.filter
def highlight(value):
    """A search snippet: escaped, except the ``<mark>`` around matched words.

    The API already escapes its snippets; unescaping first means nothing it sends –
    whatever it is – can become markup here, and nothing is escaped twice.
    """
    import html

    from django.utils.html import escape

    text = str(escape(html.unescape(value or "")))
    # Everything escaped first; only the highlight's own <mark> tags are put back.
    marked = text.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return mark_safe(marked)  # noqa: S308 – escaped above


@register.filter
def staff_only(audiences) -> bool:
    """True for an item only for staff (the intranet's "Internt"), not one also for others."""
    return bool(audiences) and set(audiences) == {"staff"}


@register.filter
def type_label(item_type):
    """The word for an item type (``news`` → ``Nyhet``) in the page's language."""
    return TYPE_LABELS.get(item_type, item_type)


@register.filter
def kind_label(fields):
    """The label of a notice's or press item's kind in the page's language.

    The API names kinds in the CMS's language (Swedish), and its label wins on pages
    in that language; pages in other languages use our own words for the codes.
    """
    if not fields:
        return ""
    own = KIND_LABELS.get(fields.get("kind"))
    api_label = fields.get("kind_label", "")
    if translation.get_language() == DEFAULT_LANGUAGE:
        return api_label or own or ""
    return own or api_label


@register.simple_tag
def ld_json(data):
    """``<script type="application/ld+json">`` for schema.org data (never executed).

    ``<``, ``>`` and ``&`` are escaped in the JSON as Django's ``json_script`` does, so
    nothing in the data can end the element.
    """
    import json

    from django.utils.html import _json_script_escapes

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _json_script_escapes
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 – escaped above


def organization_data(identity, site_url: str, fallback_name: str = "") -> dict:
    """schema.org ``GovernmentOrganization`` of the municipality, from ``/site``."""
    identity = identity or {}
    contact = identity.get("contact") or {}
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": identity.get("name") or fallback_name,
        "url": f"{site_url}/",
    }
    if identity.get("logo"):
        data["logo"] = identity["logo"]["url"]
    if contact.get("phone"):
        data["telephone"] = contact["phone"]
    if contact.get("email"):
        data["email"] = contact["email"]
    if contact.get("visiting_address"):
        data["address"] = " ".join(contact["visiting_address"].split())
    same_as = [link["url"] for link in identity.get("social_links") or []]
    if same_as:
        data["sameAs"] = same_as
    return data


@register.simple_tag
def organization_ld(identity, site_url, fallback_name=""):
    """The municipality as JSON-LD (every public page)."""
    return ld_json(organization_data(identity, site_url, fallback_name))


@register.simple_tag
def article_ld(item, identity, site_url, fallback_name=""):
    """A news item, press release or notice as schema.org ``NewsArticle`` JSON-LD."""
    image = (item.get("open_graph") or {}).get("image")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.get("title", "")[:110],
        "description": item.get("summary", ""),
        "inLanguage": item.get("locale", "sv"),
        "datePublished": iso(item.get("released_at")),
        "dateModified": iso(item.get("updated_at") or item.get("released_at")),
        "mainEntityOfPage": item.get("url") or f"{site_url}{item.get('path', '')}",
        "author": {
            "@type": "GovernmentOrganization",
            "name": (item.get("owner_unit") or {}).get("name", ""),
        },
        "publisher": {
            key: value
            for key, value in organization_data(identity, site_url, fallback_name).items()
            if key != "@context"
        },
    }
    if image:
        data["image"] = [image]
    return ld_json(data)
