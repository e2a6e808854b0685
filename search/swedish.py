"""Swedish text handling for search: tokens, folding, stems and compounds.

The database backends do not stem Swedish on SQLite and do not fold å, ä and ö on
PostgreSQL, so queries are expanded here before they reach a backend: each word becomes
the prefix of its stem (``kommunens`` → ``kommun*``, which also finds compounds that
start with it), and a compound the index does not know is split into parts it does
(``förskoleplats`` → ``förskol* plats*``). Stems come from the Snowball algorithms
(``snowballstemmer``) for Swedish and English, with one Swedish step of our own
(``strip_definite_neuter``); edit distances from RapidFuzz.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from pathlib import Path

import snowballstemmer
from rapidfuzz.distance import OSA

#: Longest accepted query, in characters; longer queries are refused as bad input.
MAX_QUERY_LENGTH = 200
#: At most this many words of a query are used.
MAX_TERMS = 8
#: Words longer than this are not words (pasted hashes, base64, ...).
MAX_TERM_LENGTH = 40

_DATA = Path(__file__).resolve().parent / "data"


def _word_list(name: str) -> frozenset[str]:
    """The words of ``data/<name>``: one a line, ``#`` comments and blank lines skipped."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


#: Function words that carry no meaning in a search, in Swedish and in English (the
#: Snowball stop lists, ``data/stopwords_*.txt``). PostgreSQL's ``swedish``
#: configuration drops the Swedish ones too; SQLite would otherwise require them.
SWEDISH_STOPWORDS = _word_list("stopwords_sv.txt")
ENGLISH_STOPWORDS = _word_list("stopwords_en.txt")
STOPWORDS = SWEDISH_STOPWORDS | ENGLISH_STOPWORDS

#: Languages ``stem`` knows: Enkanal's locales and their Snowball algorithms.
LANGUAGES = {"sv": "swedish", "en": "english"}
_stemmers = threading.local()

#: Doubled consonants, "nd" and "i", before which a final "et" is the definite ending
#: of a neuter noun (see ``strip_definite_neuter``).
_DEFINITE_NEUTER_BEFORE = ("nd", "ll", "mm", "nn", "rr", "ss", "tt", "i")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (``Förskolan`` → ``forskolan``).

    This is what SQLite's FTS5 tokenizer does to indexed text, and what the
    Elasticsearch analyzers do on both sides, so folded forms compare equal everywhere.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: The stop words folded, as compound parts are compared (``for`` of ``förskola``).
FOLDED_STOPWORDS = frozenset(fold(word) for word in STOPWORDS)


def clean_query(query: str) -> str:
    """``query`` without control characters and with collapsed whitespace."""
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in query)
    return " ".join(text.split())


def tokenize(text: str) -> list[str]:
    """Lower-case words of ``text``: letters and digits only, operators and quotes gone.

    Underscores count as separators: they are word characters to Python but not to
    the search backends' tokenizers.
    """
    words = _WORD_RE.findall(text.lower().replace("_", " "))
    return [w for w in words if len(w) <= MAX_TERM_LENGTH]


def query_terms(query: str) -> list[str]:
    """The meaningful words of a query (stop words dropped unless nothing else is left)."""
    words = list(dict.fromkeys(tokenize(clean_query(query))))
    meaningful = [w for w in words if w not in STOPWORDS]
    # Stop words do not count towards the limit.
    return (meaningful or words)[:MAX_TERMS]


def _stemmer(language: str):
    """This thread's Snowball stemmer for ``language`` (the objects keep state per call)."""
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(LANGUAGES[language])
    return stemmers[language]


def strip_definite_neuter(stem: str) -> str:
    """Swedish step after Snowball: drop the definite "-et" of ``boendet`` and ``samhället``.

    Snowball's Swedish algorithm removes "-et" only after letters where it cannot be
    part of the word (so ``budget`` stays whole), and therefore keeps ``boendet``,
    ``ärendet`` and ``samhället`` as they are, while the indefinite ``boende``,
    ``ärende`` and ``samhälle`` become ``boend``, ``ärend`` and ``samhäll``. A search
    for one form would then miss the other: as prefixes, ``boendet*`` does not find
    ``boende``. After "nd" or a doubled consonant a final "-et" is the definite ending
    of a neuter noun, so it is removed there, and only there; and after "i", where
    Snowball keeps it too (``gymnasiet`` of ``gymnasium``, ``partiet``, ``batteriet``).
    """
    if len(stem) >= 6 and stem.endswith("et") and stem[:-2].endswith(_DEFINITE_NEUTER_BEFORE):
        return stem[:-2]
    return stem


def indefinite_stem(word: str) -> str | None:
    """Swedish step for queries: the stem of the indefinite form of a definite "-an".

    Snowball's Swedish algorithm has no "-an" ending (it cannot tell ``skolan``, the
    school, from ``detaljplan``), so ``förskolan`` stays whole while ``förskola`` becomes
    ``förskol``. A query word ending in "-an" is therefore also searched as the word
    with "-a" instead (``förskolan`` → ``förskola`` → ``förskol``); ``detaljplan`` gets
    ``detaljpl``, which finds only what ``detaljplan`` does. ``None`` when the word does
    not end so or the stem is the same.
    """
    if len(word) < 6 or not word.isalpha() or not word.endswith("an"):
        return None
    candidate = stem(word[:-2] + "a")
    return None if candidate == stem(word) or len(candidate) < 4 else candidate


def stem(word: str, language: str = "sv") -> str:
    """The stem of a lower-case ``word``: Snowball's (``kommunens`` → ``kommun``).

    Swedish (``sv``, the default) adds ``strip_definite_neuter``; English (``en``) is
    Snowball's English algorithm as it is (``fire`` stays ``fire``, not ``fir``).
    """
    if len(word) < 3 or not word.isalpha():
        return word
    stemmer = _stemmer(language)
    stemmed = stemmer.stemWord(word)
    if language == "sv":
        stemmed = strip_definite_neuter(settle_final_s(stemmed, stemmer.stemWord))
    return stemmed


def settle_final_s(stemmed: str, snowball) -> str:
    """Swedish step after Snowball: drop a final "-s" that Snowball drops from the stem.

    Snowball removes one ending, so ``skolskjutsar`` → ``skolskjuts`` but
    ``skolskjuts`` → ``skolskjut``: the two forms of one word get stems of which one is
    not a prefix of the other, and PostgreSQL's index holds ``skolskjut`` for the
    second. When Snowball would take the "-s" off the stem too, it is taken off here.
    """
    if len(stemmed) > 4 and stemmed.endswith("s") and snowball(stemmed) == stemmed[:-1]:
        return stemmed[:-1]
    return stemmed


def deverbal_stem(stem: str) -> str | None:
    """Swedish step for queries: the verb inside a noun in "-ning" (``plogning`` → ``plog``).

    Nouns in "-ning" name the act of a verb (``snöröjning`` of ``snöröja``, ``sandning``
    of ``sanda``), and texts often use the verb instead (``gatan plogas``, ``vi sandar``).
    Snowball keeps "-ning", so ``plogning*`` never meets ``plogas``; the verb's stem does.
    ``None`` when ``stem`` does not end so, or when fewer than four letters would be left
    (``tidning`` is not about ``tid``).
    """
    if len(stem) >= 8 and stem.endswith("ning") and stem.isalpha():
        return stem[:-4]
    return None


def compound_splits(
    word: str, known_stems: frozenset[str] | set[str], known_prefix=None
) -> list[tuple[str, str]]:
    """Ways to read ``word`` as two known words: ``förskoleplats`` → ``(förskol, plat)``.

    Both parts, stemmed, must be in ``known_stems`` (the stems of the indexed
    vocabulary), except that with ``known_prefix`` (a callable: does any known word
    start so?) a head of at least four letters may be the start of a known word, as
    first parts of compounds often occur only in compounds (``slamtömning`` and
    ``slamavskiljare``). Swedish joins compounds with a linking ``s`` or by changing a
    final ``a`` to ``e`` (``förskola`` + ``plats`` → ``förskoleplats``); both are undone.
    A tail in the definite "-an" form is also tried as its indefinite stem. Splits whose
    head is a known word come first.
    """
    splits, prefix_splits = [], []
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        # A definite "-an" tail is read as its indefinite form too (``semesteransökan``
        # → ``semester`` + ``ansök``), as ``indefinite_stem`` does for whole words.
        tail_stem = next(
            (
                candidate
                for candidate in (stem(tail), indefinite_stem(tail))
                if candidate is not None and candidate in known_stems
            ),
            stem(tail) if tail in known_stems else None,
        )
        if tail_stem is None or tail in FOLDED_STOPWORDS:
            continue
        if head in FOLDED_STOPWORDS:
            continue  # ``för|skola``: a function word finds everything
        heads = [head]
        if head.endswith("s"):
            heads.append(head[:-1])
        if head.endswith("e"):
            heads.append(head[:-1] + "a")
        for candidate in heads:
            head_stem = stem(candidate)
            if len(head_stem) >= 3 and (head_stem in known_stems or candidate in known_stems):
                splits.append((head_stem, tail_stem))
                break
        else:
            if known_prefix is not None and len(heads[-1]) >= 4 and known_prefix(heads[-1]):
                prefix_splits.append((heads[-1], tail_stem))
    return splits + prefix_splits


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps counting once (RapidFuzz's optimal string
    alignment), or ``limit + 1`` when it is greater than ``limit``."""
    return OSA.distance(a, b, score_cutoff=limit)


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2
