"""The workflow follows the item's audiences and type, not its place in the tree."""

import pytest
from wagtail.models import PageLogEntry, WorkflowState

from cms.workflows.models import CommunicatorReviewTask, UnitManagerApprovalTask
from cms.workflows.routing import reroute_if_needed

from .helpers import act, draft, edit, submit

pytestmark = pytest.mark.django_db


class TestRouting:
    def test_workflow_by_type_and_audience(self, org, subtests):
        cases = [
            ("news", ("staff",), "Intern publicering"),
            ("news", ("residents",), "Extern publicering"),
            ("news", ("staff", "partners"), "Extern publicering"),
            ("bulletin", (), "Intern publicering"),
            ("press", (), "Extern publicering"),
            ("notice", (), "Extern publicering"),
        ]
        for kind, audiences, expected in cases:
            with subtests.test(kind=kind, audiences=audiences):
                page = draft(org, kind=kind, audiences=audiences)
                assert page.get_workflow().name == expected
                assert page.has_workflow

    def test_external_workflow_has_both_steps(self, org):
        page = draft(org, audiences=("residents",))
        tasks = [t.specific for t in page.get_workflow().tasks]
        assert [type(t) for t in tasks] == [UnitManagerApprovalTask, CommunicatorReviewTask]


class TestRerouting:
    def test_widening_in_moderation_restarts_on_the_external_workflow(self, org):
        page = draft(org, audiences=("staff",))
        first = submit(page, org["editor"])
        assert first.workflow.name == "Intern publicering"
        page, _revision = edit(page, org["unit_manager"], audiences=("staff", "residents"))
        new_state = reroute_if_needed(page, user=org["unit_manager"])
        assert new_state.workflow.name == "Extern publicering"
        first.refresh_from_db()
        assert first.status == WorkflowState.STATUS_CANCELLED
        assert PageLogEntry.objects.filter(page=page, action="enkanal.workflow_rerouted").exists()

    def test_unchanged_route_is_left_alone(self, org):
        page = draft(org, audiences=("residents",))
        state = submit(page, org["editor"])
        page, _revision = edit(page, org["editor2"], title="Ny rubrik")
        assert reroute_if_needed(page) is None
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_widening_after_manager_approval_restarts_instead_of_publishing(self, org):
        page = draft(org, audiences=("residents",))
        submit(page, org["editor"])
        page = act(page, org["unit_manager"])
        page, _revision = edit(page, org["editor2"], audiences=("residents", "media"))
        page = act(page, org["communicator"])
        assert not page.live
        task = page.current_workflow_task
        assert isinstance(task, UnitManagerApprovalTask)
