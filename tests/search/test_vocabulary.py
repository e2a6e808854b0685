"""The search vocabulary: built from public items only, stored once, refreshed in the background."""

import datetime

import pytest
from django.utils import timezone

from search import vocabulary as vocabulary_module
from search.models import StoredVocabulary
from search.tasks import refresh_vocabulary_task
from search.vocabulary import (
    build_vocabulary,
    clear_vocabulary,
    get_vocabulary,
    refresh_vocabulary,
)

pytestmark = pytest.mark.django_db


def _refuse_to_build():
    raise AssertionError("the vocabulary was built in the request path")


def _age_stored(seconds):
    StoredVocabulary.objects.update(built_at=timezone.now() - datetime.timedelta(seconds=seconds))


class TestBuild:
    def test_public_words_only_counted_per_item(self, make_item):
        make_item("news", title="Snöröjningen börjar", summary="Snöröjningen i Norrby.")
        make_item("news", title="Snöröjning i Ekby", summary="Plogbilarna kör i natt.")
        make_item(
            "bulletin", title="Hemligt löneavtal", summary="Endast för personalen.", external=None
        )
        vocabulary = build_vocabulary()
        # Counted once per item even when an item repeats the word.
        assert vocabulary.counts["snorojningen"] == 1
        assert vocabulary.counts["snorojning"] == 1
        assert vocabulary.items == 2
        # The stem and its written form are known, for corrections.
        assert vocabulary.spellings["snorojning"] == "snöröjning"
        assert "snorojning" in vocabulary.stems
        # Nothing from the staff-only bulletin: a correction could reveal it.
        assert "loneavtal" not in vocabulary.counts
        assert "hemligt" not in vocabulary.counts


class TestStored:
    def test_first_search_builds_and_stores(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        clear_vocabulary()
        vocabulary = get_vocabulary()
        assert vocabulary.has_prefix("bibliotek")
        row = StoredVocabulary.objects.get()
        assert row.counts["biblioteket"] == 1
        assert row.item_count == 1


class TestLoading:
    def test_a_new_process_loads_without_building(self, make_item, monkeypatch):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        refresh_vocabulary(force=True)
        clear_vocabulary(stored=False)  # as if this were another process
        monkeypatch.setattr(vocabulary_module, "build_vocabulary", _refuse_to_build)
        vocabulary = get_vocabulary()
        assert vocabulary.has_prefix("bibliotek")
        assert vocabulary.correct("biblotek") in {"bibliotek", "biblioteket"}

    def test_a_newer_stored_vocabulary_replaces_the_copy_in_memory(self, make_item, settings):
        settings.ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL = 0
        make_item("news", title="Biblioteket förlänger öppettiderna")
        assert not get_vocabulary().has_prefix("simhall")
        make_item("news", title="Simhallen stänger för renovering")
        refresh_vocabulary(force=True)
        assert get_vocabulary().has_prefix("simhall")

    def test_within_the_check_interval_memory_is_enough(
        self, make_item, settings, django_assert_num_queries
    ):
        settings.ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL = 3600
        make_item("news", title="Biblioteket förlänger öppettiderna")
        get_vocabulary()
        with django_assert_num_queries(0):
            get_vocabulary()


class TestRefresh:
    def test_stale_vocabulary_is_served_while_the_worker_rebuilds(
        self, make_item, settings, django_capture_on_commit_callbacks
    ):
        settings.ENKANAL_SEARCH_VOCABULARY_TTL = 60
        settings.ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL = 0
        make_item("news", title="Biblioteket förlänger öppettiderna")
        get_vocabulary()
        make_item("news", title="Simhallen stänger för renovering")
        _age_stored(120)
        clear_vocabulary(stored=False)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            stale = get_vocabulary()
        # The reader gets the stored (stale) words at once ...
        assert stale.has_prefix("bibliotek")
        assert not stale.has_prefix("simhall")
        # ... and a rebuild is queued for the worker, once per TTL from this process.
        assert len(callbacks) == 1
        with django_capture_on_commit_callbacks(execute=False) as again:
            get_vocabulary()
        assert again == []
        callbacks[0]()  # the task backend here runs the task at once
        assert get_vocabulary().has_prefix("simhall")

    def test_refresh_skips_a_fresh_vocabulary(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        assert refresh_vocabulary() is True  # nothing stored yet
        built = StoredVocabulary.objects.get().built_at
        assert refresh_vocabulary() is False
        assert StoredVocabulary.objects.get().built_at == built
        assert refresh_vocabulary(force=True) is True

    def test_task_rebuilds(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        result = refresh_vocabulary_task.enqueue(force=True)
        assert result.return_value is True
        assert StoredVocabulary.objects.get().counts["biblioteket"] == 1
