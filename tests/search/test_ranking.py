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


class TestWeakerForms:
    def test_the_word_itself_ranks_above_its_verb(self, make_item):
        verb = make_item(title="Gatorna i Västerby", summary="Gatan snöröjs på torsdag.")
        noun = make_item(title="Snöröjningen i Norrby", summary="Vi börjar med cykelvägarna.")
        other = make_item(title="Vägarbete på Storgatan", summary="Gatan stängs av.")
        pks = [hit.page.pk for hit in search_items("snöröjning", filters=SV).hits]
        assert pks == [noun.pk, verb.pk]
        assert other.pk not in pks

    def test_both_parts_of_a_compound_rank_above_one(self, make_item):
        both = make_item(title="Ansök om semester", summary="Senast i mars.")
        one = make_item(
            title="Ansök om parkeringstillstånd",
            summary="Ansökan görs i e-tjänsten. Ansök i god tid.",
        )
        # One part twice in the title and the summary, yet it is only one part.
        pks = [hit.page.pk for hit in search_items("semesteransökan", filters=SV).hits]
        assert pks == [both.pk, one.pk]


class TestFieldWeights:
    def test_a_word_in_the_title_beats_a_word_in_the_body(self, make_item):
        # A long title with the word against a short title and the word in the body:
        # the short title must not lift the body match above the title match.
        titled = make_item(
            title="Så fungerar vinterns snöröjning på gator, cykelvägar och torg i Ekby",
            summary="Läs om hur vi arbetar.",
        )
        body = make_item(
            title="Enskilda vägar",
            summary="Bidrag till vägföreningar.",
            body=_body("Ansök senast 31 mars. Snöröjning ingår i driften av vägen."),
        )
        results = search_items("snöröjning", filters=SV)
        assert _titles(results)[:2] == [titled.title, body.title]

    def test_a_word_in_the_summary_beats_a_word_in_the_body(self, make_item):
        summary = make_item(title="Veckans nyhet", summary="Hemtjänsten byter lås.")
        body = make_item(
            title="Dagens nyhet", summary="Kort om veckan.", body=_body("Hemtjänsten byter lås.")
        )
        results = search_items("hemtjänsten", filters=SV)
        assert [hit.page.pk for hit in results.hits] == [summary.pk, body.pk]


class TestAnyWord:
    def test_items_matching_some_words_are_found_after_those_matching_all(self, make_item):
        old_home = make_item(title="Nya äldreboendet i Norrby", summary="Inflyttning i maj.")
        both = make_item(
            title="Nytt äldreboende byggs", summary="Ett nytt äldreboende byggs vid parken."
        )
        other = make_item(title="Vägarbete på Storgatan", summary="Gatan stängs av.")
        results = search_items("nytt äldreboende", filters=SV)
        pks = [hit.page.pk for hit in results.hits]
        assert pks == [both.pk, old_home.pk]
        assert other.pk not in pks

    def test_more_matching_words_rank_higher(self, make_item):
        one = make_item(title="Parkering", summary="Avgifter för parkering i centrum.")
        two = make_item(title="Snöröjning och parkering", summary="Flytta bilen vid plogning.")
        three = make_item(
            title="Snöröjning av parkeringen vid kommunhuset", summary="Flytta bilen i tid."
        )
        results = search_items("snöröjning parkering kommunhuset", filters=SV)
        assert [hit.page.pk for hit in results.hits] == [three.pk, two.pk, one.pk]

    def test_stop_words_do_not_decide(self, make_item):
        item = make_item(title="Ledig förskoleplats", summary="Platser i Norrby.")
        results = search_items("hur kan jag få en ledig förskoleplats", filters=SV)
        assert [hit.page.pk for hit in results.hits][:1] == [item.pk]

    def test_no_staff_only_item_in_public_results(self, make_item):
        public = make_item(title="Nytt äldreboende", summary="Öppnar i vår.")
        staff_only = make_item(
            title="Nytt äldreboende: bemanning",
            summary="Internt om äldreboendet.",
            audience_codes=("staff",),
        )
        for query in ("nytt äldreboende", "äldreboende bemanning", "bemanning"):
            pks = [hit.page.pk for hit in search_items(query, filters=SV).hits]
            assert staff_only.pk not in pks, query
        assert public.pk in [hit.page.pk for hit in search_items("nytt", filters=SV).hits]


class TestSuggestions:
    def test_hyphenated_words_stay_whole(self, make_item):
        make_item(title="Hösten i parken", summary="Löven faller i höst.")
        for query in ("e-posten", "e-post"):
            assert search_items(query).corrected_query is None, query

    def test_word_that_matches_something_is_not_corrected(self, make_item):
        # "omledning" is only in a body (not in the vocabulary), "ledning" in a title.
        make_item(title="Ny ledning för skolan", summary="Rektorn börjar i augusti.")
        make_item(
            title="Busstrafiken ändras",
            summary="Linje 4 går annan väg.",
            body=_body("Omledning via Kyrkvägen under hela veckan."),
        )
        assert search_items("omledning").corrected_query is None

    def test_word_in_the_vocabulary_is_not_corrected(self, make_item):
        make_item(title="Mejl till kommunen", summary="Skicka mejl.")
        make_item(title="Mell och mull", summary="Om jord.")
        assert search_items("mejl").corrected_query is None

    def test_correction_suggested_when_it_finds_more(self, make_item):
        item = make_item(title="Snöröjningen i vinter", summary="Vi plogar först cykelvägar.")
        results = search_items("snörjöning")
        assert [h.page.pk for h in results.hits] == [item.pk]
        assert results.corrected_query == "snöröjning"
