"""Anymail tracking webhooks: credentials, signatures, delivery figures and suppression."""

import base64
import datetime
import hashlib
import hmac
import json
import time

import pytest

from cms.mail.dispatching import start_dispatch
from cms.mail.factories import SubscriberFactory
from cms.mail.models import (
    Channel,
    Delivery,
    DeliveryStatus,
    Dispatch,
    ReleaseKind,
    Suppression,
    SuppressionReason,
)

pytestmark = pytest.mark.django_db

POSTMARK = "/e-post/webhooks/postmark/tracking/"
MAILGUN = "/e-post/webhooks/mailgun/tracking/"
SECRET = "hook:s3cret"


@pytest.fixture(autouse=True)
def anymail_settings(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "signing-key"}


@pytest.fixture
def delivery(db):
    dispatch = Dispatch.objects.create(
        title="Nyhet", channel=Channel.SUBSCRIBERS, release_kind=ReleaseKind.EXTERNAL
    )
    subscriber = SubscriberFactory(email="anna@example.org")
    return Delivery.objects.create(
        dispatch=dispatch,
        email="anna@example.org",
        subscriber=subscriber,
        status=DeliveryStatus.SENT,
        esp_message_id="pm-1",
    )


def auth(credentials=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def postmark(client, payload, credentials=SECRET):
    return client.post(
        POSTMARK, json.dumps(payload), content_type="application/json", **auth(credentials)
    )


def bounce(delivery, kind="HardBounce"):
    return {
        "RecordType": "Bounce",
        "Type": kind,
        "MessageID": "pm-1",
        "Email": delivery.email,
        "BouncedAt": "2026-11-26T10:00:00Z",
        "Metadata": {"delivery": str(delivery.pk)},
        "Description": "The server was unable to deliver your message",
    }


class TestCredentials:
    def test_wrong_basic_auth_gets_401_and_changes_nothing(self, client, delivery):
        response = postmark(client, bounce(delivery), credentials="hook:wrong")
        assert response.status_code == 401
        delivery.refresh_from_db()
        assert delivery.bounced_at is None and not Suppression.objects.exists()

    def test_missing_auth_gets_401(self, client, delivery):
        response = client.post(
            POSTMARK, json.dumps(bounce(delivery)), content_type="application/json"
        )
        assert response.status_code == 401

    def test_wrong_signature_gets_401_and_changes_nothing(self, client, delivery):
        payload = {
            "signature": {"token": "t", "timestamp": str(int(time.time())), "signature": "0" * 64},
            "event-data": {
                "event": "failed",
                "severity": "permanent",
                "recipient": delivery.email,
                "timestamp": time.time(),
                "message": {"headers": {"message-id": "pm-1"}},
            },
        }
        response = client.post(
            MAILGUN, json.dumps(payload), content_type="application/json", **auth()
        )
        assert response.status_code == 401
        assert not Suppression.objects.exists()

    def test_valid_signature_is_accepted(self, client, delivery):
        timestamp, token = str(int(time.time())), "abc"
        signature = hmac.new(b"signing-key", f"{timestamp}{token}".encode(), hashlib.sha256)
        payload = {
            "signature": {
                "token": token,
                "timestamp": timestamp,
                "signature": signature.hexdigest(),
            },
            "event-data": {
                "event": "complained",
                "recipient": delivery.email,
                "timestamp": time.time(),
                "message": {"headers": {"message-id": "pm-1"}},
                "user-variables": {"delivery": str(delivery.pk)},
            },
        }
        response = client.post(
            MAILGUN, json.dumps(payload), content_type="application/json", **auth()
        )
        assert response.status_code == 200
        assert Suppression.objects.get().reason == SuppressionReason.COMPLAINED


class TestEvents:
    def test_hard_bounce_suppresses_the_address(self, client, delivery):
        assert postmark(client, bounce(delivery)).status_code == 200
        delivery.refresh_from_db()
        assert delivery.bounced_at is not None and delivery.last_event == "bounced"
        assert Suppression.objects.get(email=delivery.email).reason == SuppressionReason.BOUNCED

    def test_soft_bounce_does_not(self, client, delivery):
        postmark(client, bounce(delivery, kind="SoftBounce"))
        assert not Suppression.objects.exists()

    def test_delivered_and_opened_are_recorded(self, client, delivery):
        postmark(
            client,
            {
                "RecordType": "Delivery",
                "MessageID": "pm-1",
                "Recipient": delivery.email,
                "DeliveredAt": "2026-11-26T10:00:00Z",
                "Metadata": {"delivery": str(delivery.pk)},
            },
        )
        postmark(
            client,
            {
                "RecordType": "Open",
                "MessageID": "pm-1",
                "Recipient": delivery.email,
                "ReceivedAt": "2026-11-26T10:05:00Z",
                "Metadata": {"delivery": str(delivery.pk)},
            },
        )
        delivery.refresh_from_db()
        assert delivery.delivered_at and delivery.opened_at

    def test_unsubscribe_event_ends_the_subscription(self, client, delivery):
        postmark(
            client,
            {
                "RecordType": "SubscriptionChange",
                "MessageID": "pm-1",
                "Recipient": delivery.email,
                "SuppressSending": True,
                "SuppressionReason": "ManualSuppression",
                "ChangedAt": "2026-11-26T10:00:00Z",
                "Metadata": {"delivery": str(delivery.pk)},
            },
        )
        assert Suppression.objects.get().reason == SuppressionReason.UNSUBSCRIBED
        delivery.subscriber.refresh_from_db()
        assert not delivery.subscriber.is_active

    def test_future_dispatches_skip_suppressed_addresses(self, client, delivery, publish, org):
        postmark(client, bounce(delivery))
        page = publish("news", audience_codes=("residents",))
        page.refresh_from_db()
        dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
        start_dispatch(dispatch.pk, now=page.external_release_at + datetime.timedelta(seconds=1))
        skipped = dispatch.deliveries.get(email=delivery.email)
        assert skipped.status == DeliveryStatus.SKIPPED and skipped.error == "suppressed"


class TestSoftBounces:
    def test_a_soft_bounce_is_not_counted_as_bounced(self, client, delivery):
        assert postmark(client, bounce(delivery, kind="SoftBounce")).status_code == 200
        delivery.refresh_from_db()
        assert delivery.bounced_at is None and delivery.last_event == "bounced"
        assert not Suppression.objects.exists()
        assert Dispatch.objects.with_progress().get(pk=delivery.dispatch_id).n_bounced == 0

    def test_a_hard_bounce_is(self, client, delivery):
        postmark(client, bounce(delivery))
        assert Dispatch.objects.with_progress().get(pk=delivery.dispatch_id).n_bounced == 1


class TestWithoutSecret:
    @pytest.fixture(autouse=True)
    def no_secret(self, settings):
        settings.ANYMAIL = {"MAILGUN_WEBHOOK_SIGNING_KEY": "signing-key"}

    def test_a_complaint_is_refused_and_suppresses_nobody(self, client, delivery):
        complaint = {**bounce(delivery), "RecordType": "SpamComplaint", "Type": "SpamComplaint"}
        for credentials in (SECRET, "anything:at-all"):
            response = postmark(client, complaint, credentials=credentials)
            assert response.status_code == 403
            assert "ingen hemlighet" in response.content.decode()
        response = client.post(POSTMARK, json.dumps(complaint), content_type="application/json")
        assert response.status_code == 403
        assert not Suppression.objects.exists()

    def test_an_unsubscribe_is_refused(self, client, delivery):
        response = postmark(
            client,
            {
                "RecordType": "SubscriptionChange",
                "MessageID": "pm-1",
                "Recipient": delivery.email,
                "SuppressSending": True,
                "ChangedAt": "2026-11-26T10:00:00Z",
            },
        )
        assert response.status_code == 403
        delivery.subscriber.refresh_from_db()
        assert delivery.subscriber.is_active

    def test_check_deploy_says_so(self, settings):
        from django.core import checks

        settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
        errors = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        assert "enkanal_mail.E001" in {error.id for error in errors}
        settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
        errors = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        assert "enkanal_mail.E001" not in {error.id for error in errors}

    def test_production_refuses_to_start_without_it(self, tmp_path):
        from tests.core.test_settings import import_settings, production_env

        postmark_env = production_env(
            tmp_path, EMAIL_BACKEND="anymail.backends.postmark.EmailBackend"
        )
        result = import_settings(postmark_env, "cms.settings.production")
        assert result.returncode != 0
        assert "ANYMAIL_WEBHOOK_SECRET is required" in result.stderr
        result = import_settings(
            {**postmark_env, "ANYMAIL_WEBHOOK_SECRET": "hook:long-secret"},
            "cms.settings.production",
        )
        assert result.returncode == 0, result.stderr
        smtp = import_settings(production_env(tmp_path), "cms.settings.production")
        assert smtp.returncode == 0, smtp.stderr
