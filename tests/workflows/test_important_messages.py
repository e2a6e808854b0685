"""The important-message banner: published and withdrawn only through the urgent path."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.workflows.models import ImportantMessage, MessageAudience
from cms.workflows.urgent import publish_message, withdraw_message

pytestmark = pytest.mark.django_db


def make_message(**fields):
    defaults = {
        "text": "Vattenläcka i centrum: kokande vatten rekommenderas.",
        "severity": "crisis",
    }
    return ImportantMessage.objects.create(**{**defaults, **fields})


class TestPublishMessage:
    def test_only_communicators_with_a_reason(self, org):
        message = make_message()
        for role in ("editor", "unit_manager", "director", "administrator", "staff"):
            with pytest.raises(PermissionDenied):
                publish_message(message, org[role], "Vattenläcka")
        with pytest.raises(PermissionDenied):
            publish_message(message, org["communicator"], "   ")
        assert not ImportantMessage.objects.current().exists()

    def test_publish_and_withdraw_are_logged_with_the_reason(self, org):
        message = make_message()
        publish_message(message, org["communicator"], "Läcka på Storgatan")
        assert list(ImportantMessage.objects.current()) == [message]
        entry = ModelLogEntry.objects.get(
            action="enkanal.urgent_publish", object_id=str(message.pk)
        )
        assert entry.data["reason"] == "Läcka på Storgatan"
        assert entry.user_id == org["communicator"].pk
        withdraw_message(message, org["communicator2"], "Läckan är lagad")
        assert not ImportantMessage.objects.current().exists()
        entry = ModelLogEntry.objects.get(action="enkanal.message_withdrawn")
        assert entry.data["reason"] == "Läckan är lagad"

    def test_validity_window(self, org):
        now = timezone.now()
        message = make_message(
            valid_from=now + datetime.timedelta(hours=1),
            valid_until=now + datetime.timedelta(hours=2),
        )
        publish_message(message, org["communicator"], "Planerat avbrott")
        assert not ImportantMessage.objects.current(now).exists()
        assert ImportantMessage.objects.current(now + datetime.timedelta(minutes=90)).exists()
        assert not ImportantMessage.objects.current(now + datetime.timedelta(hours=3)).exists()

    def test_staff_only_messages_never_reach_the_public_surface(self, org):
        publish_message(
            make_message(audience=MessageAudience.STAFF), org["communicator"], "Internt"
        )
        assert not ImportantMessage.objects.current().for_surface(public=True).exists()
        assert ImportantMessage.objects.current().for_surface(public=False).exists()


class TestMessageAdmin:
    def test_editor_may_not_use_the_reason_form(self, client, org):
        message = make_message()
        client.force_login(org["editor"])
        response = client.get(f"/admin/enkanal-workflow/meddelande/{message.pk}/publish/")
        assert response.status_code in (302, 403)
        assert not ImportantMessage.objects.current().exists()

    def test_communicator_publishes_with_the_reason_form(self, client, org):
        message = make_message()
        client.force_login(org["communicator"])
        url = f"/admin/enkanal-workflow/meddelande/{message.pk}/publish/"
        assert client.get(url).status_code == 200
        assert client.post(url, {"reason": ""}).status_code == 400
        response = client.post(url, {"reason": "Stormvarning klass 2"})
        assert response.status_code == 302
        message.refresh_from_db()
        assert message.is_published and message.publish_reason == "Stormvarning klass 2"
        listing = client.get("/admin/snippets/workflows/importantmessage/")
        assert listing.status_code == 200
        assert (
            f"/admin/enkanal-workflow/meddelande/{message.pk}/withdraw/" in listing.content.decode()
        )
