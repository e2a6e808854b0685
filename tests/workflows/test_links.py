"""Signed, single-use approval links: valid, tampered, replayed, expired, superseded."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from wagtail.models import TaskState

from cms.workflows.links import link_url, make_token

from .helpers import draft as make_draft
from .helpers import edit, reload, submit

pytestmark = pytest.mark.django_db


def links_in_last_mail():
    body = mail.outbox[-1].body
    approve, reject = re.findall(r"http://testserver(/arbetsflode/godkann/\S+/)", body)
    return approve, reject


@pytest.fixture
def pending(org):
    mail.outbox.clear()
    page = make_draft(org, audiences=("staff",))
    submit(page, org["editor"])
    return reload(page)


class TestApprovalLinks:
    @pytest.fixture(autouse=True)
    def _links_without_sign_in(self, settings):
        # These cases are about the token itself; signing in is covered below.
        settings.ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN = True

    def test_get_shows_the_draft_and_changes_nothing(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        response = client.get(approve)
        assert response.status_code == 200
        assert pending.title in response.content.decode()
        assert 'method="post"' in response.content.decode()
        assert not reload(pending).live

    def test_post_approves_once(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        response = client.post(approve, {"comment": "Bra!"})
        assert response.status_code == 200
        page = reload(pending)
        assert page.live
        state = TaskState.objects.filter(workflow_state__object_id=str(page.pk)).get()
        assert state.status == TaskState.STATUS_APPROVED
        assert state.finished_by == org["unit_manager"]

    def test_replayed_link_is_inert(self, org, pending, client):
        approve, reject = links_in_last_mail()
        assert client.post(approve, {}).status_code == 200
        response = client.post(reject, {"comment": "Ändra"})
        assert response.status_code == 410
        assert reload(pending).live

    def test_tampered_link_is_inert(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        tampered = approve.replace("/approve/", "x/approve/")
        response = client.post(tampered, {})
        assert response.status_code == 400
        assert "ogiltig" in response.content.decode()
        assert not reload(pending).live

    def test_expired_link_is_inert(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
            response = client.post(approve, {})
        assert response.status_code == 410
        assert not reload(pending).live

    def test_a_new_revision_supersedes_the_link(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        edit(pending, org["editor"], title="Ny version")
        response = client.post(approve, {})
        assert response.status_code == 410
        assert "nyare version" in response.content.decode()
        assert not reload(pending).live

    def test_a_cancelled_workflow_makes_the_link_inert(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        reload(pending).current_workflow_state.cancel(user=org["editor"])
        assert client.post(approve, {}).status_code == 410

    def test_a_foreign_user_cannot_use_the_link(self, org, pending, client):
        approve, _reject = links_in_last_mail()
        client.force_login(org["other_manager"])
        assert client.post(approve, {}).status_code == 403
        assert not reload(pending).live

    def test_a_link_for_a_non_approver_is_refused(self, org, pending, client):
        task_state = pending.current_workflow_task_state
        token = make_token(task_state, org["other_manager"])
        response = client.post(link_url(token, "approve").replace("http://testserver", ""), {})
        assert response.status_code == 403
        assert not reload(pending).live

    def test_requesting_changes_needs_a_comment(self, org, pending, client):
        _approve, reject = links_in_last_mail()
        assert client.post(reject, {"comment": ""}).status_code == 400
        response = client.post(reject, {"comment": "Lägg till datum."})
        assert response.status_code == 200
        state = reload(pending).current_workflow_state
        assert state.status == state.STATUS_NEEDS_CHANGES
        assert state.current_task_state.comment == "Lägg till datum."
