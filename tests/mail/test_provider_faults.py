"""Anymail batch sending under a provider's faults: API errors and per-recipient statuses."""

import datetime

import pytest
from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError, AnymailRequestsAPIError
from anymail.message import AnymailRecipientStatus
from django.core import mail

from cms.mail.dispatching import start_dispatch
from cms.mail.factories import SubscriberFactory
from cms.mail.models import Channel, DeliveryStatus, Dispatch, DispatchState
from cms.mail.sending import send_available
from cms.mail.tasks import run_outbox

pytestmark = pytest.mark.django_db

#: What the provider does next: an error to raise for the next ``calls`` sends.
PROVIDER = {"error": None, "calls": 0}


class StatusBackend(AnymailTestBackend):
    """Anymail's test backend; a recipient ``<status>-…@`` gets that status."""

    def post_to_esp(self, payload, message):
        if PROVIDER["calls"] > 0:
            PROVIDER["calls"] -= 1
            raise PROVIDER["error"]
        statuses = {}
        for email in payload.recipient_emails:
            status = email.split("-", 1)[0] if "-" in email else "sent"
            statuses[email] = AnymailRecipientStatus(message_id=f"esp-{email}", status=status)
        message.anymail_test_response = {"recipient_status": statuses}
        return super().post_to_esp(payload, message)


ADDRESSES = [
    "anna@example.org",
    "queued-bo@example.org",
    "unknown-cia@example.org",
    "rejected-dan@example.org",
    "failed-eva@example.org",
    "invalid-fia@example.org",
]


@pytest.fixture
def running(org, publish, settings):
    settings.EMAIL_BACKEND = "tests.mail.test_provider_faults.StatusBackend"
    settings.ENKANAL_MAIL_BATCH_SIZE = 10
    settings.ENKANAL_MAIL_OUTAGE_BASE_DELAY = 0
    PROVIDER.update(error=None, calls=0)
    for email in ADDRESSES:
        SubscriberFactory(email=email)
    page = publish("news", audience_codes=("residents",))
    page.refresh_from_db()
    dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
    start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
    mail.outbox = []
    yield dispatch
    PROVIDER.update(error=None, calls=0)


def by_email(dispatch):
    return {d.email: d for d in dispatch.deliveries.all()}


class TestRecipientStatuses:
    def test_queued_and_sent_are_handed_off_rejections_are_permanent(self, running):
        send_available(running.pk)
        deliveries = by_email(running)
        for email in ADDRESSES[:3]:
            assert deliveries[email].status == DeliveryStatus.SENT, email
            assert deliveries[email].esp_message_id == f"esp-{email}"
        for email in ADDRESSES[3:]:
            assert deliveries[email].status == DeliveryStatus.FAILED, email
            assert deliveries[email].error == email.split("-")[0]
            assert deliveries[email].attempts == 1
        running.refresh_from_db()
        run_outbox()
        running.refresh_from_db()
        assert running.state == DispatchState.DONE
        assert len(mail.outbox) == 1

    def test_everyone_refused_uses_their_statuses(self, running):
        running.deliveries.filter(email__in=ADDRESSES[:3]).delete()
        send_available(running.pk)
        assert set(running.deliveries.values_list("status", flat=True)) == {DeliveryStatus.FAILED}


class TestApiErrors:
    @pytest.mark.parametrize(
        "status",
        [500, 502, 503, 429, 401, None],
    )
    def test_outage_statuses_pause_without_counting_attempts(self, running, status):
        PROVIDER.update(error=AnymailAPIError("provider down", status_code=status), calls=2)
        send_available(running.pk)
        running.refresh_from_db()
        assert running.is_paused and "provider down" in running.pause_error
        assert set(running.deliveries.values_list("attempts", flat=True)) == {0}
        assert set(running.deliveries.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
        run_outbox()  # still down: paused again, longer
        running.refresh_from_db()
        assert running.outages == 2
        run_outbox()  # it answers again
        running.refresh_from_db()
        assert not running.is_paused and running.state == DispatchState.DONE
        assert running.deliveries.filter(status=DeliveryStatus.SENT).count() == 3

    def test_a_network_error_pauses(self, running):
        PROVIDER.update(error=AnymailRequestsAPIError("Read timed out"), calls=1)
        send_available(running.pk)
        running.refresh_from_db()
        assert running.is_paused

    def test_a_bad_request_fails_the_batch_visibly(self, running):
        PROVIDER.update(error=AnymailAPIError("bad request", status_code=422), calls=1)
        send_available(running.pk)
        running.refresh_from_db()
        assert not running.is_paused
        assert set(running.deliveries.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
        assert "bad request" in running.deliveries.first().error
