"""Search query classes Enkanal adds to Wagtail's (``wagtail.search.query``)."""

import dataclasses

from wagtail.search.query import Or, PlainText

#: Added, times the share of an ``AnyWords`` query's words an item matches, to its text
#: score: far above any score a text match alone reaches, so items matching more of the
#: words always come first, and the text score orders those matching as many.
ALL_WORDS_BONUS = 1000.0
#: The part of a word's share an item earns when it matches only the word's weaker
#: forms (the parts of a compound, the verb of a noun in "-ning"), not the word itself.
WEAK_SHARE = 0.5


class Prefix(PlainText):
    """Every indexed word that starts with ``term`` (one word: a stem, letters only).

    A subclass of ``PlainText`` so that backends that do not know it (Elasticsearch,
    the fallback database backend) still search for the word itself.
    """

    def __init__(self, term: str, boost: float = 1):
        super().__init__(term, operator="and", boost=boost)
        self.term = term

    def __repr__(self):
        return f"<Prefix {self.term!r}>"


class AnyWords(Or):
    """Items matching any of ``subqueries`` (one per word), ranked by how many match.

    The database backends score the matches of any word and add ``ALL_WORDS_BONUS``
    times the share of the words each item matches (a coordination factor), so the
    matches of every word come first, then those of all but one, and so on. A subclass
    of ``Or`` so that backends that do not know it still find the matches of any word.

    ``weaker`` (optional, one per word) tells, for a word whose subquery also has
    weaker forms, its own forms and the readings those weaker forms come from: a
    ``Weaker(own, readings)``, where each reading is a list of parts (a compound's head
    and tail) and each part a query. An item matching a word only through a reading
    earns ``WEAK_SHARE`` of the word's share times the part of the reading it matches
    (both parts of ``semester|ansökan`` count more than one). ``None`` for a word means
    all its forms are its own. A single word with weaker forms is an ``AnyWords`` of one.
    """

    def __init__(self, subqueries, weaker=None):
        super().__init__(subqueries)
        self.weaker = list(weaker) if weaker is not None else [None] * len(self.subqueries)

    def shares(self):
        """``(any form, Weaker or None, share)`` for each word."""
        share = ALL_WORDS_BONUS / (len(self.subqueries) or 1)
        return [
            (word, weaker, share) for word, weaker in zip(self.subqueries, self.weaker, strict=True)
        ]

    def own_query(self):
        """Any word's own forms, without the weaker ones (``None`` when it has none).

        The text score of an item that has a word's own forms comes from this query, so
        that a compound's parts (``för*`` of ``förskola``) do not lift it.
        """
        if not any(self.weaker):
            return None
        own = [word if weaker is None else weaker.own for word, weaker, _ in self.shares()]
        return own[0] if len(own) == 1 else Or(own)

    def __repr__(self):
        if any(self.weaker):
            return f"<AnyWords {self.subqueries!r} weaker={self.weaker!r}>"
        return f"<AnyWords {self.subqueries!r}>"


@dataclasses.dataclass
class Weaker:
    """A word's own forms (one query) and the readings of its weaker forms."""

    own: object
    readings: list[list[object]]


def with_audience_source(queryset, source, narrowing=None):
    """``queryset`` remembering ``source``, the audience-filtered queryset it wraps.

    ``queryset`` filters on ``id IN (source)``; a backend that already has a short list
    of matching ids asks ``source.filter(pk__in=ids)`` instead, which lets the database
    check the audience filter for those rows only. ``narrowing`` (optional) holds the
    reader's own filters (type, topic, ...) on all items, applied to the ids first. The
    references survive cloning.
    """
    original_clone = queryset._clone

    def _clone(*args, **kwargs):
        clone = original_clone(*args, **kwargs)
        return with_audience_source(clone, source, narrowing)

    queryset._clone = _clone
    queryset.audience_source = source
    queryset.audience_narrowing = narrowing
    return queryset
