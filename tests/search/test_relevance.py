"""The Swedish relevance set over its corpus: a floor that search must not fall below."""

import importlib.util
from pathlib import Path

import pytest

import search
from search.vocabulary import clear_vocabulary
from tests.search.relevance import CORPUS, QUERIES, build_corpus, evaluate, summarise

#: Floors for the database backend the tests run on (SQLite FTS5 by default; the same
#: floors hold on PostgreSQL with DATABASE_URL). Measured: see README "Sök / Search".
MIN_MRR = 0.85
MIN_NDCG = 0.80


@pytest.fixture
def corpus(db):
    clear_vocabulary()
    ids = build_corpus()
    clear_vocabulary()
    return ids


class TestRelevanceSet:
    def test_the_search_package_does_not_ship_it(self):
        """The set is test and benchmark data: it lives under tests/, not in ``search``."""
        assert importlib.util.find_spec("search.relevance") is None
        assert not list(Path(search.__file__).parent.rglob("relevance*.py"))

    def test_every_judgement_names_an_item_of_the_corpus(self):
        """A judgement of an item that is not in the corpus could never be found: a silent 0."""
        unknown = [
            (query, key) for query, _kind, keys in QUERIES for key in keys if key not in CORPUS
        ]
        assert not unknown
        assert all(keys for _query, _kind, keys in QUERIES), "a query judged with no item"
        queries = [query for query, _kind, _keys in QUERIES]
        assert len(queries) == len(set(queries)), "a query judged twice"

    def test_set_covers_what_residents_type(self):
        assert len(QUERIES) >= 40
        kinds = {kind for _, kind, _ in QUERIES}
        assert {"inflection", "definite", "compound", "typo", "no-diacritics", "english"} <= kinds

    def test_floor(self, corpus):
        results = evaluate(corpus)
        summary = summarise(results)
        misses = [(r.query, r.found[:3]) for r in results if r.reciprocal_rank < 1]
        print(summary, misses)
        assert summary["mrr"] >= MIN_MRR, misses
        assert summary["ndcg@10"] >= MIN_NDCG, misses
