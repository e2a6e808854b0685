"""Stems in the item's language on every backend, and PostgreSQL's configurations.

English items are indexed on PostgreSQL with ``enkanal_english`` (migration 0005), and a
query's prefix terms, stems already, are never stemmed a second time. SQLite indexes
words as they are, so the same queries hold there through the prefixes alone.
"""

import pytest
from django.db import connection

from search.config import POSTGRES_LOCALE_CONFIGS
from search.queries import SearchFilters, search_items

pytestmark = pytest.mark.django_db

EN = SearchFilters(locale="en")
SV = SearchFilters(locale="sv")


@pytest.fixture
def english_item(site_tree, make_item):
    """``english_item(title=..., summary=...)``: a released item in the English tree."""
    from wagtail.models import Locale

    from cms.workflows.guard import system_publish
    from tests.search.conftest import released

    english = Locale.objects.get_or_create(language_code="en")[0]

    def translated(page):
        existing = page.get_translation_or_none(english)
        if existing is not None:
            return existing
        with system_publish("Testdata för sökningen"):
            copy = page.copy_for_translation(english)
            copy.save_revision().publish()
        return copy

    translated(site_tree["home"])
    translated(site_tree["news"])

    def make(title, summary):
        swedish = make_item("news", title=f"Svensk {title}", summary="Svensk text.")
        with system_publish("Testdata för sökningen"):
            copy = swedish.copy_for_translation(english).specific
            copy.title, copy.draft_title, copy.summary = title, title, summary
            copy.save_revision().publish()
        return released(copy)

    return make


def _pks(results):
    return [hit.page.pk for hit in results.hits]


class TestEnglish:
    def test_fire_is_not_first(self, english_item):
        ban = english_item("Fire ban across the municipality", "Lighting fires is prohibited.")
        course = english_item("First aid courses", "The first course is in October.")
        assert _pks(search_items("fire", filters=EN)) == [ban.pk]
        assert _pks(search_items("fires", filters=EN)) == [ban.pk]
        assert _pks(search_items("first", filters=EN)) == [course.pk]

    def test_english_plurals_meet_their_singular(self, english_item):
        library = english_item("The libraries extend their opening hours", "Open until 8 pm.")
        assert _pks(search_items("library", filters=EN)) == [library.pk]
        assert _pks(search_items("libraries opening", filters=EN)) == [library.pk]

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"
    )
    def test_english_items_are_indexed_with_the_english_configuration(self, english_item):
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        page = english_item("Fire ban across the municipality", "Lighting fires is prohibited.")
        entry = IndexEntry.objects.get(object_id=str(page.pk))
        assert "'fire'" in str(entry.title)  # the Swedish stemmer made it 'fir'
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT cfgname FROM pg_ts_config WHERE cfgname = %s",
                [POSTGRES_LOCALE_CONFIGS["en"]],
            )
            assert cursor.fetchone()


class TestPrefixesAreStemsAlready:
    def test_a_stem_is_not_stemmed_again(self, make_item):
        # "kurator" → "kurat"; stemmed again it was "kur", which found every "kurs".
        counsellor = make_item(title="Elevhälsan", summary="Skolsköterska, kurator och psykolog.")
        make_item(title="Kulturskolan", summary="Kurser i musik och dans.")
        assert _pks(search_items("kurator", filters=SV)) == [counsellor.pk]

    def test_a_stem_that_is_a_stop_word_still_finds(self, make_item):
        # "demens" → "dem", a Swedish stop word that PostgreSQL's parser dropped.
        home = make_item(title="Nytt demensboende i Sjöviken", summary="Med 32 platser.")
        assert _pks(search_items("demens", filters=SV)) == [home.pk]

    def test_two_forms_of_a_word_share_a_prefix(self, make_item):
        # Snowball: "skolskjutsar" → "skolskjuts", "skolskjuts" → "skolskjut".
        item = make_item(title="Ansök om skolskjuts", summary="Inför höstterminen.")
        assert _pks(search_items("skolskjutsar", filters=SV)) == [item.pk]
