"""Fan-out: dispatches per item, in the publishing transaction, released at the right time."""

import pytest
import time_machine
from django.core import mail

from cms.mail.factories import SubscriberFactory, SuppressionFactory
from cms.mail.models import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState
from cms.mail.tasks import run_outbox
from cms.pages.models import ArticlePage

from .conftest import later, trusted_publishing

pytestmark = pytest.mark.django_db


class TestPlanDispatches:
    def test_staff_news_goes_to_staff_at_publication(self, publish, org, outbox):
        page = publish("news", audience_codes=("staff",))
        dispatch = Dispatch.objects.get(page_id=page.pk)
        assert dispatch.channel == Channel.STAFF
        assert dispatch.state == DispatchState.DONE
        recipients = {m.to[0] for m in outbox}
        assert {org["teacher"].email, org["librarian"].email} <= recipients

    def test_press_release_gets_media_then_subscribers(self, publish, org):
        page = publish("press", topics=[org["schools"]])
        dispatches = {d.channel: d for d in Dispatch.objects.filter(page_id=page.pk)}
        assert set(dispatches) == {Channel.MEDIA, Channel.SUBSCRIBERS}
        assert dispatches[Channel.SUBSCRIBERS].waits_for == dispatches[Channel.MEDIA]

    def test_republishing_never_repeats_a_dispatch(self, publish, org, outbox):
        page = publish("news", audience_codes=("staff",))
        sent = len(outbox)
        with trusted_publishing():
            page.save_revision().publish()
        assert Dispatch.objects.filter(page_id=page.pk).count() == 1
        assert len(outbox) == sent

    def test_dispatches_roll_back_with_the_publication(self, org, publish):
        from django.db import transaction

        with pytest.raises(RuntimeError), transaction.atomic():
            publish("news", audience_codes=("residents",))
            raise RuntimeError
        assert not Dispatch.objects.exists()


class TestExternalRelease:
    def test_subscribers_wait_for_the_external_release(self, publish, org, outbox):
        subscriber = SubscriberFactory(topics=[org["schools"]])
        page = publish("news", audience_codes=("residents",), topics=[org["schools"]])
        dispatch = Dispatch.objects.get(page_id=page.pk, channel=Channel.SUBSCRIBERS)
        assert dispatch.state == DispatchState.PENDING
        assert not any(subscriber.email in m.to for m in outbox)
        page.refresh_from_db()
        with time_machine.travel(page.external_release_at, tick=False):
            assert ArticlePage.objects.public().filter(pk=page.pk).exists()
            run_outbox()
        dispatch.refresh_from_db()
        assert dispatch.state == DispatchState.DONE
        assert [m.to for m in outbox if subscriber.email in m.to] == [[subscriber.email]]

    def test_a_postponed_release_is_honoured(self, publish, org, outbox):
        SubscriberFactory(topics=[org["schools"]])
        page = publish("news", audience_codes=("residents",), topics=[org["schools"]])
        page.refresh_from_db()
        first = page.external_release_at
        ArticlePage.objects.filter(pk=page.pk).update(external_release_at=later(days=2))
        with time_machine.travel(first, tick=False):
            run_outbox()
        assert Dispatch.objects.get(channel=Channel.SUBSCRIBERS).state == DispatchState.PENDING
        with time_machine.travel(later(days=2, minutes=1), tick=False):
            run_outbox()
        assert Dispatch.objects.get(channel=Channel.SUBSCRIBERS).state == DispatchState.DONE

    def test_media_list_goes_before_subscribers(self, publish, org, outbox):
        journalist = SubscriberFactory(email="reporter@tidning.example", is_media=True)
        resident = SubscriberFactory(topics=[org["schools"]])
        page = publish("press", topics=[org["schools"]])
        page.refresh_from_db()
        outbox.clear()
        with time_machine.travel(page.external_release_at, tick=False):
            run_outbox()
        order = [m.to[0] for m in outbox]
        assert order.index(journalist.email) < order.index(resident.email)
        assert order.index(org["press_contact"].email) < order.index(resident.email)

    def test_only_subscribers_of_the_items_topics(self, publish, org, outbox):
        schools = SubscriberFactory(topics=[org["schools"]])
        roads = SubscriberFactory(topics=[org["roads"]])
        everything = SubscriberFactory()
        unconfirmed = SubscriberFactory(confirmed_at=None)
        page = publish("news", audience_codes=("residents",), topics=[org["schools"]])
        page.refresh_from_db()
        with time_machine.travel(page.external_release_at, tick=False):
            run_outbox()
        reached = {m.to[0] for m in outbox}
        assert schools.email in reached and everything.email in reached
        assert roads.email not in reached and unconfirmed.email not in reached


class TestSuppression:
    def test_suppressed_addresses_are_recorded_as_skipped(self, publish, org, outbox):
        SuppressionFactory(email=org["teacher"].email)
        publish("news", audience_codes=("staff",))
        delivery = Delivery.objects.get(email=org["teacher"].email)
        assert delivery.status == DeliveryStatus.SKIPPED
        assert org["teacher"].email not in {m.to[0] for m in mail.outbox}


class TestTargetedBulletins:
    def test_reaches_members_of_targeted_units_and_below(self, publish, org, outbox):
        bulletin = publish("bulletin", target_units=[org["administration"]])
        reached = set(
            Delivery.objects.filter(dispatch__page_id=bulletin.pk).values_list("email", flat=True)
        )
        assert org["teacher"].email in reached and org["principal"].email in reached
        assert org["librarian"].email not in reached

    def test_recipients_are_exactly_who_for_staff_shows_it_to(self, publish, org):
        from django.contrib.auth import get_user_model

        bulletin = publish("bulletin", target_units=[org["school"]])
        reached = set(
            Delivery.objects.filter(dispatch__page_id=bulletin.pk).values_list("user_id", flat=True)
        )
        for user in get_user_model().objects.exclude(email=""):
            with (
                self.subTest(user=user.username)
                if hasattr(self, "subTest")
                else __import__("contextlib").nullcontext()
            ):
                sees = ArticlePage.objects.for_staff(user).filter(pk=bulletin.pk).exists()
                assert sees == (user.pk in reached), user.username
