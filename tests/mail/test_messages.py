"""What the messages look like: sites, languages, accessibility, footer, weekly digest."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cms.core.models import MunicipalitySettings
from cms.mail.digest import digest_time, previous_week_start
from cms.mail.factories import SubscriberFactory
from cms.mail.models import Channel, Dispatch, Frequency
from cms.mail.tasks import purge_unconfirmed, run_outbox
from cms.pages.models import ArticlePage

pytestmark = pytest.mark.django_db


def release_everything(page):
    page.refresh_from_db()
    with time_machine.travel(page.external_release_at + datetime.timedelta(seconds=1)):
        run_outbox()


class TestItemMessages:
    def test_staff_get_the_intranet_link_subscribers_the_public_one(
        self, publish, org, outbox, settings
    ):
        SubscriberFactory(email="anna@example.org")
        page = publish("news", audience_codes=("staff", "residents"), title="Ny förskola")
        staff_message = next(m for m in outbox if m.to == [org["teacher"].email])
        assert settings.ENKANAL_INTRANET_URL in staff_message.body
        assert "som medarbetare" in staff_message.body
        release_everything(page)
        public_message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
        assert settings.ENKANAL_PUBLIC_SITE_URL in public_message.body
        assert settings.ENKANAL_INTRANET_URL not in public_message.body

    def test_accessible_html_with_a_plain_text_alternative(self, publish, org, outbox):
        settings_row = MunicipalitySettings.load()
        settings_row.municipality_name = "Åby kommun"
        settings_row.save()
        SubscriberFactory(email="anna@example.org")
        page = publish(
            "news", audience_codes=("residents",), title="Badet öppnar", summary="Från i maj."
        )
        release_everything(page)
        message = next(m for m in mail.outbox if m.to == ["anna@example.org"])
        html = message.alternatives[0][0]
        assert message.alternatives[0][1] == "text/html"
        assert '<html lang="sv">' in html and "<h1" in html and 'role="presentation"' in html
        assert "Åby kommun" in html and "Åby kommun" in message.body
        assert "Från i maj." in html and "Från i maj." in message.body
        assert message.subject == "Badet öppnar"
        assert "Avsluta prenumerationen" in html and "Ändra dina val" in html

    def test_logo_has_alternative_text(self, publish, org, outbox, settings):
        settings.ENKANAL_MAIL_LOGO_URL = "https://ekby.example/logo.png"
        page = publish("news", audience_codes=("staff",))
        html = next(m for m in outbox if m.to == [org["teacher"].email]).alternatives[0][0]
        assert '<img src="https://ekby.example/logo.png" alt="Ekby kommun"' in html
        assert page

    def test_english_subscribers_get_an_english_frame(self, publish, org, outbox):
        SubscriberFactory(email="anne@example.org", language="en")
        page = publish("news", audience_codes=("residents",))
        release_everything(page)
        message = next(m for m in mail.outbox if m.to == ["anne@example.org"])
        assert '<html lang="en">' in message.alternatives[0][0]
        assert "Read the full text" in message.body and "Unsubscribe" in message.body

    def test_press_release_to_media_names_the_press_contacts(self, publish, org, outbox):
        page = publish("press", title="Budget 2027", media_contacts=[org["press_contact"]])
        release_everything(page)
        message = next(m for m in mail.outbox if m.to == [org["press_contact"].email])
        assert message.subject == "Pressmeddelande: Budget 2027"
        assert "Pia Press" in message.body


class TestWeeklyDigest:
    def test_grouped_by_topic_and_only_the_subscribers_topics(self, publish, org, outbox):
        weekly = SubscriberFactory(email="vecka@example.org", frequency=Frequency.WEEKLY)
        schools_only = SubscriberFactory(
            email="skola@example.org", frequency=Frequency.WEEKLY, topics=[org["schools"]]
        )
        immediate = SubscriberFactory(email="direkt@example.org")
        school = publish("news", audience_codes=("residents",), topics=[org["schools"]])
        road = publish("news", audience_codes=("residents",), topics=[org["roads"]])
        release_everything(road)
        assert not any(m.to == [weekly.email] for m in mail.outbox)
        released = timezone.now() + datetime.timedelta(hours=2)
        week = previous_week_start(released + datetime.timedelta(days=7))
        with time_machine.travel(digest_time(week) + datetime.timedelta(minutes=1)):
            ArticlePage.objects.filter(pk__in=[school.pk, road.pk]).update(
                external_release_at=timezone.make_aware(
                    datetime.datetime.combine(week, datetime.time(12))
                )
            )
            run_outbox()
        digest = Dispatch.objects.get(channel=Channel.DIGEST)
        assert digest.digest_week == week
        message = next(m for m in mail.outbox if m.to == [weekly.email])
        assert "Veckobrev vecka" in message.subject
        html = message.alternatives[0][0]
        assert "<h2" in html and "Skola" in html and "Gator och vägar" in html
        assert school.title in message.body and road.title in message.body
        narrow = next(m for m in mail.outbox if m.to == [schools_only.email])
        assert school.title in narrow.body and road.title not in narrow.body
        assert not any(m.to == [immediate.email] and "Veckobrev" in m.subject for m in mail.outbox)
        # Once a week only.
        count = len(mail.outbox)
        with time_machine.travel(digest_time(week) + datetime.timedelta(hours=1)):
            run_outbox()
        assert len(mail.outbox) == count


class TestUnconfirmed:
    def test_never_confirmed_sign_ups_are_deleted(self):
        SubscriberFactory(email="gammal@example.org", confirmed_at=None)
        SubscriberFactory(email="ny@example.org", confirmed_at=None)
        from cms.mail.models import Subscriber

        Subscriber.objects.filter(email="gammal@example.org").update(
            created_at=timezone.now() - datetime.timedelta(days=8)
        )
        purge_unconfirmed(timezone.now())
        assert list(Subscriber.objects.values_list("email", flat=True)) == ["ny@example.org"]


class TestFooterLinks:
    def test_preferences_link_only_for_subscribers(self, publish, org, outbox):
        journalist = SubscriberFactory(email="reporter@tidning.example", is_media=True)
        page = publish("press", title="Budget 2028")
        release_everything(page)
        contact = next(m for m in mail.outbox if m.to == [org["press_contact"].email])
        reporter = next(m for m in mail.outbox if m.to == [journalist.email])
        assert "Ändra dina val" not in contact.body and 'href=""' not in contact.alternatives[0][0]
        assert "Ändra dina val" in reporter.body and "/e-post/installningar/" in reporter.body
