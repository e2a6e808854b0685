"""An INblick edition: the staff workflow, and one e-mail to staff through the outbox."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.channels.models import Edition, EditionEntry
from cms.mail.models import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState
from cms.mail.tasks import process_dispatch
from cms.snippets.factories import UnitFactory
from cms.workflows.guard import PublishRefused, system_publish
from cms.workflows.models import UnitManagerApprovalTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(make_item, org):
    return [
        make_item("bulletin", title="Välkommen till medarbetardagen"),
        make_item("news", title="Friskvårdsbidraget höjs", audience_codes=("staff",)),
    ]


def draft_edition(org, items, user=None, number=1) -> Edition:
    """A new edition of ``items`` owned by the workflow fixture's unit, saved as a draft."""
    edition = Edition(
        title=f"INblick nr {number}", number=number, owner_unit=org["unit"], live=False
    )
    edition.entries = [EditionEntry(item=item) for item in items]
    org["site"]["bulletins"].add_child(instance=edition)
    edition.save_revision(user=user or org["communicator"])
    return Page.objects.get(pk=edition.pk).specific


def approve_as(edition, user):
    state = edition.current_workflow_task_state
    state.task.specific.on_action(state, user, "approve")
    return Page.objects.get(pk=edition.pk).specific


class TestWorkflow:
    def test_the_staff_workflow_routes_it(self, org, items):
        edition = draft_edition(org, items)
        workflow = edition.get_workflow()
        tasks = [task.specific for task in workflow.tasks.all()]
        assert [type(task) for task in tasks] == [UnitManagerApprovalTask]
        assert edition.get_audience_codes() == {"staff"}

    def test_not_published_without_the_managers_approval(self, org, items):
        edition = draft_edition(org, items)
        with pytest.raises(PublishRefused):
            edition.get_latest_revision().publish()
        assert not Page.objects.get(pk=edition.pk).live

    def test_the_editorial_units_manager_approves_and_it_is_published(
        self, org, items, django_capture_on_commit_callbacks
    ):
        edition = draft_edition(org, items)
        edition.get_workflow().start(edition, org["communicator"])
        task = edition.current_workflow_task.specific
        assert task.user_can_approve(edition, org["unit_manager"])
        assert not task.user_can_approve(edition, org["other_manager"])
        assert not task.user_can_approve(edition, org["communicator"])  # the submitter
        with django_capture_on_commit_callbacks(execute=True):
            edition = approve_as(edition, org["unit_manager"])
        assert edition.live

    def test_only_items_released_to_all_staff(self, org, items, make_item):
        targeted = make_item("bulletin", title="Bara för Solrosen", target_units=[UnitFactory()])
        with pytest.raises(ValidationError, match="Bara för Solrosen"):
            draft_edition(org, [*items, targeted])

    def test_number_unique_in_its_year(self, org, items):
        first = draft_edition(org, items)
        second = Edition(
            title="Dubblett",
            number=first.number,
            owner_unit=org["unit"],
            issue_date=first.issue_date,
        )
        second.entries = [EditionEntry(item=items[0])]
        with pytest.raises(ValidationError, match="Det finns redan en utgåva nummer"):
            second.full_clean(exclude=["path", "depth", "slug"])


@pytest.fixture
def published(org, items, django_capture_on_commit_callbacks):
    """A published edition, its dispatch run as the worker would (immediate tasks)."""

    def publish():
        mail.outbox = []
        edition = draft_edition(org, items)
        with django_capture_on_commit_callbacks(execute=True), system_publish("test data"):
            edition.get_latest_revision().publish()
        return Edition.objects.get(pk=edition.pk)

    return publish


class TestEditionEmail:
    def test_one_dispatch_to_every_member_of_staff(self, org, published):
        edition = published()
        dispatch = Dispatch.objects.get(source_page_id=edition.pk)
        assert dispatch.channel == Channel.MAGAZINE
        assert dispatch.state == DispatchState.DONE
        users = [value for value in org.values() if hasattr(value, "email") and value.email]
        assert {m.to[0] for m in mail.outbox} == {user.email for user in users}
        message = mail.outbox[0]
        assert message.subject == edition.title
        assert "Välkommen till medarbetardagen" in message.body
        assert "Friskvårdsbidraget höjs" in message.body
        assert f"/inblick/{edition.year}/{edition.number}/" in message.body
        assert message.extra_headers["Message-ID"].startswith("<enkanal.")

    def test_publishing_again_sends_nothing_again(self, published):
        edition = published()
        sent = len(mail.outbox)
        with system_publish("test data"):
            edition.save_revision().publish()
        process_dispatch.call(Dispatch.objects.get(source_page_id=edition.pk).pk)
        assert Dispatch.objects.filter(source_page_id=edition.pk).count() == 1
        assert len(mail.outbox) == sent

    def test_a_recorded_hand_off_is_never_repeated(self, published):
        edition = published()
        dispatch = Dispatch.objects.get(source_page_id=edition.pk)
        sent = Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.SENT).count()
        assert sent == len(mail.outbox) > 0
        # A second worker picking the dispatch up finds nothing left to hand off.
        Dispatch.objects.filter(pk=dispatch.pk).update(state=DispatchState.RUNNING)
        process_dispatch.call(dispatch.pk)
        assert len(mail.outbox) == sent

    def test_a_withdrawn_edition_waits(self, org, items, django_capture_on_commit_callbacks):
        from cms.channels.mail import plan_edition_dispatch
        from cms.mail.dispatching import NotDue, start_dispatch

        edition = draft_edition(org, items)
        with system_publish("test data"):
            edition.get_latest_revision().publish()
        edition = Edition.objects.get(pk=edition.pk)
        dispatch = Dispatch.objects.get(source_page_id=edition.pk)
        Dispatch.objects.filter(pk=dispatch.pk).update(state=DispatchState.PENDING)
        edition.unpublish()
        with pytest.raises(NotDue):
            start_dispatch(dispatch.pk)
        assert plan_edition_dispatch(edition) is not None  # still the same, still pending
        assert Dispatch.objects.filter(source_page_id=edition.pk).count() == 1

    def test_an_item_withdrawn_before_sending_is_not_in_the_message(
        self, org, items, django_capture_on_commit_callbacks
    ):
        mail.outbox = []
        edition = draft_edition(org, items)
        # Published; the worker has not run the dispatch yet.
        with django_capture_on_commit_callbacks(execute=False), system_publish("test data"):
            edition.get_latest_revision().publish()
        items[1].unpublish()
        process_dispatch.call(Dispatch.objects.get(source_page_id=edition.pk).pk)
        assert mail.outbox
        assert all("Friskvårdsbidraget höjs" not in m.body for m in mail.outbox)
        assert all("Välkommen till medarbetardagen" in m.body for m in mail.outbox)
