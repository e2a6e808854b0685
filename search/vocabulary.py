"""The words of the public items, for compound splitting and typo correction.

Built from titles, summaries, topic and unit names of ``ArticlePage.objects.public()``
– only what anyone may read, so a correction can never reveal a word from a staff-only
item – and kept in memory for ``ENKANAL_SEARCH_VOCABULARY_TTL`` seconds.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import Counter, defaultdict

from django.conf import settings

from . import swedish

_lock = threading.Lock()
_cache: dict[str, object] = {}


class Vocabulary:
    """Folded words with their document counts, their stems and a fast prefix test."""

    def __init__(self, counts: Counter, spellings: dict[str, str] | None = None):
        self.counts = counts
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
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for term in self.terms:
            self.by_length[len(term)].append(term)

    def __len__(self):
        return len(self.words)

    def has_prefix(self, prefix: str) -> bool:
        """True when some known word starts with ``prefix`` (folded)."""
        i = bisect.bisect_left(self.words, prefix)
        return i < len(self.words) and self.words[i].startswith(prefix)

    def correct(self, word: str) -> str | None:
        """The known word closest to ``word`` (folded), or ``None`` when none is close.

        Closest means fewest edits (an adjacent swap is one), then most documents.
        """
        limit = swedish.typo_limit(word)
        if not limit or word in self.terms:
            return None
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for candidate in self.by_length.get(length, ()):
                distance = swedish.edit_distance(word, candidate, limit)
                if distance > limit:
                    continue
                key = (distance, -self.terms[candidate], candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None


def build_vocabulary() -> Vocabulary:
    """Count the folded words of every public item's title, summary, topics and unit."""
    from cms.pages.models import ArticlePage
    from cms.snippets.models import Topic, Unit

    counts: Counter = Counter()
    spellings: dict[str, str] = {}

    def add(text: str) -> None:
        words = set(swedish.tokenize(text))
        counts.update({swedish.fold(w) for w in words})
        for word in words:
            spellings.setdefault(swedish.fold(word), word)
            stem = swedish.stem(word)
            spellings.setdefault(swedish.fold(stem), stem)

    public = ArticlePage.objects.public()
    for title, summary in public.values_list("title", "summary").iterator(chunk_size=2000):
        add(f"{title} {summary}")
    names = [
        *Topic.objects.values_list("name", flat=True),
        *Unit.objects.values_list("name", flat=True),
    ]
    for name in names:
        add(name)
    for word in [w for w in counts if not w.isalpha() or len(w) < 2]:
        del counts[word]
    return Vocabulary(counts, spellings)


def get_vocabulary() -> Vocabulary:
    """The cached vocabulary, rebuilt when older than ``ENKANAL_SEARCH_VOCABULARY_TTL``."""
    ttl = getattr(settings, "ENKANAL_SEARCH_VOCABULARY_TTL", 900)
    with _lock:
        vocabulary, built_at = _cache.get("vocabulary"), _cache.get("built_at", 0.0)
        if vocabulary is None or time.monotonic() - built_at > ttl:
            vocabulary = build_vocabulary()
            _cache.update(vocabulary=vocabulary, built_at=time.monotonic())
        return vocabulary


def clear_vocabulary() -> None:
    """Forget the cached vocabulary (tests, and after bulk imports)."""
    with _lock:
        _cache.clear()
