"""Signed-link pages, one-click unsubscribe (RFC 8058) and erasure."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.mail import tokens
from cms.mail.factories import SubscriberFactory
from cms.mail.models import (
    Channel,
    ConsentRecord,
    Delivery,
    DeliveryStatus,
    Dispatch,
    ReleaseKind,
    Subscriber,
    Suppression,
    SuppressionReason,
)
from cms.mail.subscriptions import erase

pytestmark = pytest.mark.django_db


def delivery_for(email, subscriber=None, status=DeliveryStatus.SENT, title="Test"):
    dispatch, _created = Dispatch.objects.get_or_create(
        title=title, channel=Channel.SUBSCRIBERS, release_kind=ReleaseKind.EXTERNAL
    )
    return Delivery.objects.create(
        dispatch=dispatch, email=email, subscriber=subscriber, status=status
    )


class TestOneClickUnsubscribe:
    def test_get_changes_nothing(self, client):
        subscriber = SubscriberFactory()
        delivery = delivery_for(subscriber.email, subscriber)
        response = client.get(f"/e-post/avregistrera/{tokens.unsubscribe_token(delivery.pk)}/")
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.is_active

    def test_one_click_post_unsubscribes_a_subscriber(self, client):
        subscriber = SubscriberFactory()
        delivery = delivery_for(subscriber.email, subscriber)
        pending = delivery_for(subscriber.email, subscriber, DeliveryStatus.PENDING, "Nästa")
        url = f"/e-post/avregistrera/{tokens.unsubscribe_token(delivery.pk)}/"
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert not subscriber.is_active
        pending.refresh_from_db()
        assert pending.status == DeliveryStatus.CANCELLED
        again = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert again.status_code == 200 and "redan" in again.content.decode()

    def test_staff_and_media_contacts_go_on_the_suppression_list(self, client):
        delivery = delivery_for("larare@ekby.example")
        client.post(f"/e-post/avregistrera/{tokens.unsubscribe_token(delivery.pk)}/")
        suppression = Suppression.objects.get(email="larare@ekby.example")
        assert suppression.reason == SuppressionReason.UNSUBSCRIBED

    def test_tampered_link_changes_nothing_and_says_so(self, client):
        delivery = delivery_for("larare@ekby.example")
        token = tokens.unsubscribe_token(delivery.pk)
        response = client.post(f"/e-post/avregistrera/{token[:-3]}abc/")
        assert response.status_code == 400
        assert "ogiltig" in response.content.decode()
        assert not Suppression.objects.exists()


class TestConfirmPage:
    def test_get_shows_a_button_and_post_confirms(self, client):
        subscriber = SubscriberFactory(confirmed_at=None)
        url = f"/e-post/bekrafta/{tokens.subscriber_token(subscriber, 'confirm')}/"
        assert client.get(url).status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None
        assert client.post(url).status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.is_active

    def test_expired_link(self, client):
        subscriber = SubscriberFactory(confirmed_at=None)
        url = f"/e-post/bekrafta/{tokens.subscriber_token(subscriber, 'confirm')}/"
        import time_machine

        with time_machine.travel(timezone.now() + datetime.timedelta(days=30)):
            response = client.post(url)
        assert response.status_code == 400 and "gått ut" in response.content.decode()


class TestPreferencesPage:
    def test_save_choices(self, client):
        from cms.snippets.factories import TopicFactory

        topic = TopicFactory(slug="skola")
        subscriber = SubscriberFactory()
        url = f"/e-post/installningar/{tokens.subscriber_token(subscriber, 'preferences')}/"
        assert "Dina val" in client.get(url).content.decode()
        client.post(url, {"topics": ["skola"], "frequency": "weekly", "language": "sv"})
        subscriber.refresh_from_db()
        assert subscriber.frequency == "weekly"
        assert list(subscriber.topics.all()) == [topic]


class TestErasure:
    def test_leaves_no_personal_data(self):
        subscriber = SubscriberFactory(email="anna@example.org")
        ConsentRecord.objects.create(subscriber=subscriber, action="confirmed", text_version="x")
        delivery_for("anna@example.org", subscriber)
        pending = delivery_for("anna@example.org", subscriber, DeliveryStatus.PENDING, "Nästa")
        Suppression.objects.create(email="anna@example.org", reason=SuppressionReason.BOUNCED)
        counts = erase("Anna@Example.org ")
        assert counts["subscribers"] == 1 and counts["deliveries"] == 2
        assert not Subscriber.objects.exists()
        assert not ConsentRecord.objects.exists()
        assert not Suppression.objects.exists()
        assert not Delivery.objects.filter(email__icontains="anna").exists()
        assert set(Delivery.objects.values_list("subscriber", flat=True)) == {None}
        pending.refresh_from_db()
        assert pending.status == DeliveryStatus.CANCELLED

    def test_unsubscribe_link_of_an_erased_person_changes_nothing(self, client):
        subscriber = SubscriberFactory(email="anna@example.org")
        delivery = delivery_for("anna@example.org", subscriber)
        erase("anna@example.org")
        response = client.post(f"/e-post/avregistrera/{tokens.unsubscribe_token(delivery.pk)}/")
        assert response.status_code == 400
        assert not Suppression.objects.exists()

    def test_management_command(self, capsys):
        SubscriberFactory(email="anna@example.org")
        call_command("erase_subscriber", "anna@example.org")
        assert not Subscriber.objects.exists()
        assert "Raderat: 1 prenumerant" in capsys.readouterr().out

    def test_management_command_refuses_an_invalid_address(self):
        with pytest.raises(CommandError, match="Ogiltig"):
            call_command("erase_subscriber", "inte-en-adress")
