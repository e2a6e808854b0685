"""Important messages in the API: audience separation, caching, the validity window."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.core import roles
from cms.core.factories import UserFactory
from cms.workflows.models import ImportantMessage, MessageAudience
from cms.workflows.urgent import publish_message, withdraw_message

pytestmark = pytest.mark.django_db
URL = "/api/{surface}/v1/important-messages"


@pytest.fixture
def communicator(db):
    return UserFactory(roles=[roles.COMMUNICATOR])


def published(communicator, **fields):
    message = ImportantMessage.objects.create(
        **{"text": "Strömavbrott i Norrby.", "severity": "warning", **fields}
    )
    return publish_message(message, communicator, "Avbrott")


class TestImportantMessages:
    def test_public_and_intranet(self, client, communicator, staff_reader):
        published(communicator, text="Kris: stormen", severity="crisis", text_en="Crisis: storm",
                  link_url="https://ekby.example/storm", link_label="Läs mer")  # fmt: skip
        published(communicator, text="Personalmöte flyttat", audience=MessageAudience.STAFF)
        ImportantMessage.objects.create(text="Utkast som ingen ser")
        public = client.get(URL.format(surface="public")).json()
        assert [m["text"] for m in public] == ["Kris: stormen"]
        assert public[0]["severity"] == "crisis" and public[0]["staff_only"] is False
        assert public[0]["link_url"] == "https://ekby.example/storm"
        english = client.get(URL.format(surface="public"), {"locale": "en"}).json()
        assert english[0]["text"] == "Crisis: storm"
        intranet = client.get(URL.format(surface="intranet"), **staff_reader[1]).json()
        assert [m["text"] for m in intranet] == ["Kris: stormen", "Personalmöte flyttat"]
        assert intranet[1]["staff_only"] is True

    def test_cached_briefly_and_new_validator_on_publish_and_withdraw(
        self, client, communicator, shared_cache
    ):
        first = client.get(URL.format(surface="public"))
        assert first.json() == []
        assert "max-age=15" in first["Cache-Control"] and "public" in first["Cache-Control"]
        message = published(communicator)
        after = client.get(URL.format(surface="public"), HTTP_IF_NONE_MATCH=first["ETag"])
        assert after.status_code == 200 and len(after.json()) == 1
        withdraw_message(message, communicator, "Klart")
        gone = client.get(URL.format(surface="public"), HTTP_IF_NONE_MATCH=after["ETag"])
        assert gone.status_code == 200 and gone.json() == []

    @pytest.mark.parametrize("cache", ["per_process", "shared"])
    def test_window_opening_changes_the_validator(self, client, communicator, request, cache):
        if cache == "shared":
            request.getfixturevalue("shared_cache")
        start = timezone.now() + datetime.timedelta(minutes=10)
        published(communicator, valid_from=start)
        before = client.get(URL.format(surface="public"))
        assert before.json() == []
        with time_machine.travel(start + datetime.timedelta(seconds=1)):
            later = client.get(URL.format(surface="public"), HTTP_IF_NONE_MATCH=before["ETag"])
            assert later.status_code == 200
            assert [m["text"] for m in later.json()] == ["Strömavbrott i Norrby."]
