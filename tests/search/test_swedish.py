"""Stems, stop words and edit distances: the libraries, and the one Swedish step of ours."""

import snowballstemmer

from search import swedish


class TestStemmer:
    def test_swedish_is_snowball_plus_the_definite_neuter_step(self):
        snowball = snowballstemmer.stemmer("swedish")
        words = [
            "budget",
            "budgeten",
            "detaljplan",
            "detaljplanen",
            "kommunens",
            "förskolorna",
            "bygglovet",
            "snöröjningen",
            "boendet",
            "samhället",
        ]
        for word in words:
            expected = swedish.strip_definite_neuter(snowball.stemWord(word))
            assert swedish.stem(word) == expected, word

    def test_words_the_old_stemmer_cut_stay_whole(self):
        assert swedish.stem("budget") == "budget"
        assert swedish.stem("budgeten") == "budget"
        assert swedish.stem("detaljplan") == "detaljplan"
        assert swedish.stem("detaljplanen") == "detaljplan"

    def test_definite_neuter_step_on_its_own(self):
        # After "nd" or a doubled consonant "-et" is the definite ending: removed.
        assert swedish.strip_definite_neuter("boendet") == "boend"
        assert swedish.strip_definite_neuter("äldreboendet") == "äldreboend"
        assert swedish.strip_definite_neuter("samhället") == "samhäll"
        # Elsewhere it is part of the word, and short stems are left alone.
        assert swedish.strip_definite_neuter("budget") == "budget"
        assert swedish.strip_definite_neuter("paket") == "paket"
        assert swedish.strip_definite_neuter("raket") == "raket"
        # After "i" too, where Snowball keeps it: "gymnasiet" of "gymnasium".
        assert swedish.strip_definite_neuter("gymnasiet") == "gymnasi"
        assert "gymnasium".startswith(swedish.stem("gymnasiet"))
        assert "gymnasieval".startswith(swedish.stem("gymnasiet"))
        # Both forms meet on one stem.
        assert swedish.stem("boendet") == swedish.stem("boende")
        assert swedish.stem("samhället") == swedish.stem("samhälle")

    def test_indefinite_stem_of_definite_an_on_its_own(self):
        assert swedish.stem("förskolan") == "förskolan"  # Snowball has no "-an"
        assert swedish.indefinite_stem("förskolan") == swedish.stem("förskola") == "förskol"
        assert swedish.indefinite_stem("detaljplan") == "detaljpl"
        assert swedish.indefinite_stem("plan") is None
        assert swedish.indefinite_stem("förskola") is None

    def test_definite_an_query_finds_the_indefinite_word(self):
        from search.queries import expand

        terms = [q.term for q in expand("förskolan").query.subqueries]
        assert terms == ["forskolan", "forskol"]

    def test_final_s_step_on_its_own(self):
        snowball = snowballstemmer.stemmer("swedish").stemWord
        # Snowball takes one ending: the two forms would not share a prefix.
        assert snowball("skolskjutsar") == "skolskjuts"
        assert snowball("skolskjuts") == "skolskjut"
        assert swedish.settle_final_s("skolskjuts", snowball) == "skolskjut"
        assert swedish.stem("skolskjutsar") == swedish.stem("skolskjuts") == "skolskjut"
        # An "s" Snowball keeps stays (after a vowel, or in short stems).
        assert swedish.settle_final_s("hus", snowball) == "hus"
        assert swedish.settle_final_s("kurs", snowball) == "kurs"

    def test_deverbal_stem_on_its_own(self):
        assert swedish.deverbal_stem("plogning") == "plog"
        assert swedish.deverbal_stem("snorojning") == "snoroj"
        assert swedish.deverbal_stem("sandning") == "sand"
        # Fewer than four letters left, or no "-ning": nothing.
        assert swedish.deverbal_stem("tidning") is None
        assert swedish.deverbal_stem("tomning") is None
        assert swedish.deverbal_stem("parkering") is None

    def test_english_uses_the_english_algorithm(self):
        assert swedish.stem("fire", "en") == "fire"
        assert not "first".startswith(swedish.stem("fire", "en"))
        assert swedish.stem("libraries", "en") == swedish.stem("library", "en")
        assert swedish.stem("permits", "en") == "permit"

    def test_english_query_prefix_is_the_english_stem(self):
        from search.queries import expand

        assert expand("fire", language="en").query.term == "fire"


class TestStopWords:
    def test_real_lists_from_data_files(self):
        assert len(swedish.SWEDISH_STOPWORDS) > 100
        assert len(swedish.ENGLISH_STOPWORDS) > 100
        for word in ("och", "att", "för", "vilka", "can", "during", "the", "which"):
            assert word in swedish.STOPWORDS, word
        for word in ("bygglov", "skola", "library", "permit"):
            assert word not in swedish.STOPWORDS, word

    def test_dropped_from_queries(self):
        assert swedish.query_terms("how can I apply for a building permit during summer") == [
            "apply",
            "building",
            "permit",
            "summer",
        ]
        assert swedish.query_terms("när öppnar biblioteket efter sommaren") == [
            "öppnar",
            "biblioteket",
            "sommaren",
        ]
        # Nothing but stop words: kept, rather than searching for nothing.
        assert swedish.query_terms("och i") == ["och", "i"]


class TestEditDistance:
    def test_rapidfuzz_optimal_string_alignment(self):
        assert swedish.edit_distance("bygglvo", "bygglov", 2) == 1
        assert swedish.edit_distance("snörjöning", "snöröjning", 2) == 1  # one swap
        assert swedish.edit_distance("abcdef", "uvwxyz", 2) == 3
