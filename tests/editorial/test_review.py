"""Review dates: the dashboard panel and the weekly reminders (time-controlled)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cms.editorial.review import due_by_unit, send_review_reminders

from .conftest import TODAY

pytestmark = pytest.mark.django_db


class TestDueByUnit:
    def test_grouping(self, due_pages, people):
        grouped = due_by_unit(TODAY)
        assert [p.pk for p in grouped[people["school"]]["overdue"]] == [due_pages["overdue"].pk]
        assert [p.pk for p in grouped[people["school"]]["soon"]] == [due_pages["soon"].pk]
        assert [p.pk for p in grouped[people["care"]]["overdue"]] == [due_pages["care_overdue"].pk]

    def test_default_review_date_two_years_after_publication(self, site_tree):
        from tests.pages.factories import NewsPageFactory

        with time_machine.travel(datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)):
            page = NewsPageFactory(parent=site_tree["news"])
        assert page.review_date == datetime.date(2028, 1, 15)


class TestReminders:
    def test_weekly_reminder_per_unit(self, due_pages, people, make_user, committed):
        with (
            time_machine.travel(datetime.datetime(2026, 3, 2, 7, tzinfo=datetime.UTC)),
            committed(),
        ):
            call_command("send_review_reminders")
        by_subject = {m.subject: m for m in mail.outbox}
        assert len(mail.outbox) == 2
        school = next(m for s, m in by_subject.items() if "Skola" in s)
        assert sorted(school.to) == sorted(
            [people["school_manager"].email, people["school_editor"].email]
        )
        assert "Gammal skolnyhet" in school.body and "Snart skolnyhet" in school.body
        assert "Senare skolnyhet" not in school.body

    def test_members_without_editor_role_are_not_reminded(
        self, due_pages, people, make_user, committed
    ):
        people["school"].members.add(make_user("larare"))
        with committed():
            send_review_reminders(TODAY)
        school = next(m for m in mail.outbox if "Skola" in m.subject)
        assert "larare@ekby.example" not in school.to

    def test_nothing_due_nothing_sent(self, due_pages):
        send_review_reminders(TODAY - datetime.timedelta(days=400))
        assert mail.outbox == []


class TestDashboardPanel:
    def test_editor_sees_own_units(self, client, due_pages, people):
        client.force_login(people["school_editor"])
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
            content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "data-enkanal-review-dates" in content
        assert "Gammal skolnyhet" in content and "Gammal omsorgsnyhet" not in content

    def test_communicator_sees_all_units(self, client, due_pages, people):
        client.force_login(people["communicator"])
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
            content = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Gammal skolnyhet" in content and "Gammal omsorgsnyhet" in content


class TestOncePerWeek:
    def test_rerun_in_same_week_sends_nothing(self, due_pages, committed):
        with committed():
            assert send_review_reminders(TODAY) == 2
        with committed():
            assert send_review_reminders(TODAY + datetime.timedelta(days=3)) == 0
        assert len(mail.outbox) == 2

    def test_next_week_sends_again(self, due_pages):
        send_review_reminders(TODAY)
        assert send_review_reminders(TODAY + datetime.timedelta(days=7)) == 2

    def test_force(self, due_pages, committed):
        with committed():
            send_review_reminders(TODAY)
            call_command("send_review_reminders", "--force")
        assert len(mail.outbox) >= 3

    def test_enqueued_task(self, due_pages, committed):
        with (
            time_machine.travel(datetime.datetime(2026, 3, 2, 7, tzinfo=datetime.UTC)),
            committed(),
        ):
            call_command("send_review_reminders", "--enqueue")
        # The test backend runs tasks immediately.
        assert len(mail.outbox) == 2
