"""WAGTAILSEARCH_BACKENDS from the environment, and the Elasticsearch index it builds."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.config import (
    DATABASE_BACKEND,
    ELASTICSEARCH_BACKEND,
    ES_AUTOCOMPLETE_INDEX_ANALYZER,
    ES_AUTOCOMPLETE_SEARCH_ANALYZER,
    ES_DECOMPOUNDER,
    ES_TEXT_ANALYZER,
    POSTGRES_SEARCH_CONFIG,
    backends_from_env,
    elasticsearch_index_settings,
)

ES_ENV = {
    "ENKANAL_SEARCH_BACKEND": "elasticsearch",
    "ELASTICSEARCH_URL": "http://es1:9200,http://es2:9200",
}


class TestBackendsFromEnv:
    def test_database_is_the_default(self):
        config = backends_from_env({})["default"]
        assert config["BACKEND"] == DATABASE_BACKEND
        assert config["SEARCH_CONFIG"] == POSTGRES_SEARCH_CONFIG

    def test_elasticsearch_from_the_environment(self):
        config = backends_from_env(ES_ENV)["default"]
        assert config["BACKEND"] == ELASTICSEARCH_BACKEND
        assert config["URLS"] == ["http://es1:9200", "http://es2:9200"]
        assert config["INDEX_PREFIX"] == "enkanal_"
        assert config["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]

    def test_unknown_backend_is_refused(self):
        with pytest.raises(ImproperlyConfigured):
            backends_from_env({"ENKANAL_SEARCH_BACKEND": "solr"})

    def test_bad_timeout_is_refused(self):
        with pytest.raises(ImproperlyConfigured):
            backends_from_env({**ES_ENV, "ELASTICSEARCH_TIMEOUT": "soon"})

    def test_settings_module_uses_it(self, settings):
        from search.config import backends_from_env as configured

        assert configured({})["default"]["BACKEND"] == DATABASE_BACKEND


@pytest.fixture
def es_backend():
    """The Elasticsearch backend, built without a server (no request is made)."""
    from search.backends.elasticsearch9 import SearchBackend  # the client is a declared extra

    return SearchBackend(backends_from_env(ES_ENV)["default"])


class TestElasticsearchIndexSettings:
    def analyzers(self, backend):
        return backend.settings["settings"]["analysis"]["analyzer"]

    def test_swedish_text_analyzer_stems_and_folds(self, es_backend):
        analyzer = self.analyzers(es_backend)[ES_TEXT_ANALYZER]
        assert analyzer["filter"] == [
            "lowercase",
            "swedish_stop",
            "swedish_stemmer",
            "swedish_folding",
        ]
        filters = es_backend.settings["settings"]["analysis"]["filter"]
        assert filters["swedish_stemmer"] == {"type": "stemmer", "language": "swedish"}
        # Both spellings are indexed: "förskola" and "forskola" find each other.
        assert filters["swedish_folding"] == {"type": "asciifolding", "preserve_original": True}

    def test_autocomplete_folds_on_both_sides(self, es_backend):
        analyzers = self.analyzers(es_backend)
        index_side = analyzers[ES_AUTOCOMPLETE_INDEX_ANALYZER]["filter"]
        search_side = analyzers[ES_AUTOCOMPLETE_SEARCH_ANALYZER]["filter"]
        assert "asciifolding" in index_side and "edgengram" in index_side
        assert search_side == ["lowercase", "asciifolding"]

    def test_wagtail_defaults_are_kept(self, es_backend):
        # Wagtail's own n-gram analyser and filters survive the merge.
        assert "ngram_analyzer" in self.analyzers(es_backend)
        assert "edgengram" in es_backend.settings["settings"]["analysis"]["filter"]


class TestDecompounder:
    """Elasticsearch splits compounds with the vocabulary's words (no server here)."""

    def test_settings_without_words_have_no_decompounder(self):
        analysis = elasticsearch_index_settings()["settings"]["analysis"]
        assert ES_DECOMPOUNDER not in analysis["filter"]
        assert ES_DECOMPOUNDER not in analysis["analyzer"][ES_TEXT_ANALYZER]["filter"]

    def test_settings_with_words(self):
        analysis = elasticsearch_index_settings(["plats", "förskola", "plats"])["settings"][
            "analysis"
        ]
        assert analysis["filter"][ES_DECOMPOUNDER] == {
            "type": "dictionary_decompounder",
            "word_list": ["förskola", "plats"],
            "min_subword_size": 3,
            "only_longest_match": True,
        }
        # After lower casing (the words are lower case) and before stop words, the
        # stemmer and folding, so parts are stemmed and folded like any token; on both
        # sides, as the text analyzer is also the search analyzer.
        for name in (ES_TEXT_ANALYZER, "default"):
            assert analysis["analyzer"][name]["filter"] == [
                "lowercase",
                ES_DECOMPOUNDER,
                "swedish_stop",
                "swedish_stemmer",
                "swedish_folding",
            ]

    def test_word_list_from_the_vocabulary(self):
        from collections import Counter

        from search.backends.elasticsearch9 import decompounder_words
        from search.vocabulary import Vocabulary

        vocabulary = Vocabulary(
            Counter({"forskola": 5, "plats": 3, "och": 9, "ab": 4, "e2e": 2, "sjo": 1}),
            {"forskola": "förskola", "sjo": "sjö"},
        )
        # Original spellings; no stop words, no words too short to be parts, no digits.
        assert decompounder_words(vocabulary) == ["förskola", "plats", "sjö"]
        # The most common first when there are too many.
        assert decompounder_words(vocabulary, limit=2) == ["förskola", "plats"]

    @pytest.mark.django_db
    def test_index_is_created_with_the_staff_vocabulary(self, es_backend, monkeypatch):
        from collections import Counter
        from unittest import mock

        from search import vocabulary
        from search.vocabulary import Vocabulary

        chosen = []

        def fake_vocabulary(audience):
            chosen.append(audience)
            return Vocabulary(Counter({"semester": 2, "ansokan": 3}), {"ansokan": "ansökan"})

        monkeypatch.setattr(vocabulary, "get_vocabulary", fake_vocabulary)
        es_backend.es = mock.MagicMock()
        index = es_backend.index_class(es_backend, "enkanal_test")
        index.put()
        (call,) = es_backend.es.indices.create.call_args_list
        assert call.kwargs["index"] == "enkanal_test"
        analysis = call.kwargs["settings"]["analysis"]
        assert analysis["filter"][ES_DECOMPOUNDER]["word_list"] == ["ansökan", "semester"]
        assert ES_DECOMPOUNDER in analysis["analyzer"]["default"]["filter"]
        # Wagtail's own analysers are still there; the backend's settings are untouched.
        assert "edgengram_analyzer" in analysis["analyzer"]
        assert ES_DECOMPOUNDER not in es_backend.settings["settings"]["analysis"]["filter"]
        assert chosen == [vocabulary.STAFF]


@pytest.mark.django_db
class TestElasticsearchMappings:
    def mapping(self, backend, model):
        return backend.mapping_class(model).get_mapping()["properties"]

    def test_autocomplete_fields_use_the_folding_search_analyzer(self, es_backend):
        from cms.pages.models import NewsPage

        properties = self.mapping(es_backend, NewsPage)
        for name in ("_edgengrams", "title_edgengrams"):
            assert properties[name]["analyzer"] == ES_AUTOCOMPLETE_INDEX_ANALYZER, name
            assert properties[name]["search_analyzer"] == ES_AUTOCOMPLETE_SEARCH_ANALYZER, name

    def test_text_fields_are_swedish(self, es_backend):
        from cms.pages.models import NewsPage

        properties = self.mapping(es_backend, NewsPage)
        assert properties["title"]["analyzer"] == ES_TEXT_ANALYZER
        assert properties["_all_text"]["analyzer"] == ES_TEXT_ANALYZER
        assert properties["pages_articlepage__summary"]["analyzer"] == ES_TEXT_ANALYZER
        topics = properties["pages_articlepage__topics"]["properties"]
        assert topics["name"]["analyzer"] == ES_TEXT_ANALYZER

    def test_what_is_indexed(self, es_backend):
        from cms.pages.models import NoticePage, PressReleasePage

        notice = self.mapping(es_backend, NoticePage)
        assert notice["pages_noticepage__issuing_body"]["type"] == "text"
        assert notice["pages_noticepage__get_notice_kind_display"]["type"] == "text"
        # The owner unit is a filter, not text: its name must not match queries.
        assert "pages_articlepage__owner_unit" not in notice
        assert "locale_id_filter" in notice
        assert "pages_articlepage__owner_unit_id_filter" in notice
        press = self.mapping(es_backend, PressReleasePage)
        contacts = press["pages_pressreleasepage__media_contacts"]
        assert contacts["properties"]["name"]["type"] == "text"
