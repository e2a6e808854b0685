"""Subscriptions through the public API: double opt-in, links, no enumeration, rate limit."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from cms.mail import tokens
from cms.mail.factories import SubscriberFactory
from cms.mail.models import ConsentAction, ConsentRecord, Frequency, Subscriber
from cms.snippets.factories import TopicFactory

pytestmark = pytest.mark.django_db

API = "/api/public/mail"


@pytest.fixture(autouse=True)
def clean(settings, django_capture_on_commit_callbacks):
    cache.clear()
    mail.outbox = []
    settings.ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT = 100


@pytest.fixture
def topics(db):
    return [TopicFactory(name="Skola", slug="skola"), TopicFactory(name="Trafik", slug="trafik")]


def subscribe(client, django_capture_on_commit_callbacks, **data):
    payload = {"email": "anna@example.org", "topics": ["skola"], **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"{API}/subscriptions", payload, content_type="application/json")


def link_token(message, kind):
    match = re.search(rf"/e-post/{kind}/([^/\s\"]+)/", message.body)
    assert match, message.body
    return match.group(1)


class TestSubscribe:
    def test_double_opt_in(self, client, topics, django_capture_on_commit_callbacks):
        response = subscribe(client, django_capture_on_commit_callbacks, language="en")
        assert response.status_code == 202
        subscriber = Subscriber.objects.get(email="anna@example.org")
        assert not subscriber.is_active
        assert len(mail.outbox) == 1
        token = link_token(mail.outbox[0], "bekrafta")
        response = client.post(
            f"{API}/subscriptions/confirm", {"token": token}, content_type="application/json"
        )
        assert response.json()["status"] == "confirmed"
        subscriber.refresh_from_db()
        assert subscriber.is_active and subscriber.language == "en"
        actions = list(subscriber.consent_records.values_list("action", flat=True))
        assert actions == [ConsentAction.REQUESTED, ConsentAction.CONFIRMED]
        record = subscriber.consent_records.last()
        assert record.text_version and record.agreed_to["topics"] == ["skola"]

    def test_same_answer_whether_or_not_the_address_is_known(
        self, client, topics, django_capture_on_commit_callbacks
    ):
        SubscriberFactory(email="known@example.org")
        known = subscribe(client, django_capture_on_commit_callbacks, email="known@example.org")
        unknown = subscribe(client, django_capture_on_commit_callbacks, email="new@example.org")
        assert known.status_code == unknown.status_code == 202
        assert known.json() == unknown.json()

    def test_a_known_subscribers_choices_are_not_changed_by_others(
        self, client, topics, django_capture_on_commit_callbacks
    ):
        SubscriberFactory(email="known@example.org", frequency=Frequency.WEEKLY)
        subscribe(client, django_capture_on_commit_callbacks, email="known@example.org")
        assert Subscriber.objects.get(email="known@example.org").frequency == Frequency.WEEKLY
        assert "/e-post/installningar/" in mail.outbox[0].body

    def test_invalid_input_is_refused_with_a_clear_message(
        self, client, topics, django_capture_on_commit_callbacks
    ):
        for data, message in [
            ({"email": "inte-en-adress"}, "Ogiltig e-postadress."),
            ({"language": "xx"}, "Okänt språk."),
            ({"frequency": "hourly"}, "Okänt val av hur ofta."),
            ({"topics": ["finns-inte"]}, "Okänt ämne."),
        ]:
            response = subscribe(client, django_capture_on_commit_callbacks, **data)
            assert response.status_code == 422, data
            assert response.json()["detail"] == message
        assert not Subscriber.objects.exists()

    def test_rate_limited(self, client, topics, settings, django_capture_on_commit_callbacks):
        settings.ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT = 2
        codes = [
            subscribe(
                client, django_capture_on_commit_callbacks, email=f"x{n}@example.org"
            ).status_code
            for n in range(3)
        ]
        assert codes == [202, 202, 429]
        assert Subscriber.objects.count() == 2

    def test_rate_limited_per_resident_behind_the_frontend(
        self, client, topics, settings, django_capture_on_commit_callbacks
    ):
        settings.ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT = 2
        settings.ENKANAL_TRUSTED_PROXIES = ["10.1.0.8/32"]

        def send(n, resident, remote="10.1.0.8"):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(
                    f"{API}/subscriptions",
                    {"email": f"r{n}@example.org", "topics": ["skola"]},
                    content_type="application/json",
                    REMOTE_ADDR=remote,
                    HTTP_X_FORWARDED_FOR=resident,
                ).status_code

        assert [send(n, f"198.51.100.{n}") for n in range(20)] == [202] * 20
        assert [send(20 + n, "198.51.100.1") for n in range(2)] == [202, 429]
        forged = [send(30 + n, f"192.0.2.{n}", remote="203.0.113.5") for n in range(3)]
        assert forged == [202, 202, 429]

    def test_confirmation_is_not_resent_at_once(
        self, client, topics, django_capture_on_commit_callbacks
    ):
        subscribe(client, django_capture_on_commit_callbacks)
        subscribe(client, django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 1


class TestLinks:
    def test_tampered_confirmation_link_changes_nothing(self, client, topics):
        subscriber = SubscriberFactory(confirmed_at=None)
        token = tokens.subscriber_token(subscriber, "confirm")
        response = client.post(
            f"{API}/subscriptions/confirm",
            {"token": token[:-2] + "xx"},
            content_type="application/json",
        )
        assert (
            response.status_code == 400 and response.json()["errors"][0]["type"] == "link_invalid"
        )
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None

    def test_expired_confirmation_link_changes_nothing(self, client, topics):
        subscriber = SubscriberFactory(confirmed_at=None)
        token = tokens.subscriber_token(subscriber, "confirm")
        later = timezone.now() + datetime.timedelta(days=8)
        with time_machine.travel(later):
            response = client.post(
                f"{API}/subscriptions/confirm", {"token": token}, content_type="application/json"
            )
        assert (
            response.status_code == 400 and response.json()["errors"][0]["type"] == "link_expired"
        )
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None

    def test_replayed_confirmation_says_so(self, client, topics):
        subscriber = SubscriberFactory(confirmed_at=None)
        token = tokens.subscriber_token(subscriber, "confirm")
        first = client.post(
            f"{API}/subscriptions/confirm", {"token": token}, content_type="application/json"
        )
        second = client.post(
            f"{API}/subscriptions/confirm", {"token": token}, content_type="application/json"
        )
        assert first.json()["status"] == "confirmed"
        assert second.json()["status"] == "already"
        assert ConsentRecord.objects.filter(action=ConsentAction.CONFIRMED).count() == 1

    def test_a_confirmation_token_is_no_preferences_token(self, client, topics):
        subscriber = SubscriberFactory()
        token = tokens.subscriber_token(subscriber, "confirm")
        response = client.get(f"{API}/preferences", {"token": token})
        assert response.status_code == 400

    def test_preferences_by_signed_link(self, client, topics):
        subscriber = SubscriberFactory(topics=[topics[0]])
        token = tokens.subscriber_token(subscriber, "preferences")
        response = client.get(f"{API}/preferences", {"token": token})
        assert response.json()["topics"] == ["skola"]
        response = client.put(
            f"{API}/preferences",
            {"token": token, "topics": ["trafik"], "frequency": "weekly", "language": "en"},
            content_type="application/json",
        )
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.frequency == "weekly" and subscriber.language == "en"
        assert list(subscriber.topics.values_list("slug", flat=True)) == ["trafik"]
        assert subscriber.consent_records.filter(action=ConsentAction.CHANGED).exists()

    def test_unsubscribe_with_the_preferences_token(self, client, topics):
        subscriber = SubscriberFactory()
        token = tokens.subscriber_token(subscriber, "preferences")
        response = client.post(
            f"{API}/unsubscribe", {"token": token}, content_type="application/json"
        )
        assert response.json()["status"] == "unsubscribed"
        subscriber.refresh_from_db()
        assert not subscriber.is_active
        # The link is void now: replaying it changes nothing and says so.
        response = client.post(
            f"{API}/unsubscribe", {"token": token}, content_type="application/json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["type"] == "link_used"
