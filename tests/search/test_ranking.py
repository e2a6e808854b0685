"""The order of results: better matches first on every database backend."""

import json

import pytest

from search.queries import SearchFilters, search_items


def _body(text):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


pytestmark = pytest.mark.django_db

SV = SearchFilters(locale="sv")


def _titles(results):
    return [hit.page.title for hit in results.hits]


class TestOrder:
    def test_two_word_query_ranks_the_best_match_first(self, make_item):
        # Both words in title and summary beat both words once in the body only.
        weak = make_item(
            title="Nyheter från förvaltningen",
            summary="Veckans händelser i korthet.",
            body=_body(
                "Veckans brev tar upp många saker från förvaltningen och nämnderna. "
                "Om bygglov och om detaljplan står mer på annan plats. "
                "Resten handlar om möten, personal, lokaler, planering och annat."
            ),
        )
        strong = make_item(
            title="Bygglov och detaljplan för Norrby",
            summary="Detaljplanen och bygglovet för Norrby har vunnit laga kraft.",
        )
        results = search_items("bygglov detaljplan", filters=SV)
        assert _titles(results)[:2] == [strong.title, weak.title]
        # Better is one direction: scores never increase down the list.
        scores = [hit.score for hit in results.hits]
        assert scores == sorted(scores, reverse=True)
        assert all(score > 0 for score in scores)

    def test_one_and_three_word_queries_agree_on_direction(self, make_item):
        strong = make_item(
            title="Snöröjning vid kommunhuset",
            summary="Snöröjning av parkeringen vid kommunhuset sker på morgonen.",
        )
        weak = make_item(
            title="Veckobrev",
            summary="Kort om mycket.",
            body=_body(
                "Veckans brev tar upp många saker från förvaltningen och nämnderna. "
                "Snöröjning, parkering och kommunhuset nämns här i förbigående. "
                "Resten handlar om möten, personal, lokaler, planering och annat."
            ),
        )
        for query in ("snöröjning", "snöröjning parkering kommunhuset"):
            results = search_items(query, filters=SV)
            assert _titles(results)[:2] == [strong.title, weak.title], query
            scores = [hit.score for hit in results.hits]
            assert scores == sorted(scores, reverse=True), query

