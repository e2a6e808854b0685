"""The words of the items, for compound splitting and typo correction, per audience.

Two vocabularies, built from every searchable text of an item (title, summary, the
text blocks of its body) and the names of topics and units:

- ``public`` from ``ArticlePage.objects.public()`` – only what anyone may read, so a
  correction on the public site can never reveal a word from a staff-only item;
- ``staff`` from ``ArticlePage.objects.for_all_staff()`` – what every member of staff
  may read, so intranet words (``semester``, ``ansöka``) split and correct there too.

Names of documents never enter a vocabulary (an internal document's name must not
surface through a public suggestion), nor do link targets or image references. The
worker rebuilds both every ``ENKANAL_SEARCH_VOCABULARY_TTL`` seconds and stores them in
the database (``StoredVocabulary``); each process keeps a copy in memory, so a search
never waits for the scan of every item.
"""

from __future__ import annotations

import bisect
import datetime
import logging
import math
import re
import threading
import time
from collections import Counter, defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import swedish

logger = logging.getLogger(__name__)
_lock = threading.Lock()
#: Audience → {"vocabulary", "built_at", "checked_at"} of this process.
_cache: dict[str, dict[str, object]] = {}

PUBLIC = "public"
STAFF = "staff"
AUDIENCES = (PUBLIC, STAFF)

#: The body blocks whose words are searchable text, and the keys that hold them. A
#: document block (it names a document) and a contact block (a person snippet, indexed
#: on its own) give nothing; a paragraph is the block's value itself.
_TEXT_KEYS = {
    "heading": ("text",),
    "paragraph": (None,),
    "image": ("alt_text", "caption"),
    "quote": ("quote", "attribution"),
    "fact_box": ("title", "text"),
    "video": ("title", "transcript"),
}
# The text of a link to a document names the document: left out with its tag.
_DOCUMENT_LINK = re.compile(r"<a\b[^>]*linktype=\"document\"[^>]*>.*?</a>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


class Vocabulary:
    """Folded words with their document counts, their stems and a fast prefix test."""

    def __init__(self, counts: Counter, spellings: dict[str, str] | None = None, *, items: int = 0):
        self.counts = counts
        #: How many items it was built from.
        self.items = items
        #: Folded word or stem → how it is written (``snorojning`` → ``snöröjning``).
        self.spellings = spellings or {}
        self.words = sorted(counts)
        self.stems = frozenset(swedish.stem(word) for word in counts)
        # Corrections may land on a word or on a stem ("biblotek" → "bibliotek", the
        # stem of "biblioteket"), which finds every form of the word.
        self.terms: Counter = Counter(counts)
        for word, count in counts.items():
            stem = swedish.stem(word)
            if stem != word:
                self.terms[stem] += count
        # Which terms contain each bigram (``_grams``): a correction only measures the
        # edit distance to terms that share enough bigrams with the word, instead of to
        # every term of a similar length (300 ms per word at 50,000 words).
        self._term_list = list(self.terms)
        self._grams: dict[str, list[int]] = defaultdict(list)
        for i, term in enumerate(self._term_list):
            for gram in _bigrams(term):
                self._grams[gram].append(i)

    def __len__(self):
        return len(self.words)

    def has_prefix(self, prefix: str) -> bool:
        """True when some known word starts with ``prefix`` (folded)."""
        i = bisect.bisect_left(self.words, prefix)
        return i < len(self.words) and self.words[i].startswith(prefix)

    def candidates(self, word: str, limit: int) -> list[str]:
        """The terms that may be within ``limit`` edits of ``word``.

        An edit destroys at most two of a word's bigrams and an adjacent swap three, so
        a term within ``limit`` edits shares at least ``len(bigrams) - 3 * limit`` of
        them; terms that share fewer cannot be close and are never measured.
        """
        grams = _bigrams(word)
        needed = max(1, len(grams) - 3 * limit)
        shared: Counter = Counter()
        for gram in grams:
            shared.update(self._grams.get(gram, ()))
        terms = self._term_list
        return [
            terms[i]
            for i, count in shared.items()
            if count >= needed and abs(len(terms[i]) - len(word)) <= limit
        ]

    def correct(self, word: str) -> str | None:
        """The known word closest to ``word`` (folded), or ``None`` when none is close.

        Closest means fewest edits (an adjacent swap is one), then most documents.
        """
        limit = swedish.typo_limit(word)
        if not limit or word in self.terms:
            return None
        best: tuple[int, int, str] | None = None
        for candidate in self.candidates(word, limit):
            distance = swedish.edit_distance(word, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.terms[candidate], candidate)
            if best is None or key < best:
                best = key
        return best[2] if best else None


def _bigrams(word: str) -> set[str]:
    """The distinct letter pairs of ``word``, its first and last letter marked as such."""
    padded = f"^{word}$"
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def body_text(raw_body) -> str:
    """The searchable words of a StreamField body's raw data, without document names."""
    parts: list[str] = []
    for block in raw_body or ():
        if not isinstance(block, dict):
            continue
        value = block.get("value")
        for key in _TEXT_KEYS.get(block.get("type"), ()):
            text = value if key is None else (value.get(key) if isinstance(value, dict) else None)
            if isinstance(text, str) and text:
                parts.append(_TAG.sub(" ", _DOCUMENT_LINK.sub(" ", text)))
    return " ".join(parts)


def _items(audience: str):
    """The items whose words make ``audience``'s vocabulary."""
    from cms.pages.models import ArticlePage

    if audience == PUBLIC:
        return ArticlePage.objects.public()
    if audience == STAFF:
        return ArticlePage.objects.for_all_staff()
    raise ValueError(f"unknown vocabulary audience {audience!r}")


def build_vocabulary(audience: str = PUBLIC) -> Vocabulary:
    """Count the folded words of every item ``audience`` may read, topics and units.

    Each distinct word is folded and stemmed once, not once per item: at 100,000 items
    that is the difference between seconds and a fraction of one.
    """
    from cms.snippets.models import Topic, Unit

    counts: Counter = Counter()
    forms: dict[str, str] = {}  # lower-case word → folded
    spellings: dict[str, str] = {}

    def add(text: str) -> None:
        folded_words = set()
        for word in set(swedish.tokenize(text)):
            folded = forms.get(word)
            if folded is None:
                folded = forms[word] = swedish.fold(word)
                spellings.setdefault(folded, word)
            folded_words.add(folded)
        counts.update(folded_words)

    items = 0
    rows = _items(audience).values_list("title", "summary", "body")
    for title, summary, body in rows.iterator(chunk_size=500):
        raw = body.raw_data if hasattr(body, "raw_data") else body
        add(f"{title} {summary} {body_text(raw)}")
        items += 1
    for name in [
        *Topic.objects.values_list("name", flat=True),
        *Unit.objects.values_list("name", flat=True),
    ]:
        add(name)
    for word in forms:
        stem = swedish.stem(word)
        spellings.setdefault(swedish.fold(stem), stem)
    for word in [w for w in counts if not w.isalpha() or len(w) < 2]:
        del counts[word]
    return Vocabulary(counts, spellings, items=items)


def _is_stale(built_at: datetime.datetime) -> bool:
    """True when a vocabulary built at ``built_at`` is older than the TTL."""
    age = timezone.now() - built_at
    return age > datetime.timedelta(seconds=settings.ENKANAL_SEARCH_VOCABULARY_TTL)


def store_vocabulary(vocabulary: Vocabulary, audience: str = PUBLIC) -> datetime.datetime:
    """Save ``vocabulary`` as ``audience``'s shared one; returns its build time."""
    from .models import StoredVocabulary

    built_at = timezone.now()
    try:
        with transaction.atomic():
            StoredVocabulary.objects.update_or_create(
                audience=audience,
                defaults={
                    "built_at": built_at,
                    "item_count": vocabulary.items,
                    "counts": dict(vocabulary.counts),
                    "spellings": vocabulary.spellings,
                },
            )
    except IntegrityError:
        # Another process stored one at the same moment: just as good.
        logger.info("Search vocabulary (%s) stored concurrently by another process.", audience)
    return built_at


def refresh_vocabulary(*, force: bool = False) -> bool:
    """Rebuild and store each audience's vocabulary when missing or older than the TTL.

    Runs in the worker (``search.tasks.vocabulary_refresh``); returns True when it
    rebuilt any. Cheap when the stored ones are fresh, so queueing it twice does no harm.
    """
    from .models import StoredVocabulary

    stored = dict(StoredVocabulary.objects.values_list("audience", "built_at"))
    rebuilt = False
    for audience in AUDIENCES:
        built_at = stored.get(audience)
        if built_at is not None and not _is_stale(built_at) and not force:
            continue
        started = time.perf_counter()
        vocabulary = build_vocabulary(audience)
        store_vocabulary(vocabulary, audience)
        rebuilt = True
        logger.info(
            "Search vocabulary (%s) rebuilt: %d words from %d items in %.2f s.",
            audience,
            len(vocabulary),
            vocabulary.items,
            time.perf_counter() - started,
        )
    return rebuilt


def get_vocabulary(audience: str = PUBLIC) -> Vocabulary:
    """``audience``'s shared vocabulary, loaded into this process and kept up to date.

    Searches never wait for a rebuild and never queue one: the worker rebuilds on a
    schedule (``search.tasks.vocabulary_refresh``, every
    ``ENKANAL_SEARCH_VOCABULARY_TTL`` seconds), and this process asks the database at
    most every ``ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL`` seconds whether a newer
    vocabulary was stored. Only the very first search on an empty database builds one
    on the spot.
    """
    from .models import StoredVocabulary

    if audience not in AUDIENCES:
        raise ValueError(f"unknown vocabulary audience {audience!r}")
    with _lock:
        cached = _cache.setdefault(audience, {})
        vocabulary = cached.get("vocabulary")
        now = time.monotonic()
        interval = settings.ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL
        if vocabulary is not None and now - cached.get("checked_at", -math.inf) < interval:
            return vocabulary
        stored = StoredVocabulary.objects.filter(audience=audience)
        built_at = stored.values_list("built_at", flat=True).first()
        if built_at is None:
            vocabulary = build_vocabulary(audience)
            built_at = store_vocabulary(vocabulary, audience)
        elif vocabulary is None or built_at != cached.get("built_at"):
            row = stored.first()
            if row is not None:
                vocabulary = Vocabulary(Counter(row.counts), row.spellings, items=row.item_count)
            else:  # deleted since we looked: build rather than fail the search
                vocabulary = build_vocabulary(audience)
        cached.update(vocabulary=vocabulary, built_at=built_at, checked_at=now)
        return vocabulary


def clear_vocabulary(*, stored: bool = True) -> None:
    """Forget the vocabularies in memory and, with ``stored``, in the database too."""
    from .models import StoredVocabulary

    with _lock:
        _cache.clear()
        if stored:
            StoredVocabulary.objects.all().delete()
