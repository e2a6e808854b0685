"""search_items and suggest: expansion, filters, picks, snippets, pagination, bad input."""

import datetime

import pytest
from django.utils import timezone

from search import swedish
from search.backends.query import Prefix
from search.queries import (
    SearchFilters,
    SearchInputError,
    expand,
    highlight,
    search_items,
    suggest,
)
from search.vocabulary import Vocabulary

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.page.title for hit in results.hits]


class TestSwedish:
    def test_stems(self):
        cases = {
            "kommunens": "kommun",
            "bygglovet": "bygglov",
            "förskola": "förskol",
            "detaljplanen": "detaljplan",
        }
        for word, stem in cases.items():
            assert swedish.stem(word) == stem, word

    def test_fold(self):
        assert swedish.fold("Förskolan ÅÄÖ") == "forskolan aao"

    def test_query_terms_drop_operators_and_stop_words(self):
        assert swedish.query_terms('"bygglov" AND (Sjöviken) OR -x* för') == [
            "bygglov",
            "sjöviken",
            "x",
        ]
        assert swedish.query_terms("och i") == ["och", "i"]
        assert swedish.query_terms("\x00\x1f;--") == []

    def test_compound_split(self):
        known = {"forskol", "plat", "plats"}
        assert swedish.compound_splits("forskoleplats", known)[0] == ("forskol", "plat")

    def test_compound_split_never_on_a_function_word(self):
        # "för|skola" is Swedish, but "för*" would find every item.
        assert swedish.compound_splits("forskola", {"for", "skol"}) == []

    def test_compound_split_on_a_head_that_only_starts_known_words(self):
        known = {"tomning", "slamavskiljar"}
        assert swedish.compound_splits("slamtomning", known) == []
        starts = lambda prefix: "slamavskiljare".startswith(prefix)  # noqa: E731
        assert swedish.compound_splits("slamtomning", known, starts)[0] == ("slam", "tomning")
        # Heads that are known words come first.
        known_heads = swedish.compound_splits("forskoleplats", {"forskol", "plat"}, starts)
        assert known_heads[0] == ("forskol", "plat")

    def test_edit_distance_counts_a_swap_once(self):
        assert swedish.edit_distance("bygglvo", "bygglov", 2) == 1
        assert swedish.edit_distance("abc", "xyz", 1) == 2


class TestExpand:
    def test_words_become_stem_prefixes(self):
        expanded = expand("Kommunens bygglovet")
        prefixes = [q.term for q in expanded.query.subqueries]
        assert prefixes == ["kommun", "bygglov"]
        assert all(isinstance(q, Prefix) for q in expanded.query.subqueries)

    def test_unknown_word_gets_compound_and_correction(self):
        from collections import Counter

        vocabulary = Vocabulary(Counter({"forskola": 3, "plats": 2, "bygglov": 5}))
        expanded = expand("förskoleplats bygglvo", vocabulary)
        compound, typo = expanded.query.subqueries
        # The word itself, or its two parts.
        assert [q.term for q in compound.subqueries] == ["forskoleplat", "forskol", "plat"]
        weaker, none = expanded.query.weaker
        assert weaker.own.term == "forskoleplat"
        assert [part.term for part in weaker.readings[0]] == ["forskol", "plat"]
        assert none is None  # the correction is one of the word's own forms
        assert [q.term for q in typo.subqueries] == ["bygglvo", "bygglov"]
        assert expanded.corrected == "förskoleplats bygglov"
        assert "bygglov" in expanded.highlight_stems

    def test_a_noun_in_ning_is_also_its_verb(self):
        expanded = expand("snöröjning")
        (word,) = expanded.query.subqueries
        assert [q.term for q in word.subqueries] == ["snorojning", "snoroj"]
        (weaker,) = expanded.query.weaker
        assert weaker.own.term == "snorojning"
        assert [[part.term for part in parts] for parts in weaker.readings] == [["snoroj"]]

    def test_a_corrected_word_has_its_weaker_forms_too(self):
        from collections import Counter

        vocabulary = Vocabulary(Counter({"snorojning": 3, "snoroja": 1}))
        expanded = expand("snörjöning", vocabulary)
        assert expanded.corrected == "snorojning"
        (weaker,) = expanded.query.weaker
        assert ["snoroj"] in [[part.term for part in parts] for parts in weaker.readings]
        # The query as typed has neither the correction nor its forms.
        (plain,) = expanded.plain.weaker
        assert ["snoroj"] not in [[part.term for part in parts] for parts in plain.readings]

    def test_whether_a_word_matches_as_typed_ignores_its_weaker_forms(self):
        from collections import Counter

        vocabulary = Vocabulary(Counter({"parkering": 3, "park": 2, "ring": 2}))
        asked = []

        def matches(query):
            asked.append(query)
            return False

        expanded = expand("parkring", vocabulary, matches=matches)
        assert [q.term for q in [asked[0]]] == ["parkring"]
        assert expanded.corrected == "parkering"

    def test_nothing_searchable(self):
        assert expand('"" ** ()').query is None


class TestHighlight:
    def test_marks_and_escapes(self):
        text = "Kommunen <script>alert(1)</script> beviljar bygglov & mer."
        snippet = highlight(text, {"bygglov", "kommun"})
        assert "<mark>Kommunen</mark>" in snippet
        assert "<mark>bygglov</mark>" in snippet
        assert "<script>" not in snippet
        assert "&lt;script&gt;" in snippet and "&amp;" in snippet

    def test_folded_match(self):
        assert highlight("Ny förskola i Norrby", {"forskol"}) == "Ny <mark>förskola</mark> i Norrby"

    def test_no_match(self):
        assert highlight("Ingenting här", {"bygglov"}) is None


class TestSearchItems:
    def test_finds_inflected_and_unaccented(self, make_item):
        item = make_item(title="Ny förskola öppnar i Norrby", summary="Förskolan tar emot barn.")
        make_item(title="Vägarbete på Storgatan")
        for query in ("förskolan", "forskola", "Förskola Norrby", "FÖRSKOLOR"):
            assert [h.page.pk for h in search_items(query).hits] == [item.pk], query

    def test_snippet_is_highlighted(self, make_item):
        make_item(title="Bygglov", summary="Kortare handläggning av bygglov i år.")
        hit = search_items("bygglovet").hits[0]
        assert "<mark>bygglov</mark>" in hit.snippet

    def test_specific_pages_and_scores(self, make_item):
        make_item("press", title="Pressmeddelande om skolan", audience_codes=("media",))
        hit = search_items("skolan").hits[0]
        assert hit.type == "press_release"
        assert hit.score is not None

    def test_filters(self, make_item, site_tree):
        from cms.snippets.factories import TopicFactory, UnitFactory

        topic = TopicFactory(slug="trafik", name="Trafik")
        parent_unit = UnitFactory()
        child_unit = UnitFactory(parent=parent_unit)
        news = make_item(title="Parkering i centrum", topics=[topic], owner_unit=child_unit)
        make_item("press", title="Parkering vid stationen", audience_codes=("media",))
        assert len(search_items("parkering").hits) == 2
        assert titles(search_items("parkering", filters=SearchFilters(types=("news",)))) == [
            news.title
        ]
        assert titles(search_items("parkering", filters=SearchFilters(topics=("trafik",)))) == [
            news.title
        ]
        by_unit = search_items("parkering", filters=SearchFilters(unit=parent_unit.pk))
        assert titles(by_unit) == [news.title]
        year = timezone.localdate().year
        assert len(search_items("parkering", filters=SearchFilters(year=year)).hits) == 2
        assert search_items("parkering", filters=SearchFilters(year=year - 5)).total == 0
        assert search_items("parkering", filters=SearchFilters(locale="en")).total == 0
        assert search_items("parkering", filters=SearchFilters(unit=10**9)).total == 0

    def test_owner_unit_name_is_a_filter_not_text(self, make_item):
        """An item does not match its owner unit's name unless its own text says it."""
        from cms.snippets.factories import UnitFactory

        unit = UnitFactory(name="Kommunstyrelseförvaltningen")
        make_item(title="Ny gång- och cykelväg", summary="Bygget startar i maj.", owner_unit=unit)
        mentions = make_item(title="Kommunstyrelsen sammanträder", summary="Dagordningen.")
        assert titles(search_items("kommunstyrelseförvaltningen")) == []
        assert titles(search_items("kommunstyrelsen")) == [mentions.title]
        # Still a filter: the unit narrows a search.
        assert titles(search_items("cykelväg", filters=SearchFilters(unit=unit.pk))) == [
            "Ny gång- och cykelväg"
        ]

    def test_all_words_first_then_any(self, make_item):
        both = make_item(title="Simhallen renoveras", summary="Bassängen byts ut.")
        make_item(title="Simhallen öppnar", summary="Nya tider.")
        # Items matching every word first, then those matching some.
        assert titles(search_items("simhallen bassängen"))[0] == both.title
        assert search_items("simhallen bassängen").total == 2
        assert search_items("simhallen zyxwvut").total == 2

    def test_pagination(self, make_item):
        for n in range(5):
            make_item(title=f"Bibliotek nummer {n}")
        first = search_items("bibliotek", page_size=2)
        second = search_items("bibliotek", page=2, page_size=2)
        last = search_items("bibliotek", page=3, page_size=2)
        assert first.total == 5 and first.has_next and not last.has_next
        pks = [h.page.pk for r in (first, second, last) for h in r.hits]
        assert len(pks) == len(set(pks)) == 5

    def test_editors_picks_first_and_audience_filtered(self, make_item):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        organic = make_item(title="Bygglov för villor", summary="Bygglov bygglov bygglov.")
        pick = make_item(title="E-tjänst för ansökan", summary="Ansök här.")
        staff_pick = make_item(title="Internt om handläggning", audience_codes=("staff",))
        query = Query.get("Bygglov")
        SearchPromotion.objects.create(query=query, page=staff_pick, sort_order=0)
        SearchPromotion.objects.create(query=query, page=pick, sort_order=1)
        results = search_items("bygglov")
        assert [(h.page.pk, h.promoted) for h in results.hits] == [
            (pick.pk, True),
            (organic.pk, False),
        ]
        # Picks come on top of the first page; ``total`` counts the other hits.
        assert results.total == 1 and not results.has_next

    def test_typo_is_corrected(self, make_item):
        item = make_item(title="Snöröjningen i vinter", summary="Vi plogar först cykelvägar.")
        results = search_items("snörjöning")
        assert [h.page.pk for h in results.hits] == [item.pk]
        assert results.corrected_query == "snöröjning"


class TestBadInput:
    def test_empty_and_too_long_are_refused(self):
        for query in ("", "   ", None, "a" * (swedish.MAX_QUERY_LENGTH + 1)):
            with pytest.raises(SearchInputError):
                search_items(query)

    def test_bad_filters_and_pages_are_refused(self):
        for kwargs in (
            {"filters": SearchFilters(types=("blog",))},
            {"filters": SearchFilters(year=1200)},
            {"page": 0},
            {"page_size": 500},
        ):
            with pytest.raises(SearchInputError):
                search_items("bygglov", **kwargs)

    def test_syntax_breaking_queries_find_nothing_or_something(self, make_item):
        make_item(title="Bygglov AND beslut")
        queries = [
            '"',
            "'",
            '"bygglov',
            "bygglov*",
            "bygglov AND OR NOT",
            "title:bygglov",
            "(bygglov",
            "bygglov'); DROP TABLE wagtailcore_page; --",
            "bygglov\\",
            "NEAR(bygglov beslut)",
            "bygglov^2 ~ {} [] / ? :",
            "\x00bygglov\x07",
            "-",
            "&|!",
        ]
        for query in queries:
            results = search_items(query)
            assert results.total >= 0, query


class TestSuggest:
    def test_suggests_visible_titles(self, make_item):
        public = make_item(title="Förskolan Solrosen invigs")
        make_item(title="Förskolans personalmöte", audience_codes=("staff",))
        assert [p.pk for p in suggest("försk")] == [public.pk]
        assert suggest("f") == []

    def test_staff_see_staff_items(self, make_item):
        from cms.core import roles
        from cms.core.factories import UserFactory

        make_item(title="Förskolan Solrosen invigs")
        make_item(title="Förskolans personalmöte", audience_codes=("staff",))
        user = UserFactory(roles=[roles.STAFF])
        assert len(suggest("försk", user=user, public=False)) == 2

    def test_at_is_respected(self, make_item):
        make_item(title="Framtida nyhet", internal=timezone.now() + datetime.timedelta(days=1))
        assert suggest("framtida") == []


class TestHiddenDocumentsInSnippets:
    def test_snippet_never_shows_an_internal_documents_name(self, make_item):
        import json

        from cms.core.factories import DocumentFactory

        document = DocumentFactory(title="Lönekartläggning för chefer", is_internal=True)
        link = f'<a linktype="document" id="{document.pk}">{document.title}</a>'
        body = [
            {"type": "document", "value": {"document": document.pk, "title": "Bilaga för chefer"}},
            {"type": "paragraph", "value": f"<p>Om lönekartläggning, se {link}.</p>"},
        ]
        make_item(title="Löner", summary="Om lönerna i år.", body=json.dumps(body))
        hits = search_items("lönekartläggning").hits
        assert hits, "the item is found by its own words"
        for hit in hits:
            assert "chefer" not in hit.snippet, hit.snippet
        assert "<mark>lönekartläggning</mark>" in hits[0].snippet  # the body's own word
