"""The import record format, version ``enkanal.import/1``.

One JSON object per item (a line of a JSONL file, or what ``cms.imports.plone`` yields).
Fields are optional unless marked *required*; unknown keys are ignored with a warning.

``schema``
    ``"enkanal.import/1"`` (optional; another value is an error).
``type`` *required*
    ``news`` (NewsPage), ``notice`` (NoticePage), ``press_release`` (PressReleasePage),
    ``staff_bulletin`` (StaffBulletinPage), ``document`` (EnkanalDocument), ``image``
    (EnkanalImage) or ``redirect`` (a Wagtail redirect, no object).
``source`` *required*
    ``{"system": "plone", "uid": "…", "url": "https://gamla.ekby.se/…", "path": "/…"}``.
    ``uid`` is *required*: with ``system`` (default: the command's source system) it is
    the idempotency key. ``url`` is quoted in every report line about the record;
    ``path`` (or the path of ``url``) resolves links to the object and becomes a
    redirect to it.
``locale``
    Language code of the item (default ``sv``); the locale must have a home page.
``translation_key``
    Items sharing it are translations of one another (one Wagtail ``translation_key``,
    each under its own locale's tree, as wagtail-localize expects).
``title`` *required for pages*, ``summary``, ``body_html``, ``slug``
    ``body_html`` is rich text from the old site. Headings become heading blocks,
    images image blocks, the rest text blocks limited to the body's rich-text
    features. Links to ``…/resolveuid/<uid>``, ``…/@@download/file``,
    ``…/@@images/…``, absolute links to the old site and relative links become
    Enkanal links; links that never resolve stay links to the old address and are
    reported. A summary over the model's limit is cut at a sentence boundary and kept
    whole at the start of the body; a missing summary is taken from the body.
``audiences``, ``topics``, ``owner_unit``
    Audience codes (default: the type's fixed or mandatory audiences; ``residents`` for
    news); topic names (created where missing); the owning unit's name or short name
    (default: ``--unit``).
``state``
    ``published`` (default) or ``draft``: a draft is imported as a draft revision only,
    never live.
``dates``
    ``{"created", "modified", "published", "expires"}`` as ISO 8601. ``published`` is
    the release time (internal and external, no lead: it happened already);
    ``expires`` in the past imports the item as expired (not public).
``creators``
    User names; the first one matching an Enkanal user owns the item and its
    revision, all are kept in the ``enkanal.import`` log entry.
``notice`` (type ``notice``)
    ``{"kind": "meeting" | "adjusted_minutes" | "delegated_decision" | "other",
    "issuing_body": "…", "posting_date": "YYYY-MM-DD", "removal_date": "YYYY-MM-DD",
    "meeting_date": ISO, "meeting_location": "…", "adjustment_date": "YYYY-MM-DD",
    "minutes_location": "…"}``. ``issuing_body`` defaults to the owner unit's name,
    ``posting_date`` to the local date of ``dates.published``; ``removal_date`` is
    *required*. The dates are kept as the source has them (an archived notice keeps
    its real dates).
``press`` (type ``press_release``)
    ``{"kind": "press_release" | "press_invitation", "event_start": ISO,
    "event_end": ISO, "location": "…"}``.
``bulletin`` (type ``staff_bulletin``; an extension of version 1)
    ``{"target_units": ["unit name", …]}``.
``file`` (types ``document`` and ``image``) *required*
    ``{"url": "…" | "path": "…" | "data_base64": "…", "filename": "…",
    "content_type": "…", "size": int}``. ``path`` is relative to the JSONL file.
``alt`` (images)
    Alternative text; else the title or description, with a report line.
``description``, ``internal``, ``public`` (documents and images; extensions of version 1)
    ``internal: true`` keeps a document off every public surface; ``public: true``
    lets anyone download it without an item linking to it (as on the old site, where
    its address worked for everyone). Old addresses of documents and images lead to
    their addresses on the CMS, which the by-path lookup answers for readers who may
    have the file.
``old_urls``
    Old paths or URLs that become redirects to the item. A ``redirect`` record has
    ``old_urls`` and ``target_uid`` (Plone folders and collections), or ``target_url``,
    an http or https address (Plone links; an extension of version 1): on another site
    it is where the redirect leads; on the old site itself (the host of the records'
    ``source.url``) it leads to the item imported from that address.
``parent_path``
    Informational only.
"""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from cms.core.addresses import web_address

SCHEMA_VERSION = "enkanal.import/1"

#: Record types that become pages, and their model names in ``cms.pages``.
PAGE_TYPES = {
    "news": "NewsPage",
    "notice": "NoticePage",
    "press_release": "PressReleasePage",
    "staff_bulletin": "StaffBulletinPage",
}
MEDIA_TYPES = ("document", "image")
RECORD_TYPES = (*PAGE_TYPES, *MEDIA_TYPES, "redirect")
STATES = ("published", "draft")
PRESS_KINDS = {
    "press_release": "release",
    "press_invitation": "invitation",
    "release": "release",
    "invitation": "invitation",
}
NOTICE_KINDS = ("meeting", "adjusted_minutes", "delegated_decision", "other")

#: Every key a record may have; others are reported as ignored.
KNOWN_KEYS = frozenset(
    {
        "schema",
        "type",
        "source",
        "locale",
        "translation_key",
        "title",
        "summary",
        "body_html",
        "slug",
        "audiences",
        "topics",
        "owner_unit",
        "state",
        "dates",
        "creators",
        "notice",
        "press",
        "bulletin",
        "file",
        "alt",
        "description",
        "internal",
        "public",
        "old_urls",
        "target_url",
        "target_uid",
        "parent_path",
    }
)
_DATE_KEYS = ("created", "modified", "published", "expires")
_NOTICE_DATE_KEYS = ("posting_date", "removal_date", "adjustment_date")


def parse_when(value) -> datetime.datetime | None:
    """An ISO 8601 date-time (or a bare date, at local midnight), or None when empty.

    Raises ``ValueError`` for a value that is neither.
    """
    from django.utils import timezone

    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = datetime.datetime.combine(day, datetime.time.min)
    if timezone.is_naive(moment):
        # A source time without offset is the municipality's local time, whatever
        # time zone the caller has activated.
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def parse_day(value) -> datetime.date | None:
    """An ISO 8601 date (a date-time gives its local date), or None when empty."""

    if value in (None, ""):
        return None
    if isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return day
    return local_date(parse_when(value))


def local_date(moment: datetime.datetime) -> datetime.date:
    """The calendar date of ``moment`` in the site's time zone (``TIME_ZONE``).

    Not the active time zone: a notice posted at 00:30 in Stockholm is posted that
    day, whichever zone the process or request that runs the import has activated.
    """
    from django.utils import timezone

    return timezone.localdate(moment, timezone.get_default_timezone())


def _check_when(errors, label, value, parser=parse_when):
    try:
        parser(value)
    except (ValueError, TypeError):
        errors.append(
            _("%(field)s is not a valid date: %(value)r")
            % {
                "field": label,
                "value": value,
            }
        )


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def validate_record(record: dict) -> list[str]:
    """The problems that make ``record`` impossible to import (empty: valid).

    Only the shape is checked here; what depends on the site (units, locales, models'
    own validation) is checked by the engine and reported the same way.
    """
    if not isinstance(record, dict):
        return [_("The record is not a JSON object.")]
    errors: list[str] = []
    schema = record.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        errors.append(
            _("Unknown schema version %(schema)r (expected %(expected)s).")
            % {
                "schema": schema,
                "expected": SCHEMA_VERSION,
            }
        )
    kind = record.get("type")
    if kind not in RECORD_TYPES:
        errors.append(
            _("Unknown or missing type %(type)r (valid: %(types)s).")
            % {
                "type": kind,
                "types": ", ".join(RECORD_TYPES),
            }
        )
    source = record.get("source")
    if (
        not isinstance(source, dict)
        or not isinstance(source.get("uid"), str)
        or not (source.get("uid") or "").strip()
    ):
        errors.append(_("source.uid is missing."))
    elif not all(isinstance(source.get(k, ""), str) for k in ("system", "url", "path")):
        errors.append(_("source.system, source.url and source.path must be text."))
    for key in ("locale", "translation_key", "title", "summary", "body_html", "slug", "alt"):
        if key in record and record[key] is not None and not isinstance(record[key], str):
            errors.append(_("%(field)s must be text.") % {"field": key})
    for key in ("audiences", "topics", "creators", "old_urls"):
        if key in record and record[key] is not None and not _strings(record[key]):
            errors.append(_("%(field)s must be a list of text.") % {"field": key})
    if "owner_unit" in record and not isinstance(record["owner_unit"], str | None):
        errors.append(_("owner_unit must be text."))
    if record.get("state", "published") not in STATES:
        errors.append(_("state must be published or draft."))
    dates = record.get("dates") or {}
    if not isinstance(dates, dict):
        errors.append(_("dates must be an object."))
        dates = {}
    for key in _DATE_KEYS:
        if key in dates:
            _check_when(errors, f"dates.{key}", dates[key])
    if kind in PAGE_TYPES and not (record.get("title") or "").strip():
        errors.append(_("title is missing."))
    if kind == "notice":
        errors.extend(_validate_notice(record.get("notice")))
    if kind == "press_release":
        errors.extend(_validate_press(record.get("press") or {}))
    if kind in MEDIA_TYPES:
        errors.extend(_validate_file(record.get("file")))
    if kind == "redirect":
        if not record.get("old_urls"):
            errors.append(_("A redirect needs old_urls."))
        target_uid, target_url = record.get("target_uid"), record.get("target_url")
        if target_url is not None:
            if web_address(target_url) is None:
                errors.append(_("target_url must be an http or https address."))
        elif not isinstance(target_uid, str) or not target_uid.strip():
            errors.append(_("A redirect needs target_uid or target_url."))
    return errors


def _validate_notice(notice) -> list[str]:
    if not isinstance(notice, dict):
        return [_("A notice needs notice with at least removal_date.")]
    errors: list[str] = []
    if notice.get("kind", "other") not in NOTICE_KINDS:
        errors.append(
            _("notice.kind %(kind)r is unknown (valid: %(kinds)s).")
            % {
                "kind": notice.get("kind"),
                "kinds": ", ".join(NOTICE_KINDS),
            }
        )
    if not notice.get("removal_date"):
        errors.append(_("notice.removal_date is missing."))
    for key in _NOTICE_DATE_KEYS:
        if key in notice:
            _check_when(errors, f"notice.{key}", notice[key], parse_day)
    if "meeting_date" in notice:
        _check_when(errors, "notice.meeting_date", notice["meeting_date"])
    return errors


def _validate_press(press) -> list[str]:
    if not isinstance(press, dict):
        return [_("press must be an object.")]
    errors: list[str] = []
    if press.get("kind", "press_release") not in PRESS_KINDS:
        errors.append(_("press.kind must be press_release or press_invitation."))
    for key in ("event_start", "event_end"):
        if key in press:
            _check_when(errors, f"press.{key}", press[key])
    return errors


def _validate_file(file) -> list[str]:
    if not isinstance(file, dict) or not any(file.get(k) for k in ("url", "path", "data_base64")):
        return [_("file needs url, path or data_base64.")]
    return []


def ignored_keys(record: dict) -> list[str]:
    """Top-level keys of ``record`` that version 1 does not know (ignored, reported)."""
    return sorted(set(record) - KNOWN_KEYS)
