"""News tips: triage in the admin, conversion to drafts, e-mails to the sender."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.dialogue.factories import NewsTipFactory
from cms.dialogue.intake import accept_tip, decline_tip
from cms.dialogue.models import NewsTipState
from cms.snippets.factories import audiences

pytestmark = pytest.mark.django_db


class TestAcceptTip:
    def test_news_draft_from_tip(self, site_tree, people, django_capture_on_commit_callbacks):
        from cms.pages.models import NewsPage

        tip = NewsTipFactory(
            unit=people["school"],
            text="Vi öppnar en förskola.\n\n<script>x</script> Välkomna!",
            audiences=audiences("residents", "staff"),
        )
        with django_capture_on_commit_callbacks(execute=True):
            page = accept_tip(tip, "newspage", people["communicator"])
        page = NewsPage.objects.get(pk=page.pk)
        assert not page.live
        assert page.get_parent().specific == site_tree["news"]
        assert page.title == tip.title
        assert page.owner_unit == people["school"]
        assert page.locale == tip.locale
        assert {a.code for a in page.audiences.all()} == {"residents", "staff"}
        body = page.body[0].value.source
        assert "<p>Vi öppnar en förskola.</p>" in body
        assert "&lt;script&gt;" in body and "<script>" not in body
        assert page.get_latest_revision().user == people["communicator"]
        tip.refresh_from_db()
        assert tip.state == NewsTipState.ACCEPTED and tip.draft_page_id == page.pk
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [tip.sender_email]

    def test_type_rules_adjust_audiences(self, site_tree, people):
        from cms.pages.models import PressReleasePage, StaffBulletinPage

        tip = NewsTipFactory(unit=people["school"], audiences=audiences("residents"))
        press = accept_tip(tip, "pressreleasepage", people["communicator"])
        assert {a.code for a in PressReleasePage.objects.get(pk=press.pk).audiences.all()} >= {
            "media"
        }
        tip = NewsTipFactory(unit=people["school"], audiences=audiences("residents"))
        bulletin = accept_tip(tip, "staffbulletinpage", people["communicator"])
        assert {a.code for a in StaffBulletinPage.objects.get(pk=bulletin.pk).audiences.all()} == {
            "staff"
        }

    def test_refused_without_index_or_twice(self, site_tree, people):
        tip = NewsTipFactory(unit=people["school"])
        with pytest.raises(ValidationError):
            accept_tip(tip, "noticepage", people["communicator"])
        accept_tip(tip, "newspage", people["communicator"])
        with pytest.raises(ValidationError):
            accept_tip(tip, "newspage", people["communicator"])

    def test_no_index_page_in_locale(self, db, people):
        tip = NewsTipFactory(unit=people["school"])
        with pytest.raises(ValidationError):
            accept_tip(tip, "newspage", people["communicator"])
        tip.refresh_from_db()
        assert tip.state == NewsTipState.NEW


class TestDeclineTip:
    def test_decline_with_reason(self, people, django_capture_on_commit_callbacks):
        tip = NewsTipFactory(unit=people["school"])
        with django_capture_on_commit_callbacks(execute=True):
            decline_tip(tip, "Redan publicerat <b>i våras</b>.", people["communicator"])
        tip.refresh_from_db()
        assert tip.state == NewsTipState.DECLINED
        message = mail.outbox[0]
        assert "Redan publicerat <b>i våras</b>." in message.body
        assert "&lt;b&gt;i våras&lt;/b&gt;" in message.alternatives[0][0]

    def test_reason_required(self, people):
        tip = NewsTipFactory(unit=people["school"])
        with pytest.raises(ValidationError):
            decline_tip(tip, "  ", people["communicator"])
        assert mail.outbox == []


def triage_data(tip, **overrides):
    data = {
        "title": tip.title,
        "text": tip.text,
        "unit": tip.unit_id,
        "audiences": [a.pk for a in tip.audiences.all()],
        "locale": tip.locale_id,
        "event_date": "",
        "decision": "",
        "page_type": "newspage",
        "decline_reason": "",
    }
    data.update(overrides)
    return data


class TestTriageAdmin:
    def test_only_triage_roles_see_tips(self, client, people):
        tip = NewsTipFactory(unit=people["school"])
        client.force_login(people["school_manager"])
        assert client.get(reverse("news_tips:edit", args=[tip.pk])).status_code in (302, 403)
        client.force_login(people["communicator"])
        assert client.get(reverse("news_tips:index")).status_code == 200

    def test_accept_in_admin(self, client, site_tree, people, django_capture_on_commit_callbacks):
        tip = NewsTipFactory(unit=people["school"], audiences=audiences("residents"))
        client.force_login(people["communicator"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("news_tips:edit", args=[tip.pk]), triage_data(tip, decision="accept")
            )
        assert response.status_code == 302, response.context["form"].errors
        tip.refresh_from_db()
        assert tip.state == NewsTipState.ACCEPTED and tip.draft_page is not None
        assert len(mail.outbox) == 1

    def test_decline_needs_reason_in_admin(self, client, people):
        tip = NewsTipFactory(unit=people["school"])
        client.force_login(people["communicator"])
        response = client.post(
            reverse("news_tips:edit", args=[tip.pk]), triage_data(tip, decision="decline")
        )
        assert response.status_code == 200
        assert "decline_reason" in response.context["form"].errors
        tip.refresh_from_db()
        assert tip.state == NewsTipState.NEW
        response = client.post(
            reverse("news_tips:edit", args=[tip.pk]),
            triage_data(tip, decision="decline", decline_reason="Inte aktuellt."),
        )
        assert response.status_code == 302
        tip.refresh_from_db()
        assert tip.state == NewsTipState.DECLINED
