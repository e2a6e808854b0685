"""Feedback cases: routing, visibility per unit, handling in the admin, figures."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.dialogue.factories import FeedbackFactory
from cms.dialogue.models import Feedback, FeedbackState
from cms.dialogue.permissions import FeedbackPermissionPolicy

pytestmark = pytest.mark.django_db


class TestRouting:
    def test_page_owner_unit(self, site_tree):
        from tests.pages.factories import NewsPageFactory

        page = NewsPageFactory(parent=site_tree["news"])
        assert Feedback.route(page.page_ptr) == page.owner_unit

    def test_default_inbox(self, site_tree):
        assert Feedback.route(None) is None
        assert Feedback.route(site_tree["home"]) is None


class TestVisibility:
    def test_unit_people_see_only_their_units_cases(self, people):
        school_case = FeedbackFactory(unit=people["school"])
        care_case = FeedbackFactory(unit=people["care"])
        inbox_case = FeedbackFactory(unit=None)
        expected = {
            "school_manager": {school_case},
            "school_editor": {school_case},
            "care_manager": {care_case},
            "care_editor": {care_case},
            "communicator": {school_case, care_case, inbox_case},
            "director": {school_case, care_case, inbox_case},
            "staff": set(),
        }
        for name, cases in expected.items():
            assert set(Feedback.objects.visible_to(people[name])) == cases, name

    def test_policy(self, people):
        policy = FeedbackPermissionPolicy()
        case = FeedbackFactory(unit=people["school"])
        assert policy.user_has_permission_for_instance(people["school_editor"], "change", case)
        assert not policy.user_has_permission_for_instance(people["care_editor"], "change", case)
        assert not policy.user_has_permission(people["staff"], "view")
        assert not policy.user_has_permission(people["communicator"], "add")
        assert not policy.user_has_permission(people["communicator"], "delete")

    def test_admin_listing_and_edit_follow_units(self, client, people):
        school_case = FeedbackFactory(unit=people["school"], message="Skolfrågan")
        care_case = FeedbackFactory(unit=people["care"], message="Omsorgsfrågan")
        client.force_login(people["school_editor"])
        listing = client.get(reverse("feedback:index"))
        assert listing.status_code == 200
        assert f"#{school_case.pk} " in listing.content.decode()
        assert f"#{care_case.pk} " not in listing.content.decode()
        assert client.get(reverse("feedback:edit", args=[school_case.pk])).status_code == 200
        assert client.get(reverse("feedback:edit", args=[care_case.pk])).status_code == 404

    def test_staff_without_admin_is_refused(self, client, people):
        case = FeedbackFactory(unit=people["school"])
        client.force_login(people["staff"])
        response = client.get(reverse("feedback:edit", args=[case.pk]))
        assert response.status_code in (302, 403)


def edit_data(case, **overrides):
    data = {
        "unit": case.unit_id or "",
        "assignee": case.assignee_id or "",
        "state": case.state,
        "answer": case.answer,
    }
    data.update(overrides)
    return data


class TestHandling:
    def test_assign_moves_new_case_to_assigned(self, client, people):
        case = FeedbackFactory(unit=people["school"])
        client.force_login(people["school_manager"])
        response = client.post(
            reverse("feedback:edit", args=[case.pk]),
            edit_data(case, assignee=people["school_editor"].pk),
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.assignee == people["school_editor"]
        assert case.state == FeedbackState.ASSIGNED

    def test_answer_is_emailed_and_escaped(
        self, client, people, django_capture_on_commit_callbacks
    ):
        case = FeedbackFactory(
            unit=people["school"], message="<script>alert(1)</script>", name="<b>Eva</b>"
        )
        client.force_login(people["school_editor"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("feedback:edit", args=[case.pk]),
                edit_data(case, answer="Tack! <i>Vi</i> åtgärdar det."),
            )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.state == FeedbackState.ANSWERED
        assert case.answered_by == people["school_editor"]
        assert case.answered_at is not None
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [case.email]
        assert message.reply_to == [people["school"].contact_email]
        assert "Tack! <i>Vi</i> åtgärdar det." in message.body
        html = message.alternatives[0][0]
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert "<i>Vi</i>" not in html and "&lt;i&gt;Vi&lt;/i&gt;" in html
        assert "&lt;b&gt;Eva&lt;/b&gt;" in html

    def test_admin_escapes_message(self, client, people):
        case = FeedbackFactory(unit=people["school"], message="<script>alert(1)</script>")
        client.force_login(people["communicator"])
        content = client.get(reverse("feedback:edit", args=[case.pk])).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content

    def test_close(self, client, people):
        case = FeedbackFactory(unit=people["school"])
        client.force_login(people["communicator"])
        client.post(
            reverse("feedback:edit", args=[case.pk]), edit_data(case, state=FeedbackState.CLOSED)
        )
        case.refresh_from_db()
        assert case.state == FeedbackState.CLOSED and case.closed_at is not None

    def test_answer_without_email_is_only_stored(self, people, django_capture_on_commit_callbacks):
        case = FeedbackFactory(unit=people["school"], email="")
        with django_capture_on_commit_callbacks(execute=True):
            case.answer_case("Tack", people["school_editor"])
        assert case.state == FeedbackState.ANSWERED
        assert mail.outbox == []

    def test_erase_on_request_from_admin(self, client, people):
        case = FeedbackFactory(unit=people["school"])
        client.force_login(people["communicator"])
        client.post(reverse("feedback:edit", args=[case.pk]), edit_data(case, erase="on"))
        case.refresh_from_db()
        assert case.is_erased
        assert (case.message, case.name, case.email) == ("", "", "")


class TestFigures:
    def test_figures_per_unit(self, people):
        now = timezone.now()
        for hours in (2, 4, 10):
            FeedbackFactory(
                unit=people["school"],
                created_at=now - datetime.timedelta(hours=hours),
                answered_at=now,
                state=FeedbackState.ANSWERED,
            )
        FeedbackFactory(unit=people["school"])
        FeedbackFactory(unit=people["care"])
        rows = {row["unit"]: row for row in Feedback.objects.figures_per_unit()}
        assert rows[people["school"]]["received"] == 4
        assert rows[people["school"]]["answered"] == 3
        assert rows[people["school"]]["median_hours"] == 4.0
        assert rows[people["care"]]["median_hours"] is None

    def test_figures_view_shows_only_visible_units(self, client, people):
        FeedbackFactory(unit=people["school"])
        FeedbackFactory(unit=people["care"])
        client.force_login(people["care_manager"])
        response = client.get(reverse("dialogue_feedback_figures"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Omsorg" in content and ">Skola<" not in content
        client.force_login(people["staff"])
        assert client.get(reverse("dialogue_feedback_figures")).status_code in (302, 403)


class TestHistoryAndUsage:
    def test_other_units_cannot_open_history_or_usage(self, client, people):
        case = FeedbackFactory(unit=people["school"])
        client.force_login(people["care_editor"])
        for name in ("feedback:history", "feedback:usage"):
            assert client.get(reverse(name, args=[case.pk])).status_code == 404, name
        client.force_login(people["school_editor"])
        assert client.get(reverse("feedback:history", args=[case.pk])).status_code == 200
