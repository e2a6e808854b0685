"""The admin for communicators: dispatch progress, hold and cancel, subscribers, suppression."""

import pytest

from cms.core import roles
from cms.core.factories import UserFactory
from cms.mail.factories import SubscriberFactory
from cms.mail.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Dispatch,
    DispatchState,
    ReleaseKind,
    Subscriber,
    Suppression,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def communicator(db):
    return UserFactory(username="informator", roles=[roles.COMMUNICATOR])


@pytest.fixture
def dispatch(db):
    dispatch = Dispatch.objects.create(
        title="Nytt badhus", channel=Channel.SUBSCRIBERS, release_kind=ReleaseKind.EXTERNAL
    )
    for index, status in enumerate(
        [DeliveryStatus.SENT] * 3 + [DeliveryStatus.FAILED] + [DeliveryStatus.PENDING] * 2
    ):
        Delivery.objects.create(dispatch=dispatch, email=f"m{index}@example.org", status=status)
    Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.SENT).update(
        delivered_at="2026-11-26T10:00:00Z"
    )
    return dispatch


class TestDispatchList:
    def test_shows_progress_and_figures(self, client, communicator, dispatch):
        client.force_login(communicator)
        response = client.get("/admin/mail_dispatch/")
        content = response.content.decode()
        assert response.status_code == 200
        assert "Nytt badhus" in content
        assert '<progress max="6" value="4"' in content
        assert "3 skickade, 1 misslyckade, 2 väntar" in content
        assert "3 levererade, 0 studsade, 0 öppnade" in content

    def test_closed_to_other_roles(self, client, dispatch):
        editor = UserFactory(username="redaktor", roles=[roles.EDITOR])
        client.force_login(editor)
        assert client.get("/admin/mail_dispatch/").status_code in (302, 403)
        response = client.post(f"/admin/mail/dispatch/{dispatch.pk}/cancel/")
        assert response.status_code in (302, 403)
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.PENDING


class TestHoldAndCancel:
    def test_hold_resume_and_cancel_before_start(self, client, communicator, dispatch):
        client.force_login(communicator)
        assert client.get(f"/admin/mail/dispatch/{dispatch.pk}/hold/").status_code == 200
        client.post(f"/admin/mail/dispatch/{dispatch.pk}/hold/")
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.HELD
        assert dispatch.state_changed_by == communicator
        client.post(f"/admin/mail/dispatch/{dispatch.pk}/resume/")
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.PENDING
        client.post(f"/admin/mail/dispatch/{dispatch.pk}/cancel/")
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.CANCELLED

    def test_a_running_dispatch_cannot_be_cancelled(self, client, communicator, dispatch):
        Dispatch.objects.filter(pk=dispatch.pk).update(state=DispatchState.RUNNING)
        client.force_login(communicator)
        response = client.post(f"/admin/mail/dispatch/{dispatch.pk}/cancel/", follow=True)
        assert "redan börjat" in response.content.decode()
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.RUNNING

    def test_a_held_dispatch_does_not_start(self, publish, org, outbox):
        from cms.mail.dispatching import hold_dispatch
        from cms.mail.tasks import run_outbox

        SubscriberFactory()
        page = publish("news", audience_codes=("residents",))
        held = Dispatch.objects.get(page_id=page.pk)
        hold_dispatch(held.pk)
        page.refresh_from_db()
        import time_machine

        with time_machine.travel(page.external_release_at):
            run_outbox()
        held.refresh_from_db()
        assert held.state == DispatchState.HELD and not held.deliveries.exists()


class TestSubscribers:
    def test_search_and_export(self, client, communicator):
        SubscriberFactory(email="anna@example.org")
        SubscriberFactory(email="bertil@example.org")
        client.force_login(communicator)
        content = client.get("/admin/mail_subscriber/", {"q": "anna"}).content.decode()
        assert "anna@example.org" in content and "bertil@example.org" not in content
        export = client.get("/admin/mail_subscriber/", {"export": "csv"})
        body = (
            b"".join(export.streaming_content).decode()
            if export.streaming
            else export.content.decode()
        )
        assert "anna@example.org" in body and "bertil@example.org" in body

    def test_delete_erases_everything(self, client, communicator):
        subscriber = SubscriberFactory(email="anna@example.org")
        Suppression.objects.create(email="anna@example.org", reason="bounced")
        client.force_login(communicator)
        url = f"/admin/mail_subscriber/delete/{subscriber.pk}/"
        assert "Det går inte att ångra" in client.get(url).content.decode()
        client.post(url)
        assert not Subscriber.objects.exists() and not Suppression.objects.exists()


class TestSuppressionList:
    def test_add_an_address_by_hand(self, client, communicator):
        client.force_login(communicator)
        client.post(
            "/admin/mail_suppression/new/",
            {"email": "Sparra@Example.org", "reason": "manual", "detail": "Bad om det i telefon"},
        )
        assert Suppression.objects.get().email == "sparra@example.org"


class TestFailures:
    @pytest.fixture
    def done(self, dispatch):
        Dispatch.objects.filter(pk=dispatch.pk).update(state=DispatchState.DONE)
        Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.FAILED).update(
            attempts=6, error="SMTPRecipientsRefused: 451 4.3.0 try again later"
        )
        retrying = Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.PENDING)
        retrying.filter(email="m4@example.org").update(
            attempts=2, error="SMTPDataError: 452 Insufficient storage"
        )
        # A recorded hand-off that also reads "failed" must never be handed off again.
        Delivery.objects.create(
            dispatch=dispatch,
            email="=cmd@example.org",
            status=DeliveryStatus.FAILED,
            error="554 5.7.1 policy",
            attempts=1,
        )
        Delivery.objects.filter(email="m0@example.org").update(sent_at="2026-11-26T10:00:00Z")
        Delivery.objects.create(
            dispatch=dispatch, email="gone@example.org", status=DeliveryStatus.FAILED, attempts=1
        )
        Suppression.objects.create(email="gone@example.org", reason="bounced")
        dispatch.refresh_from_db()
        return dispatch

    def test_lists_failed_and_retrying_recipients_with_error_and_attempts(
        self, client, communicator, done
    ):
        client.force_login(communicator)
        response = client.get(f"/admin/mail/dispatch/{done.pk}/failures/")
        content = response.content.decode()
        assert response.status_code == 200
        assert "m3@example.org" in content and "451 4.3.0 try again later" in content
        assert "m4@example.org" in content and "Försöker igen" in content
        assert "452 Insufficient storage" in content
        assert "m5@example.org" not in content  # pending, never failed
        assert "m0@example.org" not in content  # handed off
        assert "Skicka om misslyckade" in content
        index = client.get("/admin/mail_dispatch/").content.decode()
        assert f"/admin/mail/dispatch/{done.pk}/failures/" in index

    def test_csv_export_of_the_failures(self, client, communicator, done):
        client.force_login(communicator)
        response = client.get(f"/admin/mail/dispatch/{done.pk}/failures/", {"export": "csv"})
        assert response["Content-Type"].startswith("text/csv")
        rows = response.content.decode().splitlines()
        assert rows[0].startswith("Mottagare,Status,Försök")
        assert any(row.startswith("m3@example.org,Misslyckades,6,") for row in rows)
        assert any(row.startswith("m4@example.org,Försöker igen,2,") for row in rows)
        assert any(row.startswith("'=cmd@example.org") for row in rows)

    def test_resend_gives_failed_recipients_a_new_attempt_only(
        self, client, communicator, done, django_capture_on_commit_callbacks
    ):
        Delivery.objects.filter(email="m0@example.org").update(status=DeliveryStatus.FAILED)
        client.force_login(communicator)
        assert (
            "Skicka om misslyckade"
            in client.get(f"/admin/mail/dispatch/{done.pk}/resend/").content.decode()
        )
        with django_capture_on_commit_callbacks() as callbacks:
            response = client.post(f"/admin/mail/dispatch/{done.pk}/resend/", follow=True)
        assert "nytt försök" in response.content.decode()
        assert len(callbacks) == 1  # the sending task is queued
        statuses = dict(Delivery.objects.filter(dispatch=done).values_list("email", "status"))
        assert statuses["m3@example.org"] == DeliveryStatus.PENDING
        assert statuses["=cmd@example.org"] == DeliveryStatus.PENDING
        assert statuses["m0@example.org"] == DeliveryStatus.FAILED  # its hand-off is recorded
        assert statuses["gone@example.org"] == DeliveryStatus.FAILED  # suppressed meanwhile
        assert Delivery.objects.get(email="m3@example.org").attempts == 0
        done.refresh_from_db()
        assert done.state == DispatchState.RUNNING and done.finished_at is None

    def test_resend_is_for_communicators_only(self, client, done):
        editor = UserFactory(username="redaktor", roles=[roles.EDITOR])
        client.force_login(editor)
        assert client.post(f"/admin/mail/dispatch/{done.pk}/resend/").status_code in (302, 403)
        assert client.get(f"/admin/mail/dispatch/{done.pk}/failures/").status_code in (302, 403)
        assert Delivery.objects.get(email="m3@example.org").status == DeliveryStatus.FAILED

    def test_a_paused_dispatch_says_why(self, client, communicator, dispatch):
        from cms.mail.sending import pause_sending

        Dispatch.objects.filter(pk=dispatch.pk).update(state=DispatchState.RUNNING)
        pause_sending(dispatch.pk, "ConnectionRefusedError: [Errno 111] Connection refused")
        client.force_login(communicator)
        index = client.get("/admin/mail_dispatch/").content.decode()
        assert "Pausad: e-postleverantören svarar inte sedan" in index
        page = client.get(f"/admin/mail/dispatch/{dispatch.pk}/failures/").content.decode()
        assert "Pausad: e-postleverantören svarar inte sedan" in page
        assert "Connection refused" in page
