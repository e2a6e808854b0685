"""An import is not a publication (DESIGN.md §6.9): nothing is sent, queued or purged."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cms.api.models import SubscriberKind, WebhookDelivery, WebhookSubscriber
from cms.core.factories import UserFactory
from cms.mail.factories import SubscriberFactory
from cms.mail.messages import digest_items
from cms.mail.models import Delivery, Dispatch
from cms.mail.tasks import run_outbox
from cms.workflows.guard import system_publish
from cms.workflows.scheduling import run_due
from tests.imports.conftest import record, run
from tests.imports.test_engine import page_for, site_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def listeners(org, settings, monkeypatch):
    """Everyone who would hear of a publication: a database task queue, webhook
    subscribers, e-mail subscribers, staff, and a CDN whose purges are recorded."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://cdn.invalid",
        }
    }
    purged = []
    monkeypatch.setattr(
        "wagtail.contrib.frontend_cache.utils.purge_urls_from_cache",
        lambda urls, *args, **kwargs: purged.append(list(urls)),
    )
    for kind in SubscriberKind.values:
        WebhookSubscriber.objects.create(name=kind, url="https://hooks.invalid/", kind=kind)
    SubscriberFactory(email="invanare@example.org", confirmed_at=timezone.now())
    org["communication"].members.add(UserFactory(username="medarbetare"))
    return {"purged": purged, **org}


def every_type_now_and_then():
    """Every record type, released in the past and right now."""
    now = timezone.now().isoformat()
    present = [
        record("news-now", path="/nyheter/nu", audiences=["residents", "staff", "media"]),
        record("press-now", "press_release", path="/press/nu"),
        record("bulletin-now", "staff_bulletin", path="/inblick/nu"),
        record(
            "notice-today",
            "notice",
            path="/anslag/idag",
            notice={
                "kind": "other",
                "removal_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            },
        ),
    ]
    for item in present:
        item["dates"] = {"published": now, "modified": now}
    return [*site_records(), *present]


def queued_tasks():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.values_list("task_path", flat=True))


def assert_nothing_went_out(listeners):
    assert Dispatch.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert WebhookDelivery.objects.count() == 0
    assert queued_tasks() == []
    assert listeners["purged"] == []
    assert mail.outbox == []


class TestNothingQueued:
    def test_import_queues_nothing(self, listeners):
        report = run(every_type_now_and_then())
        assert report.errors == []
        assert report.counts["imported"] == 16
        assert_nothing_went_out(listeners)

    def test_scheduler_and_mail_sweep_find_nothing_afterwards(self, listeners):
        run(every_type_now_and_then())
        later = timezone.now() + datetime.timedelta(minutes=5)
        assert run_due(later) == {"published": 0, "expired": 0, "released": 0, "archived": 0}
        run_outbox(later)
        assert_nothing_went_out(listeners)

    def test_a_correction_in_enkanal_is_not_news(self, listeners):
        run(every_type_now_and_then())
        page = page_for("news-now")
        page.title = "Rättad rubrik"
        with system_publish("test: en rättelse"):
            page.save_revision().publish()
        assert Dispatch.objects.count() == 0
        assert WebhookDelivery.objects.count() == 0

    def test_imported_items_are_in_no_weekly_digest(self, listeners):
        run(every_type_now_and_then())
        week_start = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
        assert digest_items(week_start, frozenset()) == []

    def test_a_draft_published_in_enkanal_is_news(self, listeners):
        run([record("draft-now", state="draft", path="/nyheter/utkast-nu")])
        page = page_for("draft-now")
        with system_publish("test: publicerad i Enkanal"):
            page.save_revision().publish()
        assert Dispatch.objects.filter(page_id=page.pk).exists()
