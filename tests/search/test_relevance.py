"""The Swedish relevance set over its corpus: floors that search must not fall below."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

import search
from search.vocabulary import clear_vocabulary
from tests.search.relevance import (
    CORPUS,
    QUERIES,
    build_corpus,
    evaluate,
    ndcg_at,
    staff_only_keys,
    summarise,
)
from tests.search.relevance_data import INTRANET

#: Floors for the database backend the tests run on (SQLite FTS5 by default; the same
#: floors hold on PostgreSQL with DATABASE_URL). A little below what is measured: see
#: README "Sök / Search".
MIN_NDCG = 0.80
MIN_MRR = 0.90
MIN_RECALL = 0.75


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
        unknown = [(q.query, key) for q in QUERIES for key in q.grades if key not in CORPUS]
        assert not unknown
        assert all(q.grades for q in QUERIES), "a query judged with no item"
        assert all(grade in (1, 2, 3) for q in QUERIES for grade in q.grades.values())
        typed = Counter((q.query, q.surface, q.locale) for q in QUERIES)
        assert not [key for key, n in typed.items() if n > 1], "a query judged twice"

    def test_judgements_fit_their_surface(self):
        """Public queries judge only public items; English ones only English items."""
        staff_only = staff_only_keys()
        for q in QUERIES:
            if q.surface != INTRANET:
                assert not staff_only & q.grades.keys(), q.query
            assert all(key.startswith("en:") == (q.locale == "en") for key in q.grades), q.query

    def test_set_covers_what_residents_and_staff_type(self):
        assert len(QUERIES) >= 150
        assert len(CORPUS) >= 300
        kinds = {q.kind for q in QUERIES}
        assert {
            "inflection",
            "definite",
            "plural",
            "compound",
            "partial",
            "typo",
            "no-diacritics",
            "english",
            "question",
        } <= kinds
        surfaces = Counter(q.surface for q in QUERIES)
        assert surfaces[INTRANET] >= 30 and surfaces["public"] >= 100
        assert len(staff_only_keys()) >= 30

    def test_graded_ndcg(self):
        grades = {"a": 3, "b": 1}
        assert ndcg_at(["a", "b"], grades) == pytest.approx(1.0)
        assert ndcg_at(["b", "a"], grades) < ndcg_at(["a", "x", "b"], grades) < 1.0
        assert ndcg_at(["x"], grades) == 0.0

    def test_floor(self, corpus):
        results = evaluate(corpus)
        summary = summarise(results)
        misses = [(r.surface, r.query, r.found[:3]) for r in results if r.reciprocal_rank < 1]
        print(summary, misses)
        assert summary["leaks"] == 0, [(r.query, r.leaks) for r in results if r.leaks]
        assert summary["ndcg@10"] >= MIN_NDCG, misses
        assert summary["mrr"] >= MIN_MRR, misses
        assert summary["recall@10"] >= MIN_RECALL, misses
        # Each surface holds its own: the intranet is not carried by the public site.
        assert summary["intranet_ndcg@10"] >= MIN_NDCG
        assert summary["public_ndcg@10"] >= MIN_NDCG
