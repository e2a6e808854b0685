"""Which items each print channel may carry: always asked of the one audience filter.

An INblick edition goes to every member of staff (one PDF, one e-mail for all), so it
carries only what ``for_all_staff`` shows everyone: no bulletin targeted at some units,
nothing under a group's view restriction. The local-press page is a resident channel:
only items public by its print deadline, and never a staff-only one (``public``
excludes them by construction).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from cms.pages.models import ArticlePage, NewsPage, NoticeKind, NoticePage, StaffBulletinPage


def edition_candidates(at: datetime.datetime | None = None, language: str | None = None):
    """Bulletins and news an INblick edition in ``language`` may carry at ``at``.

    Default: now, in the default language (an edition is written in one language).
    """
    language = language or settings.LANGUAGE_CODE
    return (
        ArticlePage.objects.for_all_staff(at)
        .type(StaffBulletinPage, NewsPage)
        .filter(locale__language_code=language)
    )


def press_candidates(deadline: datetime.datetime, language: str | None = None):
    """Items the local-press page may carry: released externally by its print deadline."""
    return ArticlePage.objects.public(at=deadline).filter(
        locale__language_code=language or settings.LANGUAGE_CODE
    )


def printable_at(deadline: datetime.datetime) -> datetime.datetime:
    """The moment a press page's contents are judged at: the deadline, or now if earlier.

    Chosen items are public by the deadline; a PDF made before it holds only those that
    are public already, so nothing reaches paper before its external release.
    """
    return min(deadline, timezone.now())


def meeting_notices(deadline: datetime.datetime, publication_date: datetime.date):
    """Notices of council meetings (kungörelser) current when the paper comes out.

    Public by the print deadline (``at`` as for the chosen items), the meeting not held
    before the publication day, and still on the board that day; by meeting time.
    """
    day_start = timezone.make_aware(datetime.datetime.combine(publication_date, datetime.time()))
    return (
        NoticePage.objects.public(at=printable_at(deadline))
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(notice_kind=NoticeKind.MEETING, meeting_date__gte=day_start)
        .filter(earliest_removal_date__gte=publication_date)
        .order_by("meeting_date", "pk")
    )
