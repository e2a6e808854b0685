"""``WAGTAILSEARCH_BACKENDS`` from the environment.

Imported by the settings module, so nothing here may import Django models or apps.

``ENKANAL_SEARCH_BACKEND``
    ``database`` (default): Wagtail's database backend through ``search.backends.database``
    – SQLite FTS5 in the embedded default, PostgreSQL full text with the
    ``enkanal_swedish`` configuration (the ``swedish`` configuration with å/ä/ö folded,
    created by this app's migration) in production, and ``enkanal_english`` for items
    in the English tree.
    ``elasticsearch``: Elasticsearch 9 through ``search.backends.elasticsearch9``, with the
    Swedish analysers below.
``ELASTICSEARCH_URL``, ``ELASTICSEARCH_INDEX_PREFIX``, ``ELASTICSEARCH_TIMEOUT``
    Where and how to reach Elasticsearch.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

#: The PostgreSQL text-search configuration created by this app's migration.
POSTGRES_SEARCH_CONFIG = "enkanal_swedish"
#: Its autocomplete sibling: no stemming (prefixes must stay whole), å/ä/ö folded.
POSTGRES_AUTOCOMPLETE_CONFIG = "enkanal_simple"
#: Items in these locales are indexed with their own configuration (migration 0005).
POSTGRES_LOCALE_CONFIGS = {"en": "enkanal_english"}

DATABASE_BACKEND = "search.backends.database"
ELASTICSEARCH_BACKEND = "search.backends.elasticsearch9"

#: Analyzer names used in the Elasticsearch mappings (see ``elasticsearch_index_settings``).
ES_TEXT_ANALYZER = "swedish_folded"
ES_AUTOCOMPLETE_INDEX_ANALYZER = "edgengram_analyzer"
ES_AUTOCOMPLETE_SEARCH_ANALYZER = "autocomplete_search"


#: The compound splitter's token filter, and the least a part may be (letters).
ES_DECOMPOUNDER = "swedish_decompounder"
ES_MIN_SUBWORD = 3


def elasticsearch_index_settings(word_list: list[str] | None = None) -> dict:
    """Index settings merged into Wagtail's defaults: Swedish text and autocomplete.

    Text: lower case, Swedish stop words, the Swedish Snowball stemmer, then ASCII
    folding that keeps the original token, so ``förskola`` and ``forskola`` both match
    on both sides. It is the index's ``default`` analyzer, so every text field and the
    catch-all ``_all_text`` use it.

    With ``word_list`` (the words of the vocabulary, see
    ``search.backends.elasticsearch9``), a ``dictionary_decompounder`` right after lower
    casing adds the known words inside each compound as tokens at the compound's
    position (``förskoleplatser`` → also ``förskole``… ``platser``), at index and at
    query time, so Elasticsearch splits compounds itself: the hand-written splitter of
    the database backends is not used there. Parts shorter than ``ES_MIN_SUBWORD``
    letters are not split off, and only the longest part found at a place is kept.

    Autocomplete: Wagtail's edge n-gram analyzer folds å/ä/ö at index time, but its
    search analyzer (``standard``) does not, so ``för`` never met ``for``-grams. Both
    sides here lower-case and fold the same way.
    """
    text_filters = ["lowercase", "swedish_stop", "swedish_stemmer", "swedish_folding"]
    filters = {
        "swedish_stop": {"type": "stop", "stopwords": "_swedish_"},
        "swedish_stemmer": {"type": "stemmer", "language": "swedish"},
        "swedish_folding": {"type": "asciifolding", "preserve_original": True},
    }
    if word_list:
        text_filters.insert(1, ES_DECOMPOUNDER)
        filters[ES_DECOMPOUNDER] = {
            "type": "dictionary_decompounder",
            "word_list": sorted(set(word_list)),
            "min_subword_size": ES_MIN_SUBWORD,
            "only_longest_match": True,
        }
    swedish_text = {"type": "custom", "tokenizer": "standard", "filter": text_filters}
    return {
        "settings": {
            "analysis": {
                "filter": filters,
                "analyzer": {
                    ES_TEXT_ANALYZER: swedish_text,
                    # Fields the mappings do not name an analyzer for.
                    "default": swedish_text,
                    ES_AUTOCOMPLETE_INDEX_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "edgengram"],
                    },
                    ES_AUTOCOMPLETE_SEARCH_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    },
                },
            }
        }
    }


def backends_from_env(environ: Mapping[str, str] | None = None) -> dict:
    """The ``WAGTAILSEARCH_BACKENDS`` setting for ``environ`` (default: ``os.environ``)."""
    environ = os.environ if environ is None else environ
    kind = (environ.get("ENKANAL_SEARCH_BACKEND") or "database").strip().lower()
    if kind == "database":
        return {
            "default": {
                "BACKEND": DATABASE_BACKEND,
                # Used on PostgreSQL only; SQLite's FTS5 folds diacritics itself.
                "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG,
                "AUTOCOMPLETE_CONFIG": POSTGRES_AUTOCOMPLETE_CONFIG,
                "LOCALE_CONFIGS": dict(POSTGRES_LOCALE_CONFIGS),
            }
        }
    if kind == "elasticsearch":
        url = environ.get("ELASTICSEARCH_URL") or "http://localhost:9200"
        try:
            timeout = int(environ.get("ELASTICSEARCH_TIMEOUT") or 5)
        except ValueError as exc:
            raise ImproperlyConfigured("ELASTICSEARCH_TIMEOUT must be an integer.") from exc
        return {
            "default": {
                "BACKEND": ELASTICSEARCH_BACKEND,
                "URLS": [u.strip() for u in url.split(",") if u.strip()],
                "INDEX_PREFIX": environ.get("ELASTICSEARCH_INDEX_PREFIX") or "enkanal_",
                "TIMEOUT": timeout,
                "OPTIONS": {},
                "INDEX_SETTINGS": elasticsearch_index_settings(),
            }
        }
    raise ImproperlyConfigured(
        f"ENKANAL_SEARCH_BACKEND must be 'database' or 'elasticsearch', not {kind!r}."
    )
