"""The worker: claim → hand off → record, retries with backoff, abandoned claims, batching."""

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import override_settings
from django.utils import timezone

from cms.mail.dispatching import start_dispatch
from cms.mail.factories import SubscriberFactory
from cms.mail.models import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState
from cms.mail.sending import RateLimiter, backoff, claim, recover_abandoned, send_available
from cms.mail.tasks import run_outbox
from tests.plans import explain

pytestmark = pytest.mark.django_db

FAILURES = {"left": 0, "error": smtplib.SMTPServerDisconnected("gone")}


class FlakyBackend(LocmemBackend):
    """Locmem, but the next ``FAILURES["left"]`` sends raise ``FAILURES["error"]``."""

    def send_messages(self, messages):
        if FAILURES["left"] > 0:
            FAILURES["left"] -= 1
            raise FAILURES["error"]
        return super().send_messages(messages)


@pytest.fixture
def running(org, publish, outbox):
    """A running subscribers dispatch with five recipients, nothing handed off yet."""
    for index in range(5):
        SubscriberFactory(email=f"person{index}@example.org")
    page = publish("news", audience_codes=("residents",))
    dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
    page.refresh_from_db()
    start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
    outbox.clear()
    return dispatch


class TestHandOff:
    def test_every_message_has_a_stable_message_id_and_unsubscribe_headers(self, running):
        send_available(running.pk)
        assert len(mail.outbox) == 5
        for message in mail.outbox:
            delivery = Delivery.objects.get(dispatch=running, email=message.to[0])
            assert message.extra_headers["Message-ID"] == delivery.message_id
            assert message.extra_headers["List-Unsubscribe"].startswith("<http")
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert "/e-post/avregistrera/" in message.body
            html = message.alternatives[0][0]
            assert "/e-post/avregistrera/" in html and 'lang="sv"' in html
            assert delivery.status == DeliveryStatus.SENT and delivery.sent_at

    def test_message_id_is_derived_from_the_delivery(self, running):
        delivery = running.deliveries.first()
        again = Delivery.objects.get(pk=delivery.pk)
        assert delivery.message_id == again.message_id
        assert str(delivery.pk) in delivery.message_id

    def test_a_recorded_hand_off_is_never_repeated(self, running):
        send_available(running.pk)
        Delivery.objects.filter(dispatch=running).update(claimed_at=None)
        recover_abandoned(timezone.now() + datetime.timedelta(days=1))
        send_available(running.pk)
        run_outbox()
        assert len(mail.outbox) == 5

    def test_dispatch_is_done_when_everyone_is_handed_off(self, running):
        run_outbox()
        running.refresh_from_db()
        assert running.state == DispatchState.DONE


class TestClaims:
    def test_claims_are_disjoint_and_marked_sending(self, running):
        first = claim(running.pk, 3)
        second = claim(running.pk, 3)
        assert len(first) == 3 and len(second) == 2
        assert not {d.pk for d in first} & {d.pk for d in second}
        assert all(d.status == DeliveryStatus.SENDING for d in first + second)
        assert claim(running.pk, 3) == []

    def test_abandoned_claims_go_back_to_pending_after_the_timeout(self, running):
        claimed = claim(running.pk, 2)
        assert recover_abandoned() == 0
        later = timezone.now() + datetime.timedelta(minutes=10)
        assert recover_abandoned(later) == 2
        statuses = Delivery.objects.filter(pk__in=[d.pk for d in claimed]).values_list(
            "status", flat=True
        )
        assert set(statuses) == {DeliveryStatus.PENDING}

    def test_abandoned_claims_are_sent_again_with_the_same_message_id(self, running):
        claimed = claim(running.pk, 2)  # the worker "dies" here
        recover_abandoned(timezone.now() + datetime.timedelta(minutes=10))
        send_available(running.pk)
        ids = {m.to[0]: m.extra_headers["Message-ID"] for m in mail.outbox}
        for delivery in claimed:
            assert ids[delivery.email] == delivery.message_id
        assert len(mail.outbox) == 5


class TestRetries:
    @pytest.fixture(autouse=True)
    def flaky(self, settings):
        settings.EMAIL_BACKEND = "tests.mail.test_sending.FlakyBackend"
        settings.ENKANAL_MAIL_RETRY_BASE_DELAY = 30
        settings.ENKANAL_MAIL_BATCH_SIZE = 10
        yield
        FAILURES["left"] = 0

    def test_transient_errors_are_retried_with_backoff(self, running):
        # The connection breaks during one message and opens again: that recipient is
        # retried later, the others go out on the new connection.
        FAILURES.update(left=1, error=smtplib.SMTPServerDisconnected("gone"))
        send_available(running.pk)
        pending = Delivery.objects.filter(dispatch=running, status=DeliveryStatus.PENDING)
        assert pending.count() == 1 and len(mail.outbox) == 4
        assert all(d.next_attempt_at > timezone.now() for d in pending)
        assert all("SMTPServerDisconnected" in d.error for d in pending)
        run_outbox()
        assert len(mail.outbox) == 4  # not due yet
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=31)):
            run_outbox()
        assert len(mail.outbox) == 5
        attempts = sorted(
            Delivery.objects.filter(dispatch=running).values_list("attempts", flat=True)
        )
        assert attempts == [1, 1, 1, 1, 2]

    def test_a_refused_recipient_fails_without_stopping_the_others(self, running):
        FAILURES.update(left=1, error=smtplib.SMTPRecipientsRefused({"x": (550, b"no")}))
        send_available(running.pk)
        statuses = list(Delivery.objects.filter(dispatch=running).values_list("status", flat=True))
        assert statuses.count(DeliveryStatus.FAILED) == 1
        assert statuses.count(DeliveryStatus.SENT) == 4

    def test_giving_up_after_the_last_attempt_is_recorded(self, running):
        FAILURES.update(left=100, error=OSError("network down"))
        with override_settings(ENKANAL_MAIL_MAX_ATTEMPTS=2):
            send_available(running.pk)
            with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
                run_outbox()
        statuses = set(Delivery.objects.filter(dispatch=running).values_list("status", flat=True))
        assert statuses == {DeliveryStatus.FAILED}
        running.refresh_from_db()
        assert running.state == DispatchState.DONE

    def test_backoff_doubles_and_is_capped(self):
        with override_settings(ENKANAL_MAIL_RETRY_BASE_DELAY=10, ENKANAL_MAIL_RETRY_MAX_DELAY=60):
            delays = [backoff(n).total_seconds() for n in (1, 2, 3, 4, 5)]
        assert delays == [10, 20, 40, 60, 60]


class TestAnymailBatchSending:
    @pytest.fixture(autouse=True)
    def anymail_test_backend(self, settings):
        settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
        settings.ENKANAL_MAIL_BATCH_SIZE = 3

    def test_batches_use_merge_data_and_per_recipient_headers(self, running):
        send_available(running.pk)
        assert len(mail.outbox) == 2  # 5 recipients in batches of 3
        params = mail.outbox[0].anymail_test_params
        assert params["is_batch_send"] is True
        recipient = params["to"][0].addr_spec
        delivery = Delivery.objects.get(dispatch=running, email=recipient)
        assert params["merge_headers"][recipient]["Message-ID"] == delivery.message_id
        assert params["merge_metadata"][recipient] == {"delivery": str(delivery.pk)}
        assert "unsubscribe_url" in params["merge_data"][recipient]
        assert "{{unsubscribe_url}}" in params["text_body"]
        assert set(Delivery.objects.filter(dispatch=running).values_list("status", flat=True)) == {
            DeliveryStatus.SENT
        }

    def test_provider_errors_are_retried(self, running):
        from anymail.exceptions import AnymailAPIError

        from cms.mail import sending

        original = sending._hand_off_batch

        def failing(rendered, deliveries, connection, result, merge):
            for delivery in deliveries:
                result.retry[delivery.pk] = "AnymailAPIError: 503"

        sending._hand_off_batch = failing
        try:
            send_available(running.pk)
        finally:
            sending._hand_off_batch = original
        assert AnymailAPIError
        assert Delivery.objects.filter(dispatch=running, status=DeliveryStatus.PENDING).count() == 5


class TestRateLimit:
    def test_waits_to_stay_under_the_rate(self, monkeypatch):
        slept = []
        monkeypatch.setattr("time.sleep", slept.append)
        limiter = RateLimiter(rate=100)
        limiter.wait(50)
        assert slept == []  # the first batch goes at once
        limiter.wait(50)
        limiter.wait(50)
        # The clock stands still here: 50 handed off need 0.5 s, then 100 need 1 s.
        assert len(slept) == 2
        assert 0.45 < slept[0] <= 0.5 and 0.95 < slept[1] <= 1.0

    def test_zero_means_no_limit(self, monkeypatch):
        slept = []
        monkeypatch.setattr("time.sleep", slept.append)
        RateLimiter(rate=0).wait(10_000)
        assert slept == []


RECOVERED_DURING_SEND: list[int] = []


class SlowBackend(LocmemBackend):
    """Locmem, slow: each message takes 0.3 s; meanwhile another worker looks for dead claims."""

    def send_messages(self, messages):
        import time

        time.sleep(0.3)
        RECOVERED_DURING_SEND.append(recover_abandoned())
        return super().send_messages(messages)


# Real commits, so the lease keeper's own connection sees the claims it renews.
@pytest.mark.django_db(transaction=True)
class TestClaimLease:
    @pytest.fixture(autouse=True)
    def short_lease(self, settings):
        settings.ENKANAL_MAIL_CLAIM_LEASE = 0.6
        settings.ENKANAL_MAIL_BATCH_SIZE = 5
        RECOVERED_DURING_SEND.clear()

    def test_a_live_slow_batch_is_never_taken_over(self, running, settings):
        settings.EMAIL_BACKEND = "tests.mail.test_sending.SlowBackend"
        send_available(running.pk)  # 1.5 s for the batch, 2.5 leases
        assert RECOVERED_DURING_SEND == [0] * 5
        assert len(mail.outbox) == 5
        assert set(running.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    def test_a_dead_batch_is_taken_over_within_the_lease(self, running):
        import time

        claimed = claim(running.pk, 3)  # the worker dies with its batch in flight
        started = time.monotonic()
        assert recover_abandoned() == 0
        while not recover_abandoned():
            assert time.monotonic() - started < 0.6 + 0.5, "not taken over within the lease"
            time.sleep(0.05)
        send_available(running.pk)
        ids = {m.to[0]: m.extra_headers["Message-ID"] for m in mail.outbox}
        assert len(mail.outbox) == 5
        for delivery in claimed:
            assert ids[delivery.email] == delivery.message_id

    def test_a_restarted_worker_resumes_what_a_dead_one_left(self, running):
        import time

        from cms.mail.tasks import resume_unfinished

        claim(running.pk, 3)
        time.sleep(0.7)
        assert resume_unfinished()["recovered"] == 3
        assert len(mail.outbox) == 5


class RefusingBackend(LocmemBackend):
    """The provider stops answering once the connection is open, and cannot be reached again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened = False

    def open(self):
        if self.opened:
            raise ConnectionRefusedError(111, "Connection refused")
        self.opened = True
        return True

    def send_messages(self, messages):
        raise ConnectionResetError(104, "Connection reset by peer")


class ExpiringBackend(LocmemBackend):
    """Locmem; its first hand-off lets the leases of ``EXPIRE`` run out (their worker died)."""

    EXPIRE: list[int] = []

    def send_messages(self, messages):
        if ExpiringBackend.EXPIRE:
            past = timezone.now() - datetime.timedelta(seconds=1)
            Delivery.objects.filter(pk__in=ExpiringBackend.EXPIRE).update(lease_until=past)
            ExpiringBackend.EXPIRE = []
        return super().send_messages(messages)


class TestTakeOverWhileSending:
    def test_a_dead_batch_is_taken_over_by_a_worker_that_is_sending(self, running, settings):
        settings.ENKANAL_MAIL_BATCH_SIZE = 1
        settings.EMAIL_BACKEND = "tests.mail.test_sending.ExpiringBackend"
        dead = claim(running.pk, 2)  # another worker's batch, its lease still running
        ExpiringBackend.EXPIRE = [delivery.pk for delivery in dead]
        send_available(running.pk)  # the lease ends while this worker sends the others
        assert set(running.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}
        assert len(mail.outbox) == 5


class TestResumeAtStart:
    def test_a_restart_queues_parallel_runs_even_with_a_retry_queued_for_later(
        self, running, settings
    ):
        from django_tasks_db.models import DBTaskResult

        from cms.mail.tasks import resume_unfinished, send_dispatch

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.ENKANAL_MAIL_PARALLEL_TASKS = 3
        later = timezone.now() + datetime.timedelta(hours=1)
        send_dispatch.using(run_after=later).enqueue(running.pk)  # a retry, an hour away
        resume_unfinished()
        runs = DBTaskResult.objects.filter(task_path=send_dispatch.module_path)
        due_now = [run for run in runs if run.run_after > later]  # "no time" is the far future
        assert len(due_now) == 3
        resume_unfinished()  # a second worker starting: nothing more
        assert runs.count() == 4


class TestQueryPlans:
    """The claim and record UPDATEs find their rows by primary key, whatever the statistics."""

    @staticmethod
    def backlog(dispatch, size: int):
        """Other recipients of the same dispatch: sent, waiting and in flight elsewhere."""
        statuses = (DeliveryStatus.SENT, DeliveryStatus.PENDING, DeliveryStatus.SENDING)
        later = timezone.now() + datetime.timedelta(days=1)
        Delivery.objects.bulk_create(
            Delivery(
                dispatch=dispatch,
                email=f"backlog{index}@example.org",
                status=statuses[index % 3],
                next_attempt_at=later,
                lease_until=later if statuses[index % 3] == DeliveryStatus.SENDING else None,
                claim_token="another-worker"
                if statuses[index % 3] == DeliveryStatus.SENDING
                else "",
            )
            for index in range(size)
        )

    @staticmethod
    def updates_by_id(run):
        """The ``UPDATE mail_delivery … WHERE id IN (…)`` statements that ``run()`` makes."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with connection.cursor() as cursor:
            # Statistics as after a large dispatch; the plan must not depend on them.
            cursor.execute("ANALYZE")
        with CaptureQueriesContext(connection) as captured:
            run()
        return [
            query["sql"]
            for query in captured.captured_queries
            if query["sql"].startswith('UPDATE "mail_delivery"') and " IN (" in query["sql"]
        ]

    @staticmethod
    def assert_primary_key(sql: str):
        from django.db import connection

        plan = explain(connection, sql)
        assert "PRIMARY KEY" in plan or "mail_delivery_pkey" in plan, (sql, plan)

    @pytest.mark.parametrize("backlog", [0, 5000], ids=["small", "after-a-large-dispatch"])
    def test_claim_and_record_updates_use_the_primary_key(self, running, backlog):
        self.backlog(running, backlog)
        updates = self.updates_by_id(lambda: send_available(running.pk))
        assert len(updates) >= 2  # the claim and the record
        for sql in updates:
            self.assert_primary_key(sql)

    @pytest.mark.parametrize("backlog", [0, 5000], ids=["small", "after-a-large-dispatch"])
    def test_a_released_batch_is_found_by_primary_key(self, running, backlog, settings):
        settings.EMAIL_BACKEND = "tests.mail.test_sending.RefusingBackend"
        self.backlog(running, backlog)
        updates = self.updates_by_id(lambda: send_available(running.pk))
        released = [sql for sql in updates if "\"claim_token\" = ''" in sql]
        assert len(released) == 1, updates  # the provider stopped answering: released
        self.assert_primary_key(released[0])
        mine = running.deliveries.filter(email__startswith="person")
        assert set(mine.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 0)}


class TestRelease:
    def test_a_release_leaves_a_claim_another_worker_took_over(self, running):
        from cms.mail.sending import HandOffResult, record

        mine = claim(running.pk, 5)
        # The lease ran out, the batch was taken over and claimed again by another worker.
        Delivery.objects.filter(pk__in=[d.pk for d in mine]).update(claim_token="theirs")
        result = HandOffResult()
        result.release(mine, "ConnectionRefusedError: [Errno 111] Connection refused")
        record(result)
        rows = set(running.deliveries.values_list("status", "claim_token", "attempts"))
        assert rows == {(DeliveryStatus.SENDING, "theirs", 1)}

    def test_a_release_puts_its_own_claim_back_without_counting_the_attempt(self, running):
        from cms.mail.sending import HandOffResult, record

        mine = claim(running.pk, 5)
        result = HandOffResult()
        result.release(mine, "ConnectionRefusedError: [Errno 111] Connection refused")
        record(result)
        rows = set(running.deliveries.values_list("status", "claim_token", "attempts"))
        assert rows == {(DeliveryStatus.PENDING, "", 0)}
