"""Dialogue e-mails are queued with what they tell and retried until the provider takes them."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cms.dialogue import notifications, tasks
from cms.dialogue.factories import FeedbackFactory
from cms.dialogue.tasks import deliver_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_task_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=deliver_email.module_path).order_by("enqueued_at")


@pytest.mark.usefixtures("db_task_backend")
class TestQueued:
    def test_answer_and_its_email_are_recorded_together(self, people):
        case = FeedbackFactory(unit=people["school"])
        case.answer_case("Tack, vi åtgärdar det.", people["school_editor"])
        [queued] = _queued()
        assert mail.outbox == []  # nothing is sent in the request
        message, *rest = queued.args_kwargs["args"]
        assert rest == []
        assert message["to"] == [case.email]
        assert "Tack, vi åtgärdar det." in message["text"]
        assert deliver_email.call(message) is True
        [sent] = mail.outbox
        assert sent.to == [case.email]
        assert sent.extra_headers["Message-ID"] == message["message_id"]

    def test_a_rolled_back_answer_queues_nothing(self, people):
        case = FeedbackFactory(unit=people["school"])
        with pytest.raises(RuntimeError), transaction.atomic():
            case.answer_case("Tack", people["school_editor"])
            raise RuntimeError("the request failed after the answer")
        assert not _queued().exists()

    def test_a_provider_failure_is_tried_again_with_the_same_message(self, people, monkeypatch):
        case = FeedbackFactory(unit=people["school"])
        case.answer_case("Tack", people["school_editor"])
        [first] = _queued()
        message = first.args_kwargs["args"][0]

        def down(_message):
            raise smtplib.SMTPServerDisconnected("provider down")

        monkeypatch.setattr(notifications, "deliver", down)
        assert deliver_email.call(message) is False
        retry = _queued().exclude(pk=first.pk).get()
        assert retry.args_kwargs["args"] == [message, 2]
        assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)
        # The last attempt gives up loudly (the worker marks the task failed).
        with pytest.raises(smtplib.SMTPServerDisconnected):
            deliver_email.call(message, tasks.MAX_DELIVERY_ATTEMPTS)
        monkeypatch.undo()
        assert deliver_email.call(*retry.args_kwargs["args"]) is True
        assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [message["message_id"]]
