"""The dialogue routers: feedback (public) and news tips and LIX (intranet)."""

import datetime
import time

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from cms.dialogue.models import Feedback, FeedbackState, NewsTip
from cms.dialogue.spam import make_form_token

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.dialogue.urls")]

FEEDBACK_URL = "/api/public/dialogue/feedback"


def old_token(seconds=60):
    """A token issued ``seconds`` ago, so the time check passes."""
    return make_form_token(time.time() - seconds)


def public_item(site_tree, **fields):
    """A news item out on the public site (released to staff and the public an hour ago)."""
    from tests.pages.factories import NewsPageFactory

    released = timezone.now() - datetime.timedelta(hours=1)
    fields = {"internal_release_at": released, "external_release_at": released, **fields}
    return NewsPageFactory(parent=site_tree["news"], **fields)


def feedback(**overrides):
    data = {
        "category": "complaint",
        "message": "Gatlyktan på Storgatan är trasig.",
        "name": "Eva",
        "email": "eva@example.org",
        "token": old_token(),
    }
    data.update(overrides)
    return data


class TestFeedbackToken:
    def test_token_is_issued(self, client):
        response = client.get(f"{FEEDBACK_URL}/token")
        assert response.status_code == 200
        body = response.json()
        assert body["token"] and body["min_fill_seconds"] >= 1
        assert response["Cache-Control"] == "no-store"


class TestSendFeedback:
    def test_general_feedback_goes_to_default_inbox(self, client):
        response = client.post(FEEDBACK_URL, feedback(), content_type="application/json")
        assert response.status_code == 201, response.content
        case = Feedback.objects.get()
        assert case.unit is None
        assert case.state == FeedbackState.NEW
        assert response.json()["will_be_answered_by_email"] is True

    def test_feedback_about_a_page_goes_to_its_unit(
        self, client, site_tree, django_capture_on_commit_callbacks
    ):
        page = public_item(site_tree)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                FEEDBACK_URL, feedback(page_id=page.pk), content_type="application/json"
            )
        assert response.status_code == 201
        case = Feedback.objects.get()
        assert case.unit == page.owner_unit
        # The unit is told, without the resident's personal data.
        assert len(mail.outbox) == 1
        notice = mail.outbox[0]
        assert notice.to == [page.owner_unit.contact_email]
        assert f"/admin/feedback/edit/{case.pk}/" in notice.body
        assert case.message not in notice.body and case.email not in notice.body

    def test_unknown_page_is_refused(self, client):
        response = client.post(
            FEEDBACK_URL, feedback(page_id=999_999), content_type="application/json"
        )
        assert response.status_code == 422
        assert not Feedback.objects.exists()

    def test_html_is_stored_as_plain_text(self, client):
        message = "<script>alert('x')</script> Hej"
        client.post(FEEDBACK_URL, feedback(message=message), content_type="application/json")
        assert Feedback.objects.get().message == message

    def test_bad_input_is_refused_and_nothing_stored(self, client, settings):
        settings.ENKANAL_FEEDBACK_RATE_LIMIT = 100  # refused attempts count too
        cases = {
            "empty message": feedback(message="   "),
            "oversized message": feedback(message="a" * 5001),
            "bad category": feedback(category="spam"),
            "bad e-mail": feedback(email="inte-en-adress"),
            "long name": feedback(name="n" * 151),
            "missing token": {k: v for k, v in feedback().items() if k != "token"},
        }
        for label, data in cases.items():
            response = client.post(FEEDBACK_URL, data, content_type="application/json")
            assert response.status_code == 422, label
        response = client.post(FEEDBACK_URL, "{not json", content_type="application/json")
        assert 400 <= response.status_code < 500
        assert not Feedback.objects.exists()


class TestFeedbackAudience:
    """Feedback names only items the public API shows: no existence oracle (§6.1)."""

    def test_hidden_items_are_answered_as_unknown_ids(self, client, site_tree):
        past = timezone.now() - datetime.timedelta(hours=3)
        future = timezone.now() + datetime.timedelta(days=3)
        hidden = {
            "staff only": public_item(site_tree, audience_codes=("staff",)),
            "unreleased": public_item(site_tree, external_release_at=future),
            "expired": public_item(site_tree, expire_at=past + datetime.timedelta(hours=1)),
            "draft": public_item(site_tree, live=False),
        }
        unknown = client.post(
            FEEDBACK_URL, feedback(page_id=999_999), content_type="application/json"
        )
        assert unknown.status_code == 422
        for label, page in hidden.items():
            response = client.post(
                FEEDBACK_URL, feedback(page_id=page.pk), content_type="application/json"
            )
            assert (response.status_code, response.json()) == (
                unknown.status_code,
                unknown.json(),
            ), label
        assert not Feedback.objects.exists()

    def test_a_public_item_is_accepted(self, client, site_tree):
        page = public_item(site_tree)
        response = client.post(
            FEEDBACK_URL, feedback(page_id=page.pk), content_type="application/json"
        )
        assert response.status_code == 201
        assert Feedback.objects.get().page_id == page.pk


class TestSpamChecks:
    def test_honeypot(self, client):
        response = client.post(
            FEEDBACK_URL, feedback(website="http://spam.example"), content_type="application/json"
        )
        assert response.status_code == 400
        assert not Feedback.objects.exists()

    def test_too_fast(self, client):
        response = client.post(
            FEEDBACK_URL, feedback(token=make_form_token()), content_type="application/json"
        )
        assert response.status_code == 400
        assert "snabbt" in response.json()["detail"]
        assert not Feedback.objects.exists()

    def test_forged_and_expired_tokens(self, client):
        for token in ("123:forged", old_token(seconds=3 * 60 * 60)):
            response = client.post(
                FEEDBACK_URL, feedback(token=token), content_type="application/json"
            )
            assert response.status_code == 400
        assert not Feedback.objects.exists()

    @override_settings(ENKANAL_FEEDBACK_RATE_LIMIT=2)
    def test_rate_limit_per_client(self, client):
        statuses = [
            client.post(FEEDBACK_URL, feedback(), content_type="application/json").status_code
            for _ in range(3)
        ]
        assert statuses == [201, 201, 429]
        assert Feedback.objects.count() == 2
        # Another client is not limited by the first one's attempts.
        response = client.post(
            FEEDBACK_URL, feedback(), content_type="application/json", REMOTE_ADDR="10.0.0.9"
        )
        assert response.status_code == 201


class TestRateLimitPerResident:
    """The public site posts every resident's feedback from its own address."""

    @pytest.fixture(autouse=True)
    def frontend(self, settings):
        settings.ENKANAL_TRUSTED_PROXIES = ["10.1.0.0/16"]
        settings.ENKANAL_FEEDBACK_RATE_LIMIT = 2

    def send(self, client, resident, remote="10.1.0.8"):
        return client.post(
            FEEDBACK_URL,
            feedback(),
            content_type="application/json",
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=resident,
        ).status_code

    def test_twenty_residents_through_the_frontend_each_have_their_own_limit(self, client):
        residents = [f"198.51.100.{n}" for n in range(1, 21)]
        assert [self.send(client, resident) for resident in residents] == [201] * 20
        assert Feedback.objects.count() == 20

    def test_the_limit_still_holds_for_one_resident(self, client):
        assert [self.send(client, "198.51.100.1") for _ in range(3)] == [201, 201, 429]

    def test_a_forged_header_from_an_untrusted_address_is_ignored(self, client):
        statuses = [self.send(client, f"192.0.2.{n}", remote="203.0.113.5") for n in range(3)]
        assert statuses == [201, 201, 429]


TIPS_URL = "/api/intranet/dialogue/tips"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer user-{user.pk}"}


class TestSendNewsTip:
    def tip(self, unit, **overrides):
        data = {
            "title": "Ny förskola",
            "text": "Vi öppnar en ny förskola i augusti.",
            "unit_id": unit.pk,
            "audience_codes": ["residents", "staff"],
        }
        data.update(overrides)
        return data

    def test_tip_is_stored_with_sender(self, client, people):
        response = client.post(
            TIPS_URL,
            self.tip(people["school"]),
            content_type="application/json",
            **bearer(people["staff"]),
        )
        assert response.status_code == 201, response.content
        tip = NewsTip.objects.get()
        assert tip.sender == people["staff"]
        assert tip.sender_email == people["staff"].email
        assert {a.code for a in tip.audiences.all()} == {"residents", "staff"}
        assert tip.locale.language_code == "sv"

    def test_requires_authentication(self, client, people):
        response = client.post(
            TIPS_URL, self.tip(people["school"]), content_type="application/json"
        )
        assert response.status_code == 401
        assert not NewsTip.objects.exists()

    def test_bad_input(self, client, people, settings):
        settings.ENKANAL_FEEDBACK_RATE_LIMIT = 100  # refused attempts count too
        unit = people["school"]
        cases = {
            "empty title": self.tip(unit, title=""),
            "empty text": self.tip(unit, text=" \n "),
            "oversized text": self.tip(unit, text="x" * 10_001),
            "unknown unit": self.tip(unit, unit_id=999_999),
            "unknown audience": self.tip(unit, audience_codes=["aliens"]),
            "unknown locale": self.tip(unit, locale="xx"),
            "bad date": self.tip(unit, event_date="31/12"),
        }
        for label, data in cases.items():
            response = client.post(
                TIPS_URL, data, content_type="application/json", **bearer(people["staff"])
            )
            assert response.status_code == 422, label
        assert not NewsTip.objects.exists()
