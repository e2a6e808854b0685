"""Sending under real faults, against a local SMTP server (aiosmtpd) that misbehaves.

The server answers 421/451/452/550/553/554 per recipient or per transaction, drops
the connection before acknowledging DATA, refuses connections for a while or greets
with 421. For each fault: nobody is lost, a recorded hand-off is never repeated, the
attempts are as specified, and an outage pauses the dispatch, which resumes by itself.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import socket
import threading
import time
from collections import Counter
from email.parser import BytesHeaderParser

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from cms.mail.dispatching import start_dispatch
from cms.mail.factories import SubscriberFactory
from cms.mail.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Dispatch,
    DispatchState,
    Suppression,
    SuppressionReason,
)
from cms.mail.sending import send_available
from cms.mail.tasks import run_outbox

pytestmark = pytest.mark.django_db

RECIPIENTS = 12
#: How long a hanging server keeps a DATA command unanswered (past EMAIL_TIMEOUT).
HANG_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FaultyHandler:
    """Replies as told: per recipient, per transaction (MAIL, DATA), or by dropping.

    ``rcpt[address]``, ``mail`` and ``data`` are lists of replies used up one by one;
    once a list is empty the server says 250. ``drops`` DATA commands are answered by
    closing the connection (the message is not accepted); ``hangs`` DATA commands get
    no answer for ``HANG_SECONDS`` and then a closed connection. ``down`` closes every new
    connection at once. Accepted messages are kept as ``(recipient, Message-ID)``.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.rcpt: dict[str, list[str]] = {}
        self.mail: list[str] = []
        self.data: list[str] = []
        self.drops = 0
        self.hangs = 0
        self.down_after: int | None = None
        self.down = False
        self.received: list[tuple[str, str]] = []

    def _next(self, replies):
        with self.lock:
            return replies.pop(0) if replies else None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self._next(self.mail)
        if reply:
            return reply
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._next(self.rcpt.get(address.lower()))
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            hang = self.hangs > 0
            self.hangs = max(self.hangs - 1, 0)
        if hang:
            await asyncio.sleep(HANG_SECONDS)
            server.transport.close()
            return "250 OK"  # never reaches the client, which gave up
        with self.lock:
            drop = self.drops > 0 or self.down
            self.drops = max(self.drops - 1, 0)
        if not drop:
            reply = self._next(self.data)
            if reply:
                return reply
        if drop:
            server.transport.close()
            return "250 OK"  # never reaches the client
        headers = BytesHeaderParser().parsebytes(envelope.content)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient.lower(), headers.get("Message-ID", "")))
            if self.down_after is not None and len(self.received) >= self.down_after:
                self.down, self.down_after = True, None
        return "250 OK"


class FaultySmtp(SMTP):
    """aiosmtpd's server, closing new connections while its handler is ``down``."""

    def connection_made(self, transport):
        super().connection_made(transport)
        if self.event_handler.down:
            transport.close()


class FaultyController(Controller):
    def factory(self):
        return FaultySmtp(self.handler, **self.SMTP_kwargs)


class Server:
    """The faulty server on a fixed port, which can be stopped (refused) and restarted."""

    def __init__(self):
        self.handler = FaultyHandler()
        self.port = free_port()
        self.controller = None
        self.greeter = None

    def start(self):
        self.controller = FaultyController(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def greet_421(self):
        """Answer every connection with ``421`` and close it (an overloaded server)."""
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        listener.settimeout(0.1)
        stop = threading.Event()

        def serve():
            while not stop.is_set():
                try:
                    client, _address = listener.accept()
                except TimeoutError:
                    continue
                with client:
                    client.sendall(b"421 4.3.2 Service not available, try later\r\n")
            listener.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        self.greeter = (stop, thread)

    def stop_greeting(self):
        stop, thread = self.greeter
        stop.set()
        thread.join()
        self.greeter = None

    @property
    def counts(self) -> Counter:
        return Counter(recipient for recipient, _message_id in self.handler.received)


@pytest.fixture
def server(settings):
    server = Server()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_TIMEOUT = 5
    settings.ENKANAL_MAIL_BATCH_SIZE = 5
    settings.ENKANAL_MAIL_MAX_ATTEMPTS = 3
    # Retries are due at once, so the tests run in real time without waiting.
    settings.ENKANAL_MAIL_RETRY_BASE_DELAY = 0
    settings.ENKANAL_MAIL_OUTAGE_BASE_DELAY = 0.2
    settings.ENKANAL_MAIL_OUTAGE_MAX_DELAY = 1
    yield server
    server.stop()
    if server.greeter:
        server.stop_greeting()


@pytest.fixture
def running(org, publish):
    """A running subscribers dispatch with ``RECIPIENTS`` recipients."""
    for index in range(RECIPIENTS):
        SubscriberFactory(email=f"r{index:02d}@example.org")
    page = publish("news", audience_codes=("residents",))
    page.refresh_from_db()
    dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
    start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
    return dispatch


def send_until_done(dispatch, timeout=20.0) -> float:
    """Run the sweep as a worker would until the dispatch is done; seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        run_outbox()
        dispatch.refresh_from_db()
        if dispatch.state == DispatchState.DONE:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"dispatch not done after {timeout} s: {status_counts(dispatch)}")


def status_counts(dispatch) -> Counter:
    return Counter(dispatch.deliveries.values_list("status", flat=True))


def attempts_of(dispatch, email) -> int:
    return Delivery.objects.get(dispatch=dispatch, email=email).attempts


def everyone() -> set[str]:
    return {f"r{index:02d}@example.org" for index in range(RECIPIENTS)}


def assert_everyone_once(server, but=()):
    counts = server.counts
    assert set(counts) == everyone() - set(but), "somebody was lost"
    assert max(counts.values()) == 1, f"a recorded hand-off was repeated: {counts}"


class TestTemporaryRecipientReplies:
    @pytest.mark.parametrize(
        "reply",
        ["451 4.7.1 Greylisted, try again later", "452 4.2.2 Mailbox full", "421 4.7.0 Busy"],
    )
    def test_4xx_at_rcpt_is_retried_not_failed(self, server, running, reply):
        slow = ["r01@example.org", "r07@example.org"]
        for address in slow:
            server.handler.rcpt[address] = [reply, reply]
        send_until_done(running)
        assert_everyone_once(server)
        assert status_counts(running) == {DeliveryStatus.SENT: RECIPIENTS}
        for address in slow:
            assert attempts_of(running, address) == 3
        assert attempts_of(running, "r02@example.org") == 1

    def test_4xx_until_the_last_attempt_is_a_visible_failure(self, server, running, settings):
        server.handler.rcpt["r03@example.org"] = ["451 4.3.0 Try again later"] * 10
        send_until_done(running)
        delivery = Delivery.objects.get(dispatch=running, email="r03@example.org")
        assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
        assert "451" in delivery.error
        assert not Suppression.objects.exists()
        assert_everyone_once(server, but=["r03@example.org"])


class TestPermanentRecipientReplies:
    @pytest.mark.parametrize(
        ("reply", "suppressed"),
        [
            ("550 5.1.1 <r04@example.org>: Recipient address rejected: User unknown", True),
            ("550 No such user here", True),
            ("553 5.1.3 Bad recipient address syntax", True),
            ("554 5.7.1 Rejected by policy", False),
            ("550 5.7.1 Message refused as spam", False),
        ],
    )
    def test_5xx_at_rcpt_fails_at_once_and_only_no_such_user_suppresses(
        self, server, running, reply, suppressed
    ):
        server.handler.rcpt["r04@example.org"] = [reply] * 10
        send_until_done(running)
        delivery = Delivery.objects.get(dispatch=running, email="r04@example.org")
        assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 1
        assert reply.split()[0] in delivery.error
        assert_everyone_once(server, but=["r04@example.org"])
        suppression = Suppression.objects.filter(email="r04@example.org").first()
        if suppressed:
            assert suppression and suppression.reason == SuppressionReason.BOUNCED
            assert delivery.bounced_at is not None
        else:
            assert suppression is None and delivery.bounced_at is None
        assert Dispatch.objects.with_progress().get(pk=running.pk).n_bounced == int(suppressed)


class TestTransactionReplies:
    @pytest.mark.parametrize(
        ("where", "reply"),
        [
            ("mail", "451 4.3.0 Temporary failure"),
            ("mail", "452 4.3.1 Insufficient system storage"),
            ("mail", "421 4.3.2 Shutting down"),
            ("data", "451 4.3.0 Queue busy"),
            ("data", "452 4.3.1 Insufficient system storage"),
        ],
    )
    def test_4xx_for_the_transaction_is_retried(self, server, running, where, reply):
        getattr(server.handler, where).extend([reply] * 3)
        send_until_done(running)
        assert_everyone_once(server)
        assert status_counts(running) == {DeliveryStatus.SENT: RECIPIENTS}
        attempts = sorted(running.deliveries.values_list("attempts", flat=True))
        assert sum(attempts) == RECIPIENTS + 3  # the three refused transactions counted

    def test_5xx_for_the_transaction_is_permanent_and_not_suppressed(self, server, running):
        server.handler.data.append("554 5.6.0 Message content rejected")
        send_until_done(running)
        failed = running.deliveries.get(status=DeliveryStatus.FAILED)
        assert failed.attempts == 1 and "554" in failed.error
        assert not Suppression.objects.exists()
        assert_everyone_once(server, but=[failed.email])

    def test_a_server_that_hangs_at_data_times_out_and_is_retried(self, server, running, settings):
        settings.EMAIL_TIMEOUT = 1  # past it the client gives up; the server never answers
        server.handler.hangs = 1
        started = time.monotonic()
        send_until_done(running)
        assert time.monotonic() - started < HANG_SECONDS / 2  # not waiting for the server
        assert_everyone_once(server)
        assert sorted(running.deliveries.values_list("attempts", flat=True)) == [1] * 11 + [2]

    def test_a_connection_dropped_before_data_is_acknowledged_is_retried(self, server, running):
        server.handler.drops = 2
        send_until_done(running)
        assert_everyone_once(server)
        attempts = sorted(running.deliveries.values_list("attempts", flat=True))
        assert attempts == [1] * (RECIPIENTS - 2) + [2, 2]
        running.refresh_from_db()
        assert not running.is_paused


class TestOutages:
    def test_refused_connections_pause_and_resume_by_themselves(self, server, running, settings):
        server.stop()
        run_outbox()
        running.refresh_from_db()
        assert running.is_paused and running.state == DispatchState.RUNNING
        assert "ConnectionRefused" in running.pause_error
        for _round in range(10):  # the sweep and tasks keep trying while it is down
            run_outbox()
            time.sleep(0.05)
        assert set(running.deliveries.values_list("attempts", flat=True)) == {0}
        assert status_counts(running) == {DeliveryStatus.PENDING: RECIPIENTS}
        running.refresh_from_db()
        assert running.state == DispatchState.RUNNING  # never done while recipients wait
        server.start()
        resumed_in = send_until_done(running)
        # The next try after the provider answers again (and a shared machine's slack).
        assert resumed_in < settings.ENKANAL_MAIL_OUTAGE_MAX_DELAY + 5
        assert_everyone_once(server)
        running.refresh_from_db()
        assert not running.is_paused and running.outages == 0
        assert set(running.deliveries.values_list("attempts", flat=True)) == {1}

    def test_421_on_connect_pauses(self, server, running):
        server.stop()
        server.greet_421()
        run_outbox()
        running.refresh_from_db()
        assert running.is_paused and "421" in running.pause_error
        assert set(running.deliveries.values_list("attempts", flat=True)) == {0}
        server.stop_greeting()
        server.start()
        send_until_done(running)
        assert_everyone_once(server)

    def test_an_outage_in_the_middle_of_a_batch_costs_no_attempt(self, server, running):
        server.handler.down_after = 3  # the server goes away after three messages
        send_available(running.pk)
        running.refresh_from_db()
        assert running.is_paused
        assert status_counts(running) == {
            DeliveryStatus.SENT: 3,
            DeliveryStatus.PENDING: RECIPIENTS - 3,
        }
        assert set(
            running.deliveries.filter(status=DeliveryStatus.PENDING).values_list(
                "attempts", flat=True
            )
        ) == {0}
        server.handler.down = False
        send_until_done(running)
        assert_everyone_once(server)

    def test_time_to_resume_after_an_outage(self, server, running, settings):
        """The figure for the README: the outage lasts ``ENKANAL_TEST_OUTAGE`` seconds."""
        outage = float(os.environ.get("ENKANAL_TEST_OUTAGE", "2"))
        settings.ENKANAL_MAIL_OUTAGE_BASE_DELAY = 0.5
        settings.ENKANAL_MAIL_OUTAGE_MAX_DELAY = 2
        server.stop()
        threading.Timer(outage, server.start).start()
        back = time.monotonic() + outage
        send_until_done(running, timeout=outage + 20)
        resumed_after = time.monotonic() - back
        print(f"outage {outage:.0f} s: all sent {resumed_after:.2f} s after the server was back")
        assert resumed_after < settings.ENKANAL_MAIL_OUTAGE_MAX_DELAY + 5
        assert_everyone_once(server)
        assert set(running.deliveries.values_list("attempts", flat=True)) == {1}
