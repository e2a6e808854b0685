"""The search form: Swedish and English parameter names, bad values fall back."""

from __future__ import annotations

from django.http import QueryDict

from frontend.forms import MAX_PAGE, QUERY_MAX_LENGTH, SearchForm

TYPES = ("news", "notice", "press_release")


def values(query: str) -> dict:
    return SearchForm(QueryDict(query), types=TYPES).values


class TestSearchForm:
    def test_swedish_names(self):
        assert values("q=+skola+&typ=news&amne=trafik&sida=3") == {
            "q": "skola",
            "typ": "news",
            "amne": "trafik",
            "sida": 3,
        }

    def test_english_names_when_the_swedish_are_absent(self):
        assert values("q=skola&type=notice&topic=trafik")["typ"] == "notice"
        assert values("q=skola&type=notice&topic=trafik")["amne"] == "trafik"
        assert values("typ=news&type=notice")["typ"] == "news"

    def test_nothing_given(self):
        assert values("") == {"q": "", "typ": "", "amne": "", "sida": 1}

    def test_bad_values_fall_back_to_their_defaults(self):
        cases = {
            "typ=staff_bulletin": ("typ", ""),  # not a type of this site
            "typ=<script>": ("typ", ""),
            "amne=../../etc": ("amne", ""),
            "sida=abc": ("sida", 1),
            "sida=0": ("sida", 1),
            "sida=-4": ("sida", 1),
            "sida=1e9": ("sida", 1),
            "q=a%00b": ("q", ""),
        }
        for query, (name, expected) in cases.items():
            form = SearchForm(QueryDict(query), types=TYPES)
            assert form.values[name] == expected, query
            assert name in form.errors, query

    def test_large_pages_and_long_queries_are_cut(self):
        assert values("sida=99999")["sida"] == MAX_PAGE
        assert values("q=" + "a" * 500)["q"] == "a" * QUERY_MAX_LENGTH

    def test_site_types(self):
        form = SearchForm(QueryDict("typ=staff_bulletin"), types=("staff_bulletin", "news"))
        assert form.values["typ"] == "staff_bulletin"
