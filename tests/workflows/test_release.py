"""Release plans and scheduling: internal first, external after the lead, within 60 s."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.workflows.guard import system_publish
from cms.workflows.models import ReleaseEvent, ReleaseEventKind
from cms.workflows.release import plan_release
from cms.workflows.scheduling import ensure_sweep, run_due, scheduler_sweep

from .helpers import act, draft, edit, reload, submit

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def publish_through_workflow(org, page):
    submit(page, org["editor"])
    page = act(page, org["unit_manager"])
    if page.current_workflow_task_state is not None:
        page = act(page, org["communicator"])
    return reload(page)


class TestReleasePlan:
    def test_external_item_is_released_internally_first(self, org):
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, audiences=("residents", "staff")))
        assert page.internal_release_at == T0
        assert page.external_release_at == T0 + datetime.timedelta(minutes=60)
        entry = PageLogEntry.objects.get(page=page, action="enkanal.release_planned")
        assert entry.data["lead_minutes"] == 60

    def test_staff_item_has_no_external_release(self, org):
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, audiences=("staff",)))
        assert page.internal_release_at == T0
        assert page.external_release_at is None

    def test_the_lead_comes_from_the_setting(self, org, settings):
        settings.ENKANAL_INTERNAL_LEAD = 15
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, kind="press", audiences=()))
        assert page.external_release_at == T0 + datetime.timedelta(minutes=15)

    def test_plan_release_can_be_called_directly(self, org):
        with time_machine.travel(T0, tick=False):
            page = draft(org, audiences=("residents",))
            with system_publish("test"):
                page.get_latest_revision().publish()
            plan = plan_release(reload(page), lead=datetime.timedelta(0), reason="Brådskande")
        assert plan.internal_release_at == T0
        assert plan.external_release_at == T0
        assert reload(page).external_release_at == T0

    def test_a_republish_keeps_the_plan(self, org):
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, audiences=("residents",)))
        later = T0 + datetime.timedelta(days=2)
        with time_machine.travel(later, tick=False):
            page, _revision = edit(page, org["editor"], title="Uppdaterad")
            page = publish_through_workflow(org, page)
        assert page.internal_release_at == T0
        assert page.external_release_at == T0 + datetime.timedelta(minutes=60)

    def test_widening_to_the_public_gets_a_fresh_lead(self, org):
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, audiences=("staff",)))
        later = T0 + datetime.timedelta(days=1)
        with time_machine.travel(later, tick=False):
            page, _revision = edit(page, org["editor"], audiences=("staff", "residents"))
            page = publish_through_workflow(org, page)
        assert page.internal_release_at == T0
        assert page.external_release_at == later + datetime.timedelta(minutes=60)


class TestExternalRelease:
    def test_fires_once_within_a_minute(self, org):
        with time_machine.travel(T0, tick=False):
            page = publish_through_workflow(org, draft(org, audiences=("residents",)))
        due = T0 + datetime.timedelta(minutes=60)
        event = ReleaseEvent.objects.get(page=page, kind=ReleaseEventKind.EXTERNAL_RELEASE)
        assert event.due_at == due
        with time_machine.travel(due - datetime.timedelta(seconds=1), tick=False):
            assert run_due()["released"] == 0
        with time_machine.travel(due + datetime.timedelta(seconds=30), tick=False):
            assert run_due()["released"] == 1
            assert run_due()["released"] == 0
        entries = PageLogEntry.objects.filter(page=page, action="enkanal.released_externally")
        assert entries.count() == 1


class TestExpiry:
    def test_an_item_expires_within_a_minute(self, org):
        expire = T0 + datetime.timedelta(days=1)
        with time_machine.travel(T0, tick=False):
            page, _revision = edit(
                draft(org, audiences=("residents",)), org["editor"], expire_at=expire
            )
            page = publish_through_workflow(org, page)
        assert page.live
        with time_machine.travel(expire + datetime.timedelta(seconds=20), tick=False):
            run_due()
        page = reload(page)
        assert not page.live
        assert page.expired


@pytest.fixture
def db_task_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.usefixtures("db_task_backend")
class TestWorkerQueue:
    def test_publishing_queues_the_external_release_at_its_time(
        self, org, django_capture_on_commit_callbacks
    ):
        from django_tasks_db.models import DBTaskResult

        with (
            time_machine.travel(T0, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            publish_through_workflow(org, draft(org, audiences=("residents",)))
        run_afters = set(DBTaskResult.objects.values_list("run_after", flat=True))
        assert T0 + datetime.timedelta(minutes=60) in run_afters

    def test_the_sweep_is_started_once(self, org):
        from django_tasks_db.models import DBTaskResult

        assert ensure_sweep() is True
        assert ensure_sweep() is False
        assert DBTaskResult.objects.filter(task_path=scheduler_sweep.module_path).count() == 1


def test_run_due_is_idempotent(org):
    assert run_due(timezone.now()) == {"published": 0, "expired": 0, "released": 0, "archived": 0}


STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def local(*args):
    """An aware datetime in the municipality's time zone."""
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


class TestNoticeRelease:
    """Kommunallagen 8 kap.: a notice is public to everyone at once, dated that day."""

    def test_a_notice_published_late_in_the_evening_is_public_at_once_and_dated_that_day(self, org):
        late = local(2026, 3, 2, 23, 30)
        with time_machine.travel(late, tick=False):
            notice = publish_through_workflow(org, draft(org, kind="notice", audiences=()))
            assert notice.live
            assert notice.internal_release_at == late
            assert notice.external_release_at == late
            assert notice.is_released_externally()
            assert type(notice).objects.public().filter(pk=notice.pk).exists()
        assert notice.posting_date == datetime.date(2026, 3, 2)
        assert notice.posting_date == timezone.localdate(notice.external_release_at)

    def test_a_notice_scheduled_after_midnight_is_dated_the_next_day(self, org):
        evening = local(2026, 3, 2, 23, 30)
        go_live = local(2026, 3, 3, 0, 10)
        with time_machine.travel(evening, tick=False):
            notice = draft(org, kind="notice", audiences=())
            notice, _revision = edit(
                notice,
                org["editor"],
                go_live_at=go_live,
                earliest_removal_date=datetime.date(2026, 3, 3),
            )
            notice = publish_through_workflow(org, notice)
            assert not notice.live
        with time_machine.travel(go_live + datetime.timedelta(seconds=20), tick=False):
            run_due()
        notice = reload(notice)
        assert notice.live
        assert notice.external_release_at == go_live
        assert notice.internal_release_at == go_live
        assert notice.posting_date == datetime.date(2026, 3, 3)

    def test_the_removal_date_is_counted_from_the_scheduled_posting_day(self, org, settings):
        from django.core.exceptions import ValidationError

        from cms.pages.models import NoticeKind

        settings.ENKANAL_MINUTES_MIN_POSTING_DAYS = 21
        with time_machine.travel(local(2026, 3, 2, 23, 30), tick=False):
            notice = draft(org, kind="notice", audiences=())
            notice.notice_kind = NoticeKind.ADJUSTED_MINUTES
            notice.adjustment_date = datetime.date(2026, 3, 2)
            notice.minutes_location = "Kommunkansliet"
            notice.go_live_at = local(2026, 3, 3, 0, 10)
            notice.earliest_removal_date = datetime.date(2026, 3, 23)
            with pytest.raises(ValidationError) as refused:
                notice.full_clean()
            assert "earliest_removal_date" in refused.value.message_dict
            notice.earliest_removal_date = datetime.date(2026, 3, 24)
            notice.full_clean()

    def test_trusted_code_keeps_an_explicit_posting_date(self, org):
        with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
            notice = draft(org, kind="notice", audiences=())
            notice.posting_date = datetime.date(2019, 5, 6)
            notice.first_published_at = local(2019, 5, 6, 8, 0)
            with system_publish("import"):
                notice.save_revision().publish()
        assert reload(notice).posting_date == datetime.date(2019, 5, 6)
