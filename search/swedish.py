"""Swedish text handling for search: tokens, folding, stems and compounds.

The database backends do not stem Swedish on SQLite and do not fold å, ä and ö on
PostgreSQL, so queries are expanded here before they reach a backend: each word becomes
the prefix of its stem (``kommunens`` → ``kommun*``, which also finds compounds that
start with it), and a compound the index does not know is split into parts it does
(``förskoleplats`` → ``förskol* plats*``). The stemmer is the Snowball Swedish
algorithm, written out here to avoid a dependency for ~60 lines.
"""

from __future__ import annotations

import re
import unicodedata

#: Longest accepted query, in characters; longer queries are refused as bad input.
MAX_QUERY_LENGTH = 200
#: At most this many words of a query are used.
MAX_TERMS = 8
#: Words longer than this are not words (pasted hashes, base64, ...).
MAX_TERM_LENGTH = 40

_VOWELS = frozenset("aeiouyäåö")
_S_ENDINGS = frozenset("bcdfghjklmnoprtvy")
_STEP1_SUFFIXES = sorted(
    [
        "heterna",
        "hetens",
        "anden",
        "heten",
        "heter",
        "arnas",
        "ernas",
        "ornas",
        "andes",
        "arens",
        "andet",
        "arna",
        "erna",
        "orna",
        "ande",
        "arne",
        "aste",
        "aren",
        "ades",
        "erns",
        "ade",
        "are",
        "ern",
        "ens",
        "het",
        "ast",
        "ad",
        "en",
        "ar",
        "er",
        "or",
        "as",
        "es",
        "at",
        "an",
        "et",
        "a",
        "e",
    ],
    key=len,
    reverse=True,
)
_STEP2_ENDINGS = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")

#: Function words that carry no meaning in a search (PostgreSQL's ``swedish``
#: configuration drops them too; SQLite would otherwise require them in every hit).
STOPWORDS = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säger",
        "hon",
        "under",
        "också",
        "efter",
        "eller",
        "nu",
        "sin",
        "där",
        "vid",
        "mot",
        "ska",
        "skall",
        "hade",
        "kommer",
        "blir",
        "vara",
        "dem",
        "du",
        "bara",
        "vad",
        "hur",
        "alla",
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "an",
        "is",
        "for",
        "on",
        "with",
    ]
)

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (``Förskolan`` → ``forskolan``).

    This is what SQLite's FTS5 tokenizer does to indexed text, and what the
    Elasticsearch analyzers do on both sides, so folded forms compare equal everywhere.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
    words = list(dict.fromkeys(tokenize(clean_query(query))))[:MAX_TERMS]
    meaningful = [w for w in words if w not in STOPWORDS]
    return meaningful or words


def _r1(word: str) -> int:
    """Start of Snowball's R1 region, at least three letters into the word."""
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(i + 1, 3)
    return len(word)


def stem(word: str) -> str:
    """The Snowball Swedish stem of a lower-case ``word`` (``kommunens`` → ``kommun``)."""
    if len(word) < 3 or not word.isalpha():
        return word
    r1 = _r1(word)
    # Step 1: the longest inflectional suffix within R1.
    for suffix in _STEP1_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith("s") and len(word) - 1 >= r1 and word[-2] in _S_ENDINGS:
            word = word[:-1]
    # Step 2: undouble a final consonant pair left by step 1.
    if any(word.endswith(e) and len(word) - 2 >= r1 for e in _STEP2_ENDINGS):
        word = word[:-1]
    # Step 3: derivational suffixes.
    if (word.endswith("fullt") and len(word) - 5 >= r1) or (
        word.endswith("löst") and len(word) - 4 >= r1
    ):
        word = word[:-1]
    else:
        for suffix in ("lig", "els", "ig"):
            if word.endswith(suffix) and len(word) - len(suffix) >= r1:
                word = word[: -len(suffix)]
                break
    return word


def compound_splits(word: str, known_stems: frozenset[str] | set[str]) -> list[tuple[str, str]]:
    """Ways to read ``word`` as two known words: ``förskoleplats`` → ``(förskol, plats)``.

    Both parts, stemmed, must be in ``known_stems`` (the stems of the indexed
    vocabulary). Swedish joins compounds with a linking ``s`` or by changing a final
    ``a`` to ``e`` (``förskola`` + ``plats`` → ``förskoleplats``); both are undone.
    """
    splits = []
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        tail_stem = stem(tail)
        if tail_stem not in known_stems and tail not in known_stems:
            continue
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
    return splits


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein distance (adjacent swaps count once), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2
