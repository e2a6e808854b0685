"""Must-read reminders: after the set days, once, only to those who have not confirmed."""

import datetime

import pytest
import time_machine

from cms.core.factories import UserFactory
from cms.mail.models import Channel, Delivery, Dispatch, ReleaseKind
from cms.mail.tasks import run_outbox
from cms.pages.models import MustReadConfirmation

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(publish, org):
    page = publish("bulletin", must_read=True, reminder_days=3)
    page.refresh_from_db()
    return page


def reminders(outbox):
    return sorted(m.to[0] for m in outbox if m.subject.startswith("Påminnelse"))


class TestMustReadReminder:
    def test_once_after_the_days_to_those_who_have_not_confirmed(self, bulletin, org, outbox):
        MustReadConfirmation.objects.create(page=bulletin, user=org["teacher"])
        released = bulletin.internal_release_at
        with time_machine.travel(released + datetime.timedelta(days=2), tick=False):
            run_outbox()
        assert not Dispatch.objects.filter(release_kind=ReleaseKind.REMINDER).exists()
        outbox.clear()
        with time_machine.travel(released + datetime.timedelta(days=3, minutes=1), tick=False):
            run_outbox()
        dispatch = Dispatch.objects.get(release_kind=ReleaseKind.REMINDER)
        assert dispatch.channel == Channel.STAFF and dispatch.page_id == bulletin.pk
        sent = reminders(outbox)
        assert org["teacher"].email not in sent
        assert org["librarian"].email in sent and org["principal"].email in sent
        reminder = next(m for m in outbox if m.subject.startswith("Påminnelse"))
        assert bulletin.title in reminder.subject
        assert "/inblick/" in reminder.body  # the intranet's address, not the public site's

        # Never repeated: later sweeps, and readers who came later, get nothing more.
        UserFactory(username="nyanstalld")
        outbox.clear()
        with time_machine.travel(released + datetime.timedelta(days=10), tick=False):
            run_outbox()
        assert reminders(outbox) == []
        assert Dispatch.objects.filter(release_kind=ReleaseKind.REMINDER).count() == 1
        assert Delivery.objects.filter(dispatch=dispatch, email=org["librarian"].email).count() == 1

    def test_no_reminder_for_bulletins_that_are_not_must_read(self, publish, org, outbox):
        page = publish("bulletin")
        page.refresh_from_db()
        with time_machine.travel(page.internal_release_at + datetime.timedelta(days=30)):
            run_outbox()
        assert not Dispatch.objects.filter(release_kind=ReleaseKind.REMINDER).exists()
