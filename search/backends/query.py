"""Search query classes Enkanal adds to Wagtail's (``wagtail.search.query``)."""

from wagtail.search.query import Or, PlainText

#: Added, times the share of an ``AnyWords`` query's words an item matches, to its text
#: score: far above any score a text match alone reaches, so items matching more of the
#: words always come first, and the text score orders those matching as many.
ALL_WORDS_BONUS = 1000.0


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
    """

    def __repr__(self):
        return f"<AnyWords {self.subqueries!r}>"


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
