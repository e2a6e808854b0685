"""No article goes live without its approvals, by any path (DESIGN.md §6.3)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.models import PageLogEntry

from cms.workflows.guard import PublishRefused, find_approval, system_publish
from cms.workflows.models import UnitManagerApprovalTask
from cms.workflows.scheduling import run_due

from .helpers import act, draft, edit, reload, submit

pytestmark = pytest.mark.django_db


def approve_fully(org, page):
    """Submit as the editor; manager approves; the communicator reviews (external)."""
    submit(page, org["editor"])
    page = act(page, org["unit_manager"])
    if page.current_workflow_task_state is not None:
        page = act(page, org["communicator"])
    return reload(page)


class TestCodePaths:
    def test_revision_publish_is_refused_for_an_external_item(self, org):
        page = draft(org, audiences=("residents",))
        with pytest.raises(PublishRefused):
            page.get_latest_revision().publish()
        page = reload(page)
        assert not page.live
        assert page.live_revision is None
        assert page.internal_release_at is None

    def test_revision_publish_is_refused_for_a_staff_item(self, org):
        page = draft(org, audiences=("staff",))
        with pytest.raises(PublishRefused):
            page.get_latest_revision().publish()
        assert not reload(page).live

    def test_the_workflow_publishes_an_external_item_after_both_steps(self, org):
        page = approve_fully(org, draft(org, audiences=("residents",)))
        assert page.live
        assert page.internal_release_at is not None

    def test_manager_approval_is_not_enough_for_an_external_item(self, org):
        page = draft(org, audiences=("residents",))
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        assert not page.live
        with pytest.raises(PublishRefused):
            page.get_latest_revision().publish()

    def test_manager_approval_publishes_a_staff_item(self, org):
        page = draft(org, audiences=("staff",))
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        assert page.live
        assert page.external_release_at is None

    def test_a_later_edit_needs_new_approval(self, org):
        page = approve_fully(org, draft(org, audiences=("residents",)))
        page, revision = edit(page, org["communicator"], title="Ändrad rubrik")
        with pytest.raises(PublishRefused):
            revision.publish(user=org["communicator"])
        assert reload(page).title != "Ändrad rubrik"

    def test_a_staff_approval_never_carries_a_public_audience(self, org):
        page = draft(org, kind="news", audiences=("staff",))
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        assert page.live
        page, revision = edit(page, org["communicator"], audiences=("staff", "residents"))
        with pytest.raises(PublishRefused):
            revision.publish(user=org["communicator"])
        assert reload(page).get_audience_codes() == {"staff"}

    def test_system_publish_is_allowed_and_logged(self, org):
        page = draft(org, audiences=("residents",))
        with system_publish(reason="Demoinnehåll"):
            page.get_latest_revision().publish()
        page = reload(page)
        assert page.live
        entry = PageLogEntry.objects.get(page=page, action="enkanal.system_publish")
        assert entry.data["reason"] == "Demoinnehåll"

    def test_system_publish_needs_a_reason(self):
        with pytest.raises(ValueError), system_publish(reason=" "):
            pass

    def test_copy_keeping_live_is_refused(self, org):
        page = approve_fully(org, draft(org, audiences=("residents",)))
        action = CopyPageAction(
            page, to=org["site"]["news"], update_attrs={"slug": "kopia"}, keep_live=True
        )
        with pytest.raises(PublishRefused):
            action.execute(skip_permission_checks=True)
        assert not type(page).objects.filter(slug="kopia").exists()

    def test_move_does_not_publish(self, org):
        page = draft(org, audiences=("residents",))
        other_news = org["site"]["home"].add_child(
            instance=type(org["site"]["news"])(title="Nyheter 2", slug="nyheter-2")
        )
        MovePageAction(page, other_news, pos="last-child").execute(skip_permission_checks=True)
        page = reload(page)
        assert page.get_parent().pk == other_news.pk
        assert not page.live

    def test_move_keeps_a_live_item_live(self, org):
        page = approve_fully(org, draft(org, audiences=("residents",)))
        other_news = org["site"]["home"].add_child(
            instance=type(org["site"]["news"])(title="Nyheter 3", slug="nyheter-3")
        )
        MovePageAction(page, other_news, pos="last-child").execute(skip_permission_checks=True)
        assert reload(page).live

    def test_unapproved_scheduling_is_refused(self, org):
        page = draft(org, audiences=("residents",))
        page, revision = edit(
            page, org["editor"], go_live_at=timezone.now() + datetime.timedelta(hours=2)
        )
        with pytest.raises(PublishRefused):
            revision.publish()
        revision.refresh_from_db()
        assert revision.approved_go_live_at is None


class TestScheduledPublication:
    def test_the_worker_publishes_an_approved_item_within_a_minute(self, org):
        go_live = (timezone.now() + datetime.timedelta(hours=3)).replace(microsecond=0)
        page = draft(org, audiences=("residents",))
        page, _revision = edit(page, org["editor"], go_live_at=go_live)
        page = approve_fully(org, page)
        assert not page.live
        assert page.get_latest_revision().approved_go_live_at == go_live
        with time_machine.travel(go_live - datetime.timedelta(seconds=5), tick=False):
            run_due()
        assert not reload(page).live
        with time_machine.travel(go_live + datetime.timedelta(seconds=30), tick=False):
            run_due()
        page = reload(page)
        assert page.live
        assert page.internal_release_at == go_live
        assert page.external_release_at == go_live + datetime.timedelta(minutes=60)
        assert page.last_published_at - go_live < datetime.timedelta(seconds=60)


class TestAdminPaths:
    def test_the_publish_button_refuses_with_a_message(self, org, client):
        page = draft(org, audiences=("residents",))
        client.force_login(org["communicator"])
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        form = client.get(url).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None}
        response = client.post(url, _post_data(page), follow=True)
        assert response.status_code == 200
        assert not reload(page).live
        texts = [str(m) for m in response.context["messages"]]
        assert any("publicerades inte" in text for text in texts), texts
        assert data is not None

    def test_bulk_publish_refuses_the_batch(self, org, client):
        page = draft(org, audiences=("residents",))
        client.force_login(org["communicator"])
        url = (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={page.pk}"
        )
        response = client.post(url, {"include_descendants": ""}, follow=True)
        assert response.status_code == 200
        assert not reload(page).live

    def test_copy_with_publish_copies_is_refused(self, org, client):
        page = approve_fully(org, draft(org, audiences=("residents",)))
        client.force_login(org["communicator"])
        response = client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": "Kopia",
                "new_slug": "kopia-admin",
                "new_parent_page": org["site"]["news"].pk,
                "publish_copies": "on",
            },
            follow=True,
        )
        assert response.status_code == 200
        assert not type(page).objects.filter(slug="kopia-admin").exists()


def _post_data(page, action="action-publish"):
    """A minimal valid edit form POST for a news page."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "owner_unit": page.owner_unit_id,
        "audiences": [a.pk for a in page.audiences.all()],
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        action: "1",
    }
    return data


class TestAdminRevert:
    def test_revert_and_publish_is_refused(self, org, client):
        page = draft(org, audiences=("residents",))
        with system_publish("test"):
            page.get_latest_revision().publish()
        page = reload(page)
        old = page.live_revision
        page, _revision = edit(page, org["editor"], title="Ny rubrik i utkast")
        client.force_login(org["communicator"])
        url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
        data = _post_data(old.as_object())
        data["title"] = "Tillbaka till gammal rubrik"
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        texts = [str(m) for m in response.context["messages"]]
        assert any("publicerades inte" in text for text in texts), texts
        live = reload(page)
        assert live.live_revision_id == old.pk
        assert live.title != "Tillbaka till gammal rubrik"


class TestOwnerUnitChange:
    """An approval by one unit's manager never carries the item for another unit."""

    def _approved_by_unit_a_then_moved_to_b(self, org):
        page = draft(org, audiences=("residents",), unit=org["unit"])
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        assert page.current_workflow_task_state is not None  # at the communicator's review
        page, _revision = edit(page, org["communicator"], owner_unit=org["other_unit"])
        return page

    def test_publish_waits_for_the_new_units_manager(self, org):
        page = self._approved_by_unit_a_then_moved_to_b(org)
        page = act(page, org["communicator2"])
        assert not page.live
        task_state = page.current_workflow_task_state
        assert isinstance(task_state.task.specific, UnitManagerApprovalTask)
        approvers = task_state.task.specific.get_approvers(page, task_state)
        assert org["other_manager"] in approvers
        assert org["unit_manager"] not in approvers
        page = act(page, org["other_manager"])
        assert not page.live
        page = act(page, org["communicator2"])
        assert page.live
        assert page.owner_unit == org["other_unit"]

    def test_the_guard_refuses_the_old_units_approval(self, org, monkeypatch):
        # Even if moderation were not restarted, the guard holds on its own.
        monkeypatch.setattr("cms.workflows.routing.reroute_if_needed", lambda *a, **k: None)
        page = self._approved_by_unit_a_then_moved_to_b(org)
        with pytest.raises(PublishRefused):
            act(page, org["communicator2"])
        page = reload(page)
        assert not page.live
        assert find_approval(page, page.get_latest_revision()) is None
