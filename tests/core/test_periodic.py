"""Periodic work: tasks that queue their own next run, started by enkanal_scheduler."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.core import periodic
from cms.dialogue.tasks import dialogue_housekeeping
from cms.workflows.scheduling import scheduler_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def db_task_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queued(task_obj):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_obj.module_path)


@pytest.mark.usefixtures("db_task_backend")
class TestWithTheDatabaseQueue:
    def test_queued_once(self):
        assert periodic.ensure_queued(dialogue_housekeeping, delay=60) is True
        assert periodic.ensure_queued(dialogue_housekeeping, delay=60) is False
        [run] = _queued(dialogue_housekeeping)
        assert run.run_after > timezone.now() + datetime.timedelta(seconds=50)

    def test_a_run_queued_for_later_is_not_due_now(self):
        later = timezone.now() + datetime.timedelta(hours=1)
        dialogue_housekeeping.using(run_after=later).enqueue()
        assert periodic.is_queued(dialogue_housekeeping)
        assert not periodic.is_queued(dialogue_housekeeping, by=timezone.now())
        assert periodic.is_queued(dialogue_housekeeping, by=later)
        dialogue_housekeeping.enqueue()  # without a time: due at once
        assert periodic.queued(dialogue_housekeeping, by=timezone.now()) == 1
        assert periodic.queued(dialogue_housekeeping) == 2

    def test_requeue_uses_the_registered_interval(self, settings):
        settings.ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL = 1800
        assert periodic.interval_of(dialogue_housekeeping) == 1800
        periodic.requeue(dialogue_housekeeping)
        [run] = _queued(dialogue_housekeeping)
        expected = timezone.now() + datetime.timedelta(seconds=1800)
        assert abs((run.run_after - expected).total_seconds()) < 60

    def test_enkanal_scheduler_starts_every_periodic_task(self, capsys):
        call_command("enkanal_scheduler")
        assert _queued(scheduler_sweep).count() == 1
        assert _queued(dialogue_housekeeping).count() == 1
        assert dialogue_housekeeping.module_path in capsys.readouterr().out
        call_command("enkanal_scheduler")  # again: nothing more is queued
        assert _queued(dialogue_housekeeping).count() == 1


def test_immediate_backend_queues_nothing():
    # The tests' immediate backend would run a self-queueing task in an endless loop.
    assert periodic.can_defer() is False
    assert periodic.ensure_queued(dialogue_housekeeping) is False
    assert periodic.start_all() == []
