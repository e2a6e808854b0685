"""Wagtail's Elasticsearch 9 backend with Swedish analysers on both sides.

The index settings come from ``search.config.elasticsearch_index_settings``; this module
makes the mappings use them: autocomplete fields search with ``autocomplete_search``
(folded like the edge n-grams they are matched against) instead of ``standard``.
"""

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


class EnkanalElasticsearchIndex(Elasticsearch9Index):
    """An index of Enkanal's mappings."""


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
