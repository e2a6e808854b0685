"""Who approves: unit managers up the tree, the Kommunchef, never the author."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import TaskState

from cms.workflows.models import CommunicatorReviewTask, UnitManagerApprovalTask

from .helpers import act, draft, edit, reload, submit

pytestmark = pytest.mark.django_db


def current_task(page):
    return reload(page).current_workflow_task


class TestApproverResolution:
    def test_the_managers_of_the_owner_unit(self, org):
        page = draft(org)
        submit(page, org["editor"])
        task = current_task(page)
        assert isinstance(task, UnitManagerApprovalTask)
        assert task.get_approvers(reload(page)) == [org["unit_manager"]]

    def test_the_nearest_ancestor_when_the_unit_has_none(self, org):
        page = draft(org, unit=org["unmanaged"])
        submit(page, org["editor"])
        assert current_task(page).get_approvers(reload(page)) == [org["operation_manager"]]

    def test_the_next_manager_up_when_the_manager_wrote_it(self, org):
        page = draft(org, user=org["unit_manager"])
        submit(page, org["unit_manager"])
        page = reload(page)
        task = page.current_workflow_task
        assert task.get_approvers(page) == [org["operation_manager"]]
        assert not task.user_can_approve(page, org["unit_manager"])
        assert "redigerade" in str(task.cannot_approve_reason(page, org["unit_manager"]))

    def test_the_kommunchef_when_nobody_is_left(self, org):
        org["unit"].managers.clear()
        org["operation"].managers.clear()
        org["administration"].managers.clear()
        page = draft(org)
        submit(page, org["editor"])
        assert current_task(page).get_approvers(reload(page)) == [org["director"]]

    def test_who_may_act(self, org):
        page = draft(org)
        submit(page, org["editor"])
        page = reload(page)
        task = page.current_workflow_task
        expected = {
            "editor": False,
            "editor2": False,
            "unit_manager": True,
            "operation_manager": False,
            "admin_manager": False,
            "other_manager": False,
            "communicator": False,
            "director": True,
            "administrator": False,
            "staff": False,
        }
        for role, allowed in expected.items():
            with self.subTest(role=role) if hasattr(self, "subTest") else _null():
                assert task.user_can_approve(page, org[role]) is allowed, role
                assert bool(task.get_actions(page, org[role])) is allowed, role
                moderated = TaskState.objects.reviewable_by(org[role])
                assert moderated.filter(pk=page.current_workflow_task_state.pk).exists() is allowed

    def test_a_wrong_user_is_refused_and_nothing_changes(self, org):
        page = draft(org)
        submit(page, org["editor"])
        for role in ("editor", "other_manager", "communicator", "operation_manager"):
            with pytest.raises(PermissionDenied):
                act(page, org[role])
            state = reload(page).current_workflow_task_state
            assert state.status == TaskState.STATUS_IN_PROGRESS
            assert isinstance(state.task.specific, UnitManagerApprovalTask)

    def test_the_communicator_cannot_review_their_own_edit(self, org):
        page = draft(org)
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        assert isinstance(page.current_workflow_task, CommunicatorReviewTask)
        page, _revision = edit(page, org["communicator"], title="Rättad rubrik")
        with pytest.raises(PermissionDenied):
            act(page, org["communicator"])
        page = act(page, org["communicator2"])
        assert page.live
        assert page.title == "Rättad rubrik"


class TestWorkflowHttp:
    def test_the_wrong_user_gets_403(self, org, client):
        page = draft(org)
        submit(page, org["editor"])
        page = reload(page)
        client.force_login(org["other_manager"])
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", page.current_workflow_task_state.pk],
        )
        response = client.post(url, {"comment": ""})
        # Wagtail's admin answers PermissionDenied with a redirect and an error message.
        assert response.status_code in (302, 403)
        assert reload(page).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    def test_the_manager_can_approve_through_the_admin(self, org, client):
        page = draft(org, audiences=("staff",))
        submit(page, org["editor"])
        page = reload(page)
        client.force_login(org["unit_manager"])
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", page.current_workflow_task_state.pk],
        )
        response = client.post(url, {"comment": ""})
        assert response.status_code in (200, 302)
        assert reload(page).live


class TestNotifications:
    def test_exactly_the_unit_managers_are_notified(self, org):
        mail.outbox.clear()
        page = draft(org)
        submit(page, org["editor"])
        assert [m.to for m in mail.outbox] == [[org["unit_manager"].email]]
        message = mail.outbox[0]
        assert page.title in message.subject
        assert "Norrby förskola" in message.body
        assert "Kommuninvånare" in message.body
        assert "/arbetsflode/godkann/" in message.body

    def test_the_communicators_are_notified_after_approval(self, org):
        page = draft(org)
        submit(page, org["editor"])
        mail.outbox.clear()
        act(page, org["unit_manager"])
        recipients = sorted(address for m in mail.outbox for address in m.to)
        expected = sorted(
            [org["communicator"].email, org["communicator2"].email, org["editor"].email]
        )
        # Wagtail tells the submitter about the approval; the communicators get the task.
        task_mails = [m for m in mail.outbox if "Informatörens granskning" in m.subject]
        assert sorted(a for m in task_mails for a in m.to) == sorted(
            [org["communicator"].email, org["communicator2"].email]
        )
        assert set(recipients) <= set(expected)

    def test_notification_preferences_are_respected(self, org):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(org["unit_manager"])
        profile.submitted_notifications = False
        profile.save()
        mail.outbox.clear()
        submit(draft(org), org["editor"])
        assert mail.outbox == []

    def test_the_fallback_manager_is_notified_instead_of_the_author(self, org):
        mail.outbox.clear()
        page = draft(org, user=org["unit_manager"])
        submit(page, org["unit_manager"])
        assert [m.to for m in mail.outbox] == [[org["operation_manager"].email]]


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
