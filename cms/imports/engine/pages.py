"""Records → article pages: fields, historical dates, publication without side effects."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from cms.pages import models as page_models
from cms.snippets.models.audiences import AudienceCode
from cms.workflows.models import ReleaseEvent, ReleaseEventKind
from cms.workflows.scheduling import notice_archive_time

from ..schema import PAGE_TYPES, PRESS_KINDS, local_date, parse_day, parse_when
from .richtext import plain_text

#: Index page model of each page model.
INDEX_MODELS = {
    page_models.NewsPage: page_models.NewsIndexPage,
    page_models.NoticePage: page_models.NoticeBoardPage,
    page_models.PressReleasePage: page_models.PressRoomPage,
    page_models.StaffBulletinPage: page_models.StaffBulletinIndexPage,
}
#: Audiences of a news item that names none.
DEFAULT_NEWS_AUDIENCES = (AudienceCode.RESIDENTS,)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")
_TRANSLATION_NAMESPACE = uuid.UUID("5b0f8c1e-4f7e-4d55-9a51-6b1b0c2e7a10")


def page_model(record_type: str) -> type[page_models.ArticlePage]:
    """The page model of a record type."""
    return getattr(page_models, PAGE_TYPES[record_type])


def translation_key_for(system: str, key: str) -> uuid.UUID:
    """The Wagtail translation key of a source translation group (stable across runs)."""
    return uuid.uuid5(_TRANSLATION_NAMESPACE, f"{system}:{key}")


def trim_summary(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` at the last sentence end (else a word, with an ellipsis)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= limit // 3:
        return head[: ends[-1]].strip()
    cut = head[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"


def summary_limit(model) -> int:
    """The model's summary length limit."""
    return model._meta.get_field("summary").max_length


def children_of(parent: Page):
    """The children of ``parent``, by a range of tree paths that an index can serve.

    ``path__startswith`` would be a ``LIKE``, which neither SQLite nor PostgreSQL (in
    most collations) answer from an index: every item of a large import would read
    every page of the site. Two comparisons rather than a ``BETWEEN``, so SQLite may
    still choose a more selective index (the slug's) where a query has one.
    """
    first, last = Page._get_children_path_interval(parent.path)
    return Page.objects.filter(path__gte=first, path__lte=last, depth=parent.depth + 1)


def unique_slug(parent: Page, slug: str) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when a sibling under ``parent`` has it."""
    # ``slug`` itself and every ``slug-…``: in slugs only "-" sorts before ".".
    taken = set(
        children_of(parent)
        .filter(slug__gte=slug, slug__lt=f"{slug}.")
        .values_list("slug", flat=True)
    )
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


class Dates:
    """The record's dates, parsed; the published time defaults to created, then now."""

    def __init__(self, record: dict):
        dates = record.get("dates") or {}
        self.created = parse_when(dates.get("created"))
        self.modified = parse_when(dates.get("modified"))
        self.published = parse_when(dates.get("published"))
        self.expires = parse_when(dates.get("expires"))
        now = timezone.now()
        self.release = self.published or self.created or self.modified or now
        self.revision_at = self.modified or self.published or self.created or now

    def to_log(self) -> dict:
        """The source dates as ISO strings (for the log entry)."""
        return {
            name: value.isoformat() if value else None
            for name, value in (
                ("created", self.created),
                ("modified", self.modified),
                ("published", self.published),
                ("expires", self.expires),
            )
        }


def type_fields(model, record: dict, dates: Dates, unit_name: str) -> dict:
    """The model-specific field values of ``record``."""
    if model is page_models.NoticePage:
        notice = record.get("notice") or {}
        posting = parse_day(notice.get("posting_date")) or local_date(dates.release)
        return {
            "notice_kind": notice.get("kind") or page_models.NoticeKind.OTHER,
            "issuing_body": (notice.get("issuing_body") or unit_name)[:150],
            "meeting_date": parse_when(notice.get("meeting_date")),
            "meeting_location": (notice.get("meeting_location") or "")[:200],
            "adjustment_date": parse_day(notice.get("adjustment_date")),
            "minutes_location": (notice.get("minutes_location") or "")[:200],
            "posting_date": posting,
            "earliest_removal_date": parse_day(notice.get("removal_date")),
        }
    if model is page_models.PressReleasePage:
        press = record.get("press") or {}
        return {
            "kind": PRESS_KINDS[press.get("kind") or "press_release"],
            "event_start": parse_when(press.get("event_start")),
            "event_end": parse_when(press.get("event_end")),
            "event_location": (press.get("location") or "")[:200],
        }
    return {}


def audience_codes(model, record: dict) -> tuple[list[str], str]:
    """The audience codes for ``record`` and a warning when the type overrode them."""
    given = [code for code in (record.get("audiences") or []) if code]
    fixed = set(model.fixed_audience_codes)
    if fixed:
        if given and set(given) != fixed:
            return sorted(fixed), _(
                "The audiences %(given)s were replaced by the type's fixed audiences %(fixed)s."
            ) % {"given": ", ".join(given), "fixed": ", ".join(sorted(fixed))}
        return sorted(fixed), ""
    mandatory = set(model.mandatory_audience_codes)
    if not given:
        codes = mandatory or set(DEFAULT_NEWS_AUDIENCES)
        return sorted(codes), _("No audiences were given; %(codes)s are used.") % {
            "codes": ", ".join(sorted(codes))
        }
    return sorted(set(given) | mandatory), ""


def set_history(page, dates: Dates, revision: Revision | None, live: bool):
    """Put the source's dates on the page and its revision (queryset updates, no signals)."""
    values = {"latest_revision_created_at": dates.revision_at}
    if live:
        values.update(first_published_at=dates.release, last_published_at=dates.revision_at)
        values["last_published_at"] = max(dates.release, dates.revision_at)
    Page.objects.filter(pk=page.pk).update(**values)
    for name, value in values.items():
        setattr(page, name, value)
    if revision is not None:
        Revision.objects.filter(pk=revision.pk).update(created_at=dates.revision_at)
        revision.created_at = dates.revision_at


def set_release(page, dates: Dates, external: bool, new: bool = False):
    """The historical release plan, with its timed events marked as done already.

    The item was released on the old site at its published time: internally and (for
    external audiences) externally at once, with no lead. Marking the events done is
    what keeps the scheduler from announcing the release (e-mail, webhooks, CDN) later.
    """
    released = dates.release
    if not new:
        page_models.ArticlePage.objects.filter(pk=page.pk).update(
            internal_release_at=released, external_release_at=released if external else None
        )
        page.internal_release_at = released
        page.external_release_at = released if external else None
    now = timezone.now()
    events = []
    if external:
        events.append((ReleaseEventKind.EXTERNAL_RELEASE, released))
    if isinstance(page, page_models.NoticePage) and page.earliest_removal_date:
        archive_at = notice_archive_time(page)
        if archive_at <= now:
            # Archived on the old site already: the move to the archive is history too.
            events.append((ReleaseEventKind.NOTICE_ARCHIVED, archive_at))
    for kind, due_at in events:
        if new:
            ReleaseEvent.objects.create(page_id=page.pk, kind=kind, due_at=due_at, done_at=now)
        else:
            ReleaseEvent.objects.update_or_create(
                page_id=page.pk, kind=kind, due_at=due_at, defaults={"done_at": now}
            )


def mark_expired(page):
    """An item whose source expired: published once, not live now (no signals)."""
    Page.objects.filter(pk=page.pk).update(
        live=False, expired=True, live_revision=None, has_unpublished_changes=True
    )
    page.live = False
    page.expired = True


def summary_and_lead(model, record: dict) -> tuple[str, str, str]:
    """``(summary, lead text for the body, warning kind)`` of ``record``.

    A summary over the limit is trimmed at a sentence and kept whole at the start of
    the body; a missing one is taken from the body's text.
    """
    limit = summary_limit(model)
    summary = " ".join((record.get("summary") or "").split())
    if len(summary) > limit:
        return trim_summary(summary, limit), summary, "summary_trimmed"
    if not summary:
        text = plain_text(record.get("body_html") or "") or (record.get("title") or "")
        return trim_summary(text, limit), "", "summary_from_body"
    return summary, "", ""


def default_slug(record: dict) -> str:
    """The record's slug, else one from its title."""
    slug = slugify(record.get("slug") or "") or slugify(record.get("title") or "")
    return (slug or "sida")[:255]


def is_expired(dates: Dates) -> bool:
    """True when the source's expiry lies in the past."""
    return dates.expires is not None and dates.expires <= timezone.now()


def default_language() -> str:
    """The content language of records that name none."""
    return settings.LANGUAGE_CODE
