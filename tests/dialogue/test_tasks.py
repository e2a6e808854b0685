"""The dialogue app's periodic housekeeping: retention of feedback."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.dialogue.factories import FeedbackFactory
from cms.dialogue.tasks import dialogue_housekeeping

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2026, 3, 2, 7, tzinfo=datetime.UTC)


def test_erases_old_feedback_once(settings, committed):
    settings.ENKANAL_FEEDBACK_RETENTION_DAYS = 730
    with time_machine.travel(MONDAY, tick=False), committed():
        old = FeedbackFactory(created_at=timezone.now() - datetime.timedelta(days=731))
        recent = FeedbackFactory(created_at=timezone.now() - datetime.timedelta(days=10))
        first = dialogue_housekeeping.call()
    assert first == {"feedback_erased": 1}
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.is_erased and not recent.is_erased
    # An hour later: nothing left to erase.
    with time_machine.travel(MONDAY + datetime.timedelta(hours=1), tick=False), committed():
        assert dialogue_housekeeping.call() == {"feedback_erased": 0}
