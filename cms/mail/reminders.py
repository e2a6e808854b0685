"""Must-read reminders: one e-mail, once, to staff who have not confirmed a bulletin.

A bulletin marked *Läs och bekräfta* gets a reminder dispatch in the outbox when its
``reminder_days`` have passed since its internal release. There is one such dispatch
per bulletin (the outbox's unique item × channel × release) and one delivery per
address in it, so nobody is reminded twice about the same bulletin, however often the
sweep runs; whoever confirmed before the dispatch starts is left out.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Channel, Dispatch, ReleaseKind


def due_bulletins(now: datetime.datetime):
    """Live must-read bulletins whose reminder is due at ``now`` and not yet planned."""
    from cms.pages.models import StaffBulletinPage

    planned = Dispatch.objects.filter(
        channel=Channel.STAFF, release_kind=ReleaseKind.REMINDER
    ).values("page_id")
    # Released to staff and not expired: the one filter's staff part (cms.pages.querysets).
    candidates = (
        StaffBulletinPage.objects.released_to_staff(now)
        .filter(must_read=True, reminder_days__isnull=False)
        .exclude(pk__in=planned)
        .select_related("locale")
    )
    # The wait is a few days at most per bulletin: compared here rather than in SQL,
    # where date arithmetic differs between SQLite and PostgreSQL.
    return [
        page
        for page in candidates
        if page.internal_release_at + datetime.timedelta(days=page.reminder_days) <= now
    ]


def plan_must_read_reminders(now: datetime.datetime | None = None) -> int:
    """Create the reminder dispatches that are due; how many were created."""
    from cms.mail.dispatching import is_dispatched

    now = now or timezone.now()
    created = 0
    for page in due_bulletins(now):
        if not is_dispatched(page):
            continue
        _dispatch, was_created = Dispatch.objects.get_or_create(
            page_id=page.pk,
            channel=Channel.STAFF,
            release_kind=ReleaseKind.REMINDER,
            defaults={"title": (_("Reminder: %(title)s") % {"title": page.title})[:255]},
        )
        created += int(was_created)
    return created
