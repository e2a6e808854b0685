"""Personal data in feedback: removed after the retention period, and on request."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cms.dialogue.factories import FeedbackFactory
from cms.dialogue.models import Feedback

pytestmark = pytest.mark.django_db


class TestRetention:
    @override_settings(ENKANAL_FEEDBACK_RETENTION_DAYS=730)
    def test_purge_erases_only_old_cases(self):
        now = timezone.now()
        old = FeedbackFactory(created_at=now - datetime.timedelta(days=731))
        recent = FeedbackFactory(created_at=now - datetime.timedelta(days=729))
        call_command("purge_feedback")
        old.refresh_from_db()
        recent.refresh_from_db()
        assert old.is_erased and (old.message, old.name, old.email) == ("", "", "")
        # Figures survive the erasure.
        assert old.unit_id is not None and old.category
        assert not recent.is_erased and recent.message

    def test_case_becomes_due_as_time_passes(self):
        case = FeedbackFactory()
        with time_machine.travel(timezone.now() + datetime.timedelta(days=729), tick=False):
            assert not Feedback.objects.due_for_erasure().exists()
        with time_machine.travel(timezone.now() + datetime.timedelta(days=731), tick=False):
            assert list(Feedback.objects.due_for_erasure()) == [case]
            call_command("purge_feedback")
        case.refresh_from_db()
        assert case.is_erased

    def test_dry_run_changes_nothing(self):
        case = FeedbackFactory(created_at=timezone.now() - datetime.timedelta(days=800))
        call_command("purge_feedback", "--dry-run")
        case.refresh_from_db()
        assert not case.is_erased

    def test_erase_on_request_by_address(self):
        mine = FeedbackFactory(email="Eva@Example.org")
        other = FeedbackFactory(email="other@example.org")
        call_command("purge_feedback", "--email", "eva@example.org")
        mine.refresh_from_db()
        other.refresh_from_db()
        assert mine.is_erased and not other.is_erased
