"""Search query classes Enkanal adds to Wagtail's (``wagtail.search.query``)."""

from wagtail.search.query import PlainText


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
