"""The weekly digest: one dispatch per week, to subscribers who chose "weekly"."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf
from .models import Channel, Dispatch, ReleaseKind


def digest_time(week_start: datetime.date) -> datetime.datetime:
    """When the digest of the week starting ``week_start`` goes out (the week after)."""
    day = week_start + datetime.timedelta(days=7 + conf.get("ENKANAL_MAIL_DIGEST_WEEKDAY") - 1)
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(conf.get("ENKANAL_MAIL_DIGEST_HOUR")))
    )


def previous_week_start(now: datetime.datetime) -> datetime.date:
    """Monday of the week before the one ``now`` is in (local time)."""
    today = timezone.localdate(now)
    return today - datetime.timedelta(days=today.weekday() + 7)


def plan_digest(now: datetime.datetime | None = None) -> int:
    """Create last week's digest dispatch once it is due and had items; 1 if created."""
    from .messages import digest_items

    now = now or timezone.now()
    week_start = previous_week_start(now)
    if now < digest_time(week_start):
        return 0
    if Dispatch.objects.filter(channel=Channel.DIGEST, digest_week=week_start).exists():
        return 0
    if not digest_items(week_start, frozenset(), now):
        return 0
    _dispatch, created = Dispatch.objects.get_or_create(
        channel=Channel.DIGEST,
        digest_week=week_start,
        defaults={
            "release_kind": ReleaseKind.WEEKLY,
            "title": _("Weekly digest, week %(week)s") % {"week": week_start.isocalendar()[1]},
        },
    )
    return int(created)
