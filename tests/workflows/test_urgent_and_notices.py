"""Urgent publish with a reason, and the notice board's removal rules."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.pages.models import NoticePage
from cms.workflows.models import NoticeRemoval, UrgentPublication
from cms.workflows.notices import NoticeProtected, remove_notice_early
from cms.workflows.scheduling import run_due
from cms.workflows.urgent import complete_follow_up, publish_urgently

from .helpers import act, draft, reload, submit

pytestmark = pytest.mark.django_db


class TestUrgentPublish:
    def test_needs_a_reason(self, org):
        page = draft(org)
        with pytest.raises(PermissionDenied):
            publish_urgently(page, org["communicator"], "  ")
        assert not reload(page).live

    def test_only_communicators(self, org):
        page = draft(org)
        for role in ("editor", "unit_manager", "director", "administrator"):
            with pytest.raises(PermissionDenied):
                publish_urgently(page, org[role], "Brand i skolan")
        assert not reload(page).live

    def test_publishes_logs_and_asks_for_follow_up(self, org, django_capture_on_commit_callbacks):
        page = draft(org)
        submit(page, org["editor"])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            record = publish_urgently(page, org["communicator"], "Brand i skolan", skip_lead=True)
        page = reload(page)
        assert page.live
        assert page.external_release_at == page.internal_release_at
        assert page.current_workflow_state is None  # the remaining steps were skipped
        entry = PageLogEntry.objects.get(page=page, action="enkanal.urgent_publish")
        assert entry.data["reason"] == "Brand i skolan"
        assert entry.user == org["communicator"]
        assert [m.to for m in mail.outbox] == [[org["unit_manager"].email]]
        assert UrgentPublication.objects.filter(followed_up_at__isnull=True).count() == 1
        with pytest.raises(PermissionDenied):
            complete_follow_up(record, org["other_manager"])
        complete_follow_up(record, org["unit_manager"], "Ok i efterhand")
        assert not UrgentPublication.objects.filter(followed_up_at__isnull=True).exists()

    def test_keeps_the_lead_by_default(self, org):
        publish_urgently(draft(org), org["communicator"], "Viktigt")
        record = UrgentPublication.objects.get()
        page = reload(record.page)
        assert page.external_release_at - page.internal_release_at == datetime.timedelta(minutes=60)


def live_notice(org, removal_in_days=30):
    notice = draft(org, kind="notice", audiences=())
    notice.earliest_removal_date = timezone.localdate() + datetime.timedelta(days=removal_in_days)
    notice.save_revision(user=org["editor"])
    submit(notice, org["editor"])
    act(notice, org["unit_manager"])
    notice = act(notice, org["communicator"])
    assert notice.live and notice.posting_date is not None
    return notice


class TestNoticeBoard:
    def test_cannot_be_unpublished_early(self, org):
        notice = live_notice(org)
        with pytest.raises(NoticeProtected):
            notice.unpublish(user=org["communicator"])
        assert reload(notice).live

    def test_cannot_be_deleted_early(self, org):
        notice = live_notice(org)
        with pytest.raises(NoticeProtected), transaction.atomic():
            notice.delete()
        assert NoticePage.objects.filter(pk=notice.pk).exists()

    def test_an_administrator_may_with_a_logged_reason(self, org):
        notice = live_notice(org)
        with pytest.raises(PermissionDenied):
            remove_notice_early(notice, org["communicator"], "Fel", NoticeRemoval.UNPUBLISH)
        with pytest.raises(PermissionDenied):
            remove_notice_early(notice, org["administrator"], "", NoticeRemoval.UNPUBLISH)
        remove_notice_early(notice, org["administrator"], "Fel organ", NoticeRemoval.UNPUBLISH)
        assert not reload(notice).live
        entry = PageLogEntry.objects.get(page=notice, action="enkanal.notice_removed")
        assert entry.data["reason"] == "Fel organ"
        assert entry.user == org["administrator"]

    def test_the_admin_unpublish_button_explains(self, org, client):
        notice = live_notice(org)
        client.force_login(org["communicator"])
        response = client.post(f"/admin/pages/{notice.pk}/unpublish/", follow=True)
        assert reload(notice).live
        assert any("tidigast" in str(m) for m in response.context["messages"])

    def test_moves_to_the_archive_after_its_removal_date(self, org):
        import time_machine

        notice = live_notice(org, removal_in_days=1)
        removal = notice.earliest_removal_date
        midnight = timezone.make_aware(
            datetime.datetime.combine(removal + datetime.timedelta(days=1), datetime.time.min)
        )
        with time_machine.travel(midnight - datetime.timedelta(minutes=1), tick=False):
            assert run_due()["archived"] == 0
        with time_machine.travel(midnight + datetime.timedelta(seconds=30), tick=False):
            assert run_due()["archived"] == 1
            assert run_due()["archived"] == 0
            assert not reload(notice).is_current
        assert PageLogEntry.objects.filter(page=notice, action="enkanal.notice_archived").exists()


class TestBulkNoticeRemoval:
    def test_bulk_unpublish_leaves_a_protected_notice_up(self, org, client):
        from django.urls import reverse

        notice = live_notice(org)
        client.force_login(org["administrator"])
        url = (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
            + f"?id={notice.pk}"
        )
        response = client.post(url, {"include_descendants": ""}, follow=True)
        assert response.status_code == 200
        assert reload(notice).live
        assert any("Anslag får inte" in str(m) for m in response.context["messages"])
