"""Wagtail's Elasticsearch 9 backend with Swedish analysers on both sides.

The index settings come from ``search.config.elasticsearch_index_settings``; this module
makes the mappings use them: autocomplete fields search with ``autocomplete_search``
(folded like the edge n-grams they are matched against) instead of ``standard``, and
an index is created with a ``dictionary_decompounder`` whose word list is the
vocabulary's words (``EnkanalElasticsearchIndex``).
"""

import copy

from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
    Elasticsearch9SearchResults,
)

from search.config import (
    ES_AUTOCOMPLETE_INDEX_ANALYZER,
    ES_AUTOCOMPLETE_SEARCH_ANALYZER,
    ES_MIN_SUBWORD,
    ES_TEXT_ANALYZER,
    elasticsearch_index_settings,
)


class EnkanalElasticsearchMapping(Elasticsearch9Mapping):
    """Mappings whose autocomplete fields fold å/ä/ö at index and at query time."""

    edgengram_analyzer_config = {
        "analyzer": ES_AUTOCOMPLETE_INDEX_ANALYZER,
        "search_analyzer": ES_AUTOCOMPLETE_SEARCH_ANALYZER,
    }

    def get_mapping(self):
        """Wagtail's mapping, with every plain text field analysed as folded Swedish."""
        mapping = super().get_mapping()
        _set_text_analyzer(mapping["properties"])
        return mapping


def _set_text_analyzer(properties: dict) -> None:
    for value in properties.values():
        if value.get("type") == "nested":
            _set_text_analyzer(value["properties"])
        elif value.get("type") == "text" and "analyzer" not in value:
            value["analyzer"] = ES_TEXT_ANALYZER


#: At most this many of the vocabulary's words go into an index's decompounder (the
#: most common first): the list is part of the index settings, kept in the cluster
#: state, and rare words seldom are parts of compounds.
DECOMPOUNDER_WORDS = 20_000


def decompounder_words(vocabulary, limit: int = DECOMPOUNDER_WORDS) -> list[str]:
    """The words the Elasticsearch decompounder splits compounds into, from ``vocabulary``.

    Letters only, at least ``ES_MIN_SUBWORD`` long, no stop words, in the spelling the
    items use (``förskola``, not the folded ``forskola``: the decompounder runs before
    folding); the most common ``limit`` of them.
    """
    from search import swedish

    candidates = [
        (count, word)
        for word, count in vocabulary.counts.items()
        if word.isalpha() and len(word) >= ES_MIN_SUBWORD and word not in swedish.FOLDED_STOPWORDS
    ]
    candidates.sort(key=lambda item: (-item[0], item[1]))
    return sorted({vocabulary.spellings.get(word, word) for _count, word in candidates[:limit]})


class EnkanalElasticsearchIndex(Elasticsearch9Index):
    """An index of Enkanal's mappings, created with the vocabulary's decompounder.

    The word list is the staff vocabulary's words (``search.vocabulary``: every item
    all staff may read), taken when the index is created (``update_index`` creates a
    new one and swaps it in). It only decides how tokens split, inside an index that
    holds every item anyway; what a reader sees is still filtered by the database.
    """

    def put(self):
        """Create the index with the decompounder's word list in its settings."""
        from search.vocabulary import STAFF, get_vocabulary

        words = decompounder_words(get_vocabulary(STAFF))
        settings = copy.deepcopy(self.backend.settings)
        analysis = settings.setdefault("settings", {}).setdefault("analysis", {})
        decompounding = elasticsearch_index_settings(words)["settings"]["analysis"]
        analysis.setdefault("filter", {}).update(decompounding["filter"])
        for name in (ES_TEXT_ANALYZER, "default"):
            analysis.setdefault("analyzer", {})[name] = decompounding["analyzer"][name]
        self.es.indices.create(index=self.name, **settings)


class EnkanalElasticsearchSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    """Search queries against Enkanal's mappings."""

    mapping_class = EnkanalElasticsearchMapping


class EnkanalElasticsearchAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    """Autocomplete queries against Enkanal's mappings."""

    mapping_class = EnkanalElasticsearchMapping


class EnkanalElasticsearchSearchBackend(Elasticsearch9SearchBackend):
    """Elasticsearch 9 with Swedish text analysis and consistent autocomplete folding.

    Audience filtering is not delegated to the index: ``search.queries`` asks the index
    for ranked candidates and keeps only those the database's audience filter returns.
    """

    mapping_class = EnkanalElasticsearchMapping
    index_class = EnkanalElasticsearchIndex
    query_compiler_class = EnkanalElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = EnkanalElasticsearchAutocompleteQueryCompiler
    results_class = Elasticsearch9SearchResults

    def __init__(self, params):
        params = dict(params)
        params.setdefault("INDEX_SETTINGS", elasticsearch_index_settings())
        super().__init__(params)


SearchBackend = EnkanalElasticsearchSearchBackend
