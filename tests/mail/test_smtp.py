"""Sending through Django's SMTP backend, against a local aiosmtpd server."""

import datetime
from email import message_from_bytes, policy

import pytest

from cms.mail.dispatching import start_dispatch
from cms.mail.factories import SubscriberFactory
from cms.mail.models import Channel, Delivery, DeliveryStatus, Dispatch
from cms.mail.sending import send_available

pytestmark = pytest.mark.django_db


class TestSmtpBackend:
    def test_every_recipient_gets_one_message_with_its_headers(
        self, settings, smtp_sink, publish, org
    ):
        sink, port = smtp_sink
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.ENKANAL_MAIL_BATCH_SIZE = 4
        for index in range(10):
            SubscriberFactory(
                email=f"smtp{index}@example.org", language="en" if index % 2 else "sv"
            )
        page = publish("news", audience_codes=("residents",), title="Ny skolgård")
        page.refresh_from_db()
        dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
        start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
        send_available(dispatch.pk)

        assert sorted(r for r, _id in sink.received) == sorted(
            f"smtp{index}@example.org" for index in range(10)
        )
        for raw in sink.messages:
            message = message_from_bytes(raw, policy=policy.default)
            recipient = message["To"]
            delivery = Delivery.objects.get(dispatch=dispatch, email=recipient)
            assert message["Message-ID"] == delivery.message_id
            assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert message["List-Unsubscribe"].strip().startswith("<http")
            assert message.get_body(("plain",)) and message.get_body(("html",))
            assert "Ny skolgård" in message.get_body(("plain",)).get_content()
        assert set(dispatch.deliveries.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    def test_an_unreachable_server_is_retried_later(self, settings, publish, org):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
        SubscriberFactory(email="nobody@example.org")
        page = publish("news", audience_codes=("residents",))
        page.refresh_from_db()
        dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
        start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
        assert send_available(dispatch.pk) == 0
        delivery = dispatch.deliveries.get()
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0
        dispatch.refresh_from_db()
        assert dispatch.is_paused and "ConnectionRefusedError" in dispatch.pause_error
