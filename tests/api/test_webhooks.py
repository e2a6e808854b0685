"""Outbound webhooks: signed JSON, staff first, retries and a delivery log."""

import json

import pytest

from cms.api.models import DeliveryStatus, SubscriberKind, WebhookDelivery, WebhookSubscriber
from cms.api.webhooks import (
    EXTERNAL_EVENT,
    INTERNAL_EVENT,
    MAX_ATTEMPTS,
    deliver,
    signature,
)
from cms.workflows.signals import released_externally

from .conftest import republish

pytestmark = pytest.mark.django_db


def release_externally(page):
    """Announce the external release as the workflow's scheduler does (its real signal)."""
    released_externally.send(sender=type(page), instance=page)


class FakeResponse:
    def __init__(self, status_code):
        self.status_code = status_code
        self.text = "svar"


class Posts(list):
    """The requests sent; ``status`` is what the fake receiver answers."""

    status = 200


@pytest.fixture
def posts(monkeypatch):
    sent = Posts()

    def post(url, data, headers, timeout):
        sent.append({"url": url, "body": data, "headers": headers})
        return FakeResponse(sent.status)

    monkeypatch.setattr("requests.post", post)
    return sent


@pytest.fixture
def subscribers(db):
    return {
        "screen": WebhookSubscriber.objects.create(
            name="Skärm", url="https://skarm.example/hook", kind=SubscriberKind.INTERNAL
        ),
        "paper": WebhookSubscriber.objects.create(
            name="Lokaltidningen", url="https://tidning.example/hook"
        ),
    }


class TestWebhooks:
    def test_publication_goes_to_internal_subscribers_only(
        self, make_item, subscribers, posts, django_capture_on_commit_callbacks
    ):
        page = make_item("news")
        with django_capture_on_commit_callbacks(execute=True):
            republish(page)
        assert [p["url"] for p in posts] == ["https://skarm.example/hook"]
        sent = posts[0]
        body = json.loads(sent["body"])
        assert body["event"] == INTERNAL_EVENT
        assert body["item"]["url"].startswith("http://127.0.0.1:8200/")
        expected = signature(
            subscribers["screen"].secret, sent["headers"]["X-Enkanal-Timestamp"], sent["body"]
        )
        assert sent["headers"]["X-Enkanal-Signature"] == expected
        assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED

    def test_external_release_goes_to_everyone_once(
        self, make_item, subscribers, posts, django_capture_on_commit_callbacks
    ):
        page = make_item("news")
        with django_capture_on_commit_callbacks(execute=True):
            release_externally(page)
            release_externally(page)
        assert sorted(p["url"] for p in posts) == [
            "https://skarm.example/hook",
            "https://tidning.example/hook",
        ]
        assert {json.loads(p["body"])["event"] for p in posts} == {EXTERNAL_EVENT}

    def test_staff_only_item_is_never_sent_as_external(
        self, make_item, subscribers, posts, django_capture_on_commit_callbacks
    ):
        page = make_item("news", audience_codes=("staff",))
        with django_capture_on_commit_callbacks(execute=True):
            release_externally(page)
        assert posts == []

    def test_failures_are_retried_then_given_up(self, make_item, subscribers, posts):
        page = make_item("news")
        delivery = WebhookDelivery.objects.create(
            subscriber=subscribers["paper"], event=EXTERNAL_EVENT, page_id=page.pk, payload="{}"
        )
        posts.status = 503
        for _attempt in range(MAX_ATTEMPTS):
            deliver.call(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempts == MAX_ATTEMPTS
        assert delivery.last_status_code == 503
