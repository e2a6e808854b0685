"""The content generation: validators from the shared cache, bumped by every change."""

import concurrent.futures
import datetime

import pytest
import time_machine
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone

from cms.api import generation

from .conftest import republish

pytestmark = pytest.mark.django_db

LIST = "/api/public/v1/items"


def token():
    return cache.get(generation.GENERATION_KEY)


@pytest.mark.usefixtures("shared_cache")
class TestConditionalRequestsWithoutTheDatabase:
    def test_a_repeated_answer_from_the_response_cache_makes_no_query(
        self, client, make_item, django_assert_num_queries
    ):
        make_item("news")
        first = client.get(LIST)
        with django_assert_num_queries(0):
            again = client.get(LIST)
        assert again.content == first.content

    def test_a_cold_cache_reads_the_database_once_and_stores_the_state(
        self, client, make_item, django_assert_num_queries
    ):
        make_item("news")
        etag = client.get(LIST)["ETag"]
        cache.delete_many([generation.GENERATION_KEY, generation.SCHEDULE_KEY])
        with django_assert_num_queries(1):
            state = generation.current()
        assert token() == state.token
        with django_assert_num_queries(0):
            assert generation.current() == state
        # A new generation: the old validator confirms nothing.
        assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_a_schedule_of_another_generation_is_not_used(
        self, make_item, django_assert_num_queries
    ):
        make_item("news")
        state = generation.current()
        cache.set(generation.SCHEDULE_KEY, ("another", None, None))
        with django_assert_num_queries(1):
            assert generation.current() == state

    def test_an_evicted_generation_confirms_nothing(self, client, make_item):
        make_item("news")
        etag = client.get(LIST)["ETag"]
        cache.delete(generation.GENERATION_KEY)
        assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.usefixtures("shared_cache")
class TestWhatBumpsTheGeneration:
    def test_a_publish(self, client, make_item):
        """(Unpublishing: cms.api.caching's tests, with both kinds of cache.)"""
        page = make_item("news", title="Första")
        etag = client.get(LIST)["ETag"]
        page.title = "Andra"
        republish(page)
        response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Andra" in response.content.decode()

    def test_every_change_that_alters_an_answer(self, make_item, site_tree):
        from wagtail.log_actions import log

        from cms.core.models import MunicipalitySettings
        from cms.snippets.factories import TopicFactory
        from cms.workflows.signals import released_externally

        page = make_item("news")
        other = make_item("news")
        topic = TopicFactory()
        changes = {
            "an external release coming due": lambda: released_externally.send(
                sender=type(page), instance=page
            ),
            "a move": lambda: other.move(site_tree["press"], pos="last-child"),
            "a deletion": lambda: other.delete(),
            "a logged edit": lambda: log(instance=topic, action="wagtail.edit"),
            "a snippet saved in code": lambda: topic.save(),
            "a snippet deleted": lambda: topic.delete(),
            "the settings": lambda: MunicipalitySettings.load().save(),
        }
        for name, change in changes.items():
            before = generation.current().token
            change()
            assert generation.current().token != before, name

    def test_an_unrelated_save_bumps_nothing(self):
        from cms.core.factories import UserFactory

        before = generation.current().token
        UserFactory()
        assert generation.current().token == before

    def test_after_the_scheduled_change_the_validator_changes_without_a_publish(
        self, client, make_item, django_assert_num_queries
    ):
        now = timezone.now()
        page = make_item("news", title="Kortlivad nyhet")
        type(page).objects.filter(pk=page.pk).update(expire_at=now + datetime.timedelta(seconds=20))
        etag = client.get(LIST)["ETag"]
        before = token()
        with time_machine.travel(now + datetime.timedelta(seconds=21)):
            with django_assert_num_queries(1):  # the schedule read once more, no rendering
                state = generation.current()
            response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        assert state.token == before and state.next_change is None
        assert response.status_code == 200
        assert "Kortlivad nyhet" not in response.content.decode()


class TestPerProcessCache:
    def test_there_is_nothing_to_bump(self, make_item):
        """The database answers (cms.api.caching's tests): a publish in another process
        would go unseen by this one's cache."""
        republish(make_item("news"))
        assert token() is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_cache")
class TestSharedByEveryWorker:
    """Two workers, each with its own connection to the one Redis: a publish in one is
    seen by the other's next request."""

    def test_a_publish_is_seen_by_the_other_worker_at_once(self, make_item):
        page = make_item("news", title="Gammal rubrik")
        here = Client()
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as other_worker:
            other = other_worker.submit(Client).result()

            def ask(**headers):
                return other_worker.submit(other.get, LIST, **headers).result()

            assert other_worker.submit(lambda: caches["default"]).result() is not caches["default"]
            etag = ask()["ETag"]
            assert here.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304
            assert ask(HTTP_IF_NONE_MATCH=etag).status_code == 304
            page.title = "Ny rubrik"
            republish(page)
            response = ask(HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Ny rubrik" in response.content.decode()
        assert here.get(LIST, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    def test_a_committed_change_stores_the_next_scheduled_change_with_it(
        self, make_item, django_assert_num_queries
    ):
        from wagtail.log_actions import log

        now = timezone.now()
        due = now + datetime.timedelta(minutes=5)
        page = make_item("news", internal=now - datetime.timedelta(hours=1), external=due)
        log(instance=page, action="wagtail.edit")  # commits at once: no transaction here
        assert cache.get(generation.SCHEDULE_KEY)[0] == token()
        with django_assert_num_queries(0):
            assert generation.current().next_change == due
