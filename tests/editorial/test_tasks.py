"""The periodic review reminders: each unit with due content once a week."""

import datetime

import pytest
import time_machine
from django.core import mail

from cms.core import periodic
from cms.editorial.tasks import review_housekeeping

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 3, 2, 7, tzinfo=datetime.UTC)


def test_reminds_once_a_week(due_pages, committed):
    with time_machine.travel(MONDAY, tick=False), committed():
        assert review_housekeeping.call() == {"review_reminders": 2}
    assert len(mail.outbox) == 2
    # An hour later: the units were reminded this week.
    with time_machine.travel(MONDAY + datetime.timedelta(hours=1), tick=False), committed():
        assert review_housekeeping.call() == {"review_reminders": 0}
    assert len(mail.outbox) == 2
    # The next week they are reminded again.
    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False), committed():
        assert review_housekeeping.call()["review_reminders"] == 2


def test_runs_in_the_worker_at_its_own_interval(settings):
    settings.ENKANAL_REVIEW_REMINDER_INTERVAL = 1800
    assert periodic.interval_of(review_housekeeping) == 1800
