"""The search vocabularies: one per audience, stored once, refreshed in the background."""

import datetime
import random
from collections import Counter

import pytest
from django.utils import timezone

from search import swedish
from search import vocabulary as vocabulary_module
from search.models import StoredVocabulary
from search.tasks import refresh_vocabulary_task
from search.vocabulary import (
    Vocabulary,
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


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


class TestPerAudience:
    """The public vocabulary holds public words only; the intranet's every staff word."""

    def test_body_words_count_and_document_names_do_not(self, make_item):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.create(title="Hemlig rapport", is_internal=True)
        make_item(
            "news",
            title="Driftstörning i Norrby",
            summary="Vattnet stängs av.",
            body=[
                *_paragraphs(
                    "Vattenavstängningen gäller hela kvarteret.",
                    f'Se <a linktype="document" id="{document.pk}">Hemlig rapport</a> här.',
                ),
                {"type": "heading", "value": {"text": "Tankvagnar", "level": "h2"}},
                {"type": "document", "value": {"document": document.pk, "title": "Utredning"}},
            ],
        )
        vocabulary = build_vocabulary("public")
        assert vocabulary.counts["vattenavstangningen"] == 1
        assert vocabulary.counts["tankvagnar"] == 1
        # A document is named by its link text and its block: neither is a public word.
        for word in ("hemlig", "rapport", "utredning"):
            assert word not in vocabulary.counts

    def test_staff_words_only_in_the_intranet_vocabulary(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        make_item(
            "bulletin",
            title="Semester 2027",
            summary="Så gör du din semesteransökan.",
            body=_paragraphs("Ansök senast i mars."),
            external=None,
        )
        public, staff = build_vocabulary("public"), build_vocabulary("staff")
        assert "semester" not in public.counts
        assert "ansok" not in public.counts
        assert staff.counts["semester"] == 1
        assert staff.counts["ansok"] == 1
        # Everything the public may read, staff may read too.
        assert staff.counts["biblioteket"] == 1
        assert (public.items, staff.items) == (1, 2)

    def test_items_only_some_staff_may_read_stay_out(self, make_item, site_tree):
        from django.contrib.auth.models import Group
        from wagtail.models import PageViewRestriction

        from cms.snippets.models import Unit

        unit = Unit.objects.create(name="Löneenheten")
        make_item(
            "bulletin", title="Lönerevision för löneenheten", target_units=[unit], external=None
        )
        restricted = make_item("bulletin", title="Chefsmöte om omorganisation", external=None)
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Chefer i test"))
        signed_in = make_item("bulletin", title="Friskvårdsbidraget höjs", external=None)
        PageViewRestriction.objects.create(
            page=signed_in, restriction_type=PageViewRestriction.LOGIN
        )
        staff = build_vocabulary("staff")
        assert "lonerevision" not in staff.counts
        assert "chefsmote" not in staff.counts
        assert staff.counts["friskvardsbidraget"] == 1

    def test_intranet_search_splits_with_staff_words(self, make_item):
        from cms.core import roles
        from cms.core.factories import UserFactory
        from search.queries import search_items

        staff_user = UserFactory(roles=[roles.STAFF])
        bulletin = make_item(
            "bulletin",
            title="Semester 2027",
            summary="Så ansöker du om semester i personalsystemet.",
            external=None,
        )
        staff = search_items("semesteransökan", user=staff_user, public=False)
        assert [hit.page.pk for hit in staff.hits] == [bulletin.pk]
        public = search_items("semesteransökan")
        assert public.hits == []
        assert public.corrected_query is None

    def test_unknown_audience_is_refused(self):
        with pytest.raises(ValueError):
            build_vocabulary("everyone")
        with pytest.raises(ValueError):
            get_vocabulary("everyone")


class TestStored:
    def test_first_search_builds_and_stores(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        clear_vocabulary()
        vocabulary = get_vocabulary()
        assert vocabulary.has_prefix("bibliotek")
        row = StoredVocabulary.objects.get()
        assert row.audience == "public"
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
    def test_a_stale_vocabulary_is_served_and_a_search_queues_nothing(
        self, make_item, settings, django_capture_on_commit_callbacks
    ):
        from django_tasks_db.models import DBTaskResult

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.ENKANAL_SEARCH_VOCABULARY_TTL = 60
        settings.ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL = 0
        make_item("news", title="Biblioteket förlänger öppettiderna")
        get_vocabulary()
        make_item("news", title="Simhallen stänger för renovering")
        _age_stored(120)
        clear_vocabulary(stored=False)
        DBTaskResult.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            stale = get_vocabulary()
        # The reader gets the stored (stale) words at once, and queues no work.
        assert stale.has_prefix("bibliotek")
        assert not stale.has_prefix("simhall")
        assert callbacks == []
        assert not DBTaskResult.objects.exists()

    def test_the_worker_rebuilds_on_a_schedule(self, make_item, settings):
        from django.core.management import call_command
        from django_tasks_db.models import DBTaskResult

        from cms.core import periodic
        from search.tasks import vocabulary_refresh

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.ENKANAL_SEARCH_VOCABULARY_TTL = 600
        call_command("enkanal_scheduler")  # what a deployment runs once
        assert periodic.queued(vocabulary_refresh) == 1
        make_item("news", title="Simhallen stänger för renovering")
        get_vocabulary()
        _age_stored(30)  # fresh, but the scheduled run rebuilds anyway
        DBTaskResult.objects.filter(task_path=vocabulary_refresh.module_path).delete()
        assert vocabulary_refresh.call() is True
        for row in StoredVocabulary.objects.all():
            assert row.built_at > timezone.now() - datetime.timedelta(seconds=5)
        assert StoredVocabulary.objects.count() == 2
        [next_run] = DBTaskResult.objects.filter(task_path=vocabulary_refresh.module_path)
        expected = timezone.now() + datetime.timedelta(seconds=600)
        assert abs((next_run.run_after - expected).total_seconds()) < 60

    def test_refresh_skips_a_fresh_vocabulary(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        assert refresh_vocabulary() is True  # nothing stored yet
        built = dict(StoredVocabulary.objects.values_list("audience", "built_at"))
        assert set(built) == {"public", "staff"}
        assert refresh_vocabulary() is False
        assert dict(StoredVocabulary.objects.values_list("audience", "built_at")) == built
        assert refresh_vocabulary(force=True) is True

    def test_task_rebuilds(self, make_item):
        make_item("news", title="Biblioteket förlänger öppettiderna")
        result = refresh_vocabulary_task.enqueue(force=True)
        assert result.return_value is True
        for row in StoredVocabulary.objects.all():
            assert row.counts["biblioteket"] == 1


class TestCorrection:
    """The bigram filter finds exactly what measuring every word would find."""

    def _brute_force(self, vocabulary, word):
        limit = swedish.typo_limit(word)
        if not limit or word in vocabulary.terms:
            return None
        best = None
        for term, count in vocabulary.terms.items():
            distance = swedish.edit_distance(word, term, limit)
            if distance <= limit and (best is None or (distance, -count, term) < best):
                best = (distance, -count, term)
        return best[2] if best else None

    def test_same_answers_as_measuring_every_word(self):
        rng = random.Random(8)
        letters = "abdefgiklmnoprstuvåäö"
        counts = Counter(
            {
                "".join(rng.choice(letters) for _ in range(rng.randint(3, 14))): rng.randint(1, 9)
                for _ in range(3000)
            }
        )
        vocabulary = Vocabulary(counts)
        terms = sorted(vocabulary.terms)
        corrected = 0
        for _ in range(300):
            word = list(rng.choice(terms))
            for _ in range(rng.randint(1, 2)):
                i = rng.randrange(len(word))
                edit = rng.choice(["replace", "insert", "delete", "swap"])
                if edit == "replace":
                    word[i] = rng.choice(letters)
                elif edit == "insert":
                    word.insert(i, rng.choice(letters))
                elif edit == "delete" and len(word) > 3:
                    del word[i]
                elif i < len(word) - 1:
                    word[i], word[i + 1] = word[i + 1], word[i]
            word = "".join(word)
            expected = self._brute_force(vocabulary, word)
            assert vocabulary.correct(word) == expected, word
            corrected += expected is not None
        assert corrected > 100  # the check compared real corrections, not only misses

    def test_swaps_and_missing_letters(self):
        vocabulary = Vocabulary(Counter({"bygglov": 5, "bibliotek": 3, "forskola": 4}))
        assert vocabulary.correct("bygglvo") == "bygglov"
        assert vocabulary.correct("biblotek") == "bibliotek"
        assert vocabulary.correct("froskola") == "forskola"
        assert vocabulary.correct("xyzzyq") is None
