"""Review dates: which published content is overdue or soon due, per unit.

The dashboard panel and the weekly reminder read the same queries, so an editor sees
on the dashboard exactly what the e-mail told them.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.core import roles

# The weekly reminders' log (``ReviewReminder``) stays a model of the dialogue app, so
# its table and migrations stay where they are; the who-sees-all roles are shared.
from cms.dialogue.models import ALL_CASES_ROLES, user_has_role

from .notifications import send_review_reminder

logger = logging.getLogger(__name__)


def review_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """Today and the last day that counts as soon due."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=settings.ENKANAL_REVIEW_SOON_DAYS)


def pages_due(today: datetime.date | None = None, units=None):
    """Published articles whose review date is passed or within the soon-due window."""
    from cms.pages.models import ArticlePage

    _today, soon_until = review_window(today)
    pages = ArticlePage.objects.live().filter(review_date__lte=soon_until)
    if units is not None:
        pages = pages.filter(owner_unit__in=units)
    return pages.select_related("owner_unit").order_by("review_date", "title")


def due_by_unit(today: datetime.date | None = None, units=None) -> dict:
    """``{unit: {"overdue": [pages], "soon": [pages]}}``, units in name order."""
    today, _soon_until = review_window(today)
    grouped = defaultdict(lambda: {"overdue": [], "soon": []})
    for page in pages_due(today, units):
        grouped[page.owner_unit]["overdue" if page.review_date < today else "soon"].append(page)
    return dict(sorted(grouped.items(), key=lambda item: item[0].name))


def units_for_user(user):
    """Units whose review dates ``user`` follows: all for communicators, else their own."""
    from cms.snippets.models import Unit

    if user_has_role(user, ALL_CASES_ROLES):
        return Unit.objects.all()
    return Unit.objects.filter(Q(managers=user) | Q(members=user)).distinct()


def reminder_recipients(unit):
    """The unit's managers and its members with the editor role (active, with e-mail)."""
    users = set(unit.managers.filter(is_active=True))
    users |= set(unit.members.filter(is_active=True, groups__name=roles.EDITOR))
    return sorted((u for u in users if u.email), key=lambda u: u.email)


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week."""
    return day - datetime.timedelta(days=day.weekday())


def send_review_reminders(today: datetime.date | None = None, *, force: bool = False) -> int:
    """E-mail every unit with due content its list, once a week; returns e-mails sent.

    A unit already reminded this week is skipped unless ``force``, so a rerun of the
    weekly job (or a retried task) does not send the same reminder twice.
    """
    from cms.dialogue.models import ReviewReminder

    today, _soon_until = review_window(today)
    week = week_of(today)
    sent = 0
    for unit, due in due_by_unit(today).items():
        if not force and ReviewReminder.objects.filter(unit=unit, week=week).exists():
            continue
        recipients = reminder_recipients(unit)
        if not recipients:
            logger.warning("No recipients for review reminders of unit %s", unit.pk)
            continue
        # The reminder is queued and recorded together: never twice, never lost.
        with transaction.atomic():
            sent += send_review_reminder(unit, recipients, due["overdue"], due["soon"])
            ReviewReminder.objects.update_or_create(
                unit=unit,
                week=week,
                defaults={
                    "sent_at": timezone.now(),
                    "overdue_count": len(due["overdue"]),
                    "soon_count": len(due["soon"]),
                },
            )
    return sent
