"""Audience-safe search: ``search_items`` and ``suggest``.

Both start from the one audience filter (``ArticlePage.objects.public()`` or
``.for_staff(user)``, DESIGN.md §6.1), narrow it with the reader's filters and only then
search. The database backends search inside that queryset; Elasticsearch cannot
evaluate it, so it ranks candidates and the same queryset decides which of them may be
shown. No code here decides on audiences or release times itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Fuzzy, Or, PlainText
from wagtail.search.utils import normalise_query_string

from cms.pages.models import ITEM_TYPES, ArticlePage

from . import swedish
from .backends.query import AnyWords, Prefix, Weaker, with_audience_source
from .vocabulary import PUBLIC, STAFF, Vocabulary, get_vocabulary

MAX_PAGE_SIZE = 50
MAX_PAGE = 100
#: Elasticsearch ranks at most this many candidates for the audience filter to thin out.
ES_CANDIDATES = 500
SNIPPET_LENGTH = 220
MIN_SUGGEST_LENGTH = 2
_WORD = re.compile(r"\w+")


class SearchInputError(ValueError):
    """Bad search input (shown to the reader: the message is translated)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclasses.dataclass(frozen=True)
class SearchFilters:
    """What a reader may narrow a search to."""

    types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    unit: int | None = None
    year: int | None = None
    locale: str | None = None

    def validate(self) -> None:
        """Raise ``SearchInputError`` for codes and values that cannot be right."""
        unknown = [t for t in self.types if t not in ITEM_TYPES]
        if unknown:
            raise SearchInputError("type", _("Unknown type: %s.") % ", ".join(unknown))
        if self.year is not None and not 1900 <= self.year <= 2200:
            raise SearchInputError("year", _("The year must be between 1900 and 2200."))
        if self.unit is not None and not 1 <= self.unit <= 2**63 - 1:
            raise SearchInputError("unit", _("Invalid unit."))


@dataclasses.dataclass
class SearchHit:
    """One item in the results: the page, its score and a highlighted snippet."""

    page: ArticlePage
    snippet: str
    score: float | None = None
    promoted: bool = False

    @property
    def type(self) -> str:
        """The item's type code (``news``, ``notice``, ...), without loading its subclass."""
        return type_code(self.page)


@dataclasses.dataclass
class SearchResults:
    """One page of results, editor's picks first on the first page.

    ``total`` counts the ranked hits; the picks come on top of the first page.
    """

    query: str
    hits: list[SearchHit]
    total: int
    page: int
    page_size: int
    corrected_query: str | None = None
    #: False when ``total`` is estimated: very common words match thousands of items,
    #: and only the best-scored of them are checked against the audience filter.
    total_exact: bool = True

    @property
    def has_next(self) -> bool:
        """True when a further page has results."""
        return self.page * self.page_size < self.total


def type_code(page) -> str:
    """The type code of an item (``news``, ...) from its content type (cached, no query)."""
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    for code, item_model in ITEM_TYPES.items():
        if model is not None and issubclass(model, item_model):
            return code
    return "page"


def audience_queryset(*, user=None, public: bool = True, at: datetime.datetime | None = None):
    """The items the reader may see: the one audience filter, nothing added."""
    if public:
        return ArticlePage.objects.public(at)
    return ArticlePage.objects.for_staff(user, at)


def apply_filters(queryset, filters: SearchFilters, *, public: bool = True):
    """Narrow ``queryset`` by type, topic, unit (and its sub-units), year and locale."""
    from django.contrib.contenttypes.models import ContentType

    from cms.snippets.models import Unit

    if filters.types:
        models = [ITEM_TYPES[code] for code in filters.types]
        ids = [ContentType.objects.get_for_model(model).pk for model in models]
        queryset = queryset.filter(content_type_id__in=ids)
    if filters.topics:
        through = ArticlePage.topics.through
        queryset = queryset.filter(
            pk__in=through.objects.filter(topic__slug__in=filters.topics).values("articlepage_id")
        )
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit).first()
        if unit is None:
            return queryset.none()
        queryset = queryset.filter(owner_unit_id__in={unit.pk, *unit.get_descendant_ids()})
    if filters.year is not None:
        # The year the reader saw it released: externally in public, internally for staff.
        field = "external_release_at" if public else "internal_release_at"
        tz = timezone.get_current_timezone()
        start = datetime.datetime(filters.year, 1, 1, tzinfo=tz)
        end = datetime.datetime(filters.year + 1, 1, 1, tzinfo=tz)
        queryset = queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
    if filters.locale:
        from wagtail.models import Locale

        # By id, not by a join: the join led PostgreSQL's planner into a plan that
        # re-checked view restrictions per row (seconds at 10,000 items).
        locale_id = (
            Locale.objects.filter(language_code=filters.locale).values_list("pk", flat=True).first()
        )
        if locale_id is None:
            return queryset.none()
        queryset = queryset.filter(locale_id=locale_id)
    return queryset


def validate_query(query: str | None) -> str:
    """The query without control characters; ``SearchInputError`` when empty or too long."""
    if query is None or not query.strip():
        raise SearchInputError("q", _("Type something to search for."))
    if len(query) > swedish.MAX_QUERY_LENGTH:
        raise SearchInputError(
            "q", _("The query may be at most %d characters long.") % swedish.MAX_QUERY_LENGTH
        )
    return swedish.clean_query(query)


# Query expansion ---------------------------------------------------------------------


@dataclasses.dataclass
class ExpandedQuery:
    """A reader's query as a backend query object, and the word stems used to highlight.

    ``query`` finds the items matching any word, those matching every word first
    (``AnyWords``; a one-word query without weaker forms is that word's query). ``plain``
    is the same without typo corrections, to tell whether a correction finds more.
    """

    terms: list[str]
    query: object | None
    highlight_stems: set[str]
    corrected: str | None = None
    plain: object | None = None


def _term_query(stem: str):
    # Very short stems as prefixes would match half the index; search them as words.
    if len(stem) < 3 or not stem.isalpha():
        return PlainText(stem)
    return Prefix(stem)


def _either(alternatives: list):
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


@dataclasses.dataclass
class _Word:
    """One query word: its own forms, and readings of weaker forms that may stand for it.

    A reading is a list of parts, each a list of forms: ``[[plog*]]`` for the verb of
    ``plogning``, ``[[semest*], [ansökan*, ansök*]]`` for a compound's head and tail.
    """

    own: list
    readings: list = dataclasses.field(default_factory=list)
    corrections: list = dataclasses.field(default_factory=list)
    #: The readings of the corrected word (``snöröjnig`` → ``snöröjning`` → ``snöröj*``).
    correction_readings: list = dataclasses.field(default_factory=list)

    def _own(self, corrected: bool) -> list:
        return self.own + (self.corrections if corrected else [])

    def _readings(self, corrected: bool) -> list:
        return self.readings + (self.correction_readings if corrected else [])

    def query(self, *, corrected: bool = True):
        """Any of the word's forms."""
        readings = self._readings(corrected)
        weak = [form for parts in readings for part in parts for form in part]
        return _either(_unique(self._own(corrected) + weak))

    def weaker(self, *, corrected: bool = True) -> Weaker | None:
        """The word's own forms and its readings, or ``None`` without weaker forms."""
        readings = self._readings(corrected)
        if not readings:
            return None
        readings = [[_either(_unique(part)) for part in parts] for parts in readings]
        return Weaker(_either(_unique(self._own(corrected))), readings)


def _unique(queries: list) -> list:
    seen, unique = set(), []
    for query in queries:
        key = (type(query).__name__, repr(query))
        if key not in seen:
            seen.add(key)
            unique.append(query)
    return unique


def _combined(words: list[_Word], *, corrected: bool = True):
    if not words:
        return None
    weaker = [word.weaker(corrected=corrected) for word in words]
    queries = [word.query(corrected=corrected) for word in words]
    if len(words) == 1 and weaker[0] is None:
        return queries[0]
    return AnyWords(queries, weaker)


_HYPHENATED = re.compile(r"\w+(?:-\w+)+")


def _hyphenated_parts(query: str) -> set[str]:
    """The words that are parts of hyphenated words (``e-posten`` → ``e``, ``posten``)."""
    return {part for word in _HYPHENATED.findall(query.lower()) for part in swedish.tokenize(word)}


def _forms(stem: str, word: str | None = None) -> list:
    """The prefix queries of a Swedish stem: itself, and the indefinite of a "-an" word."""
    forms = [_term_query(stem)]
    indefinite = swedish.indefinite_stem(word or stem)
    if indefinite is not None:
        forms.append(_term_query(swedish.fold(indefinite)))
    return forms


def _readings(stem: str, folded: str, vocabulary: Vocabulary | None, *, known: bool) -> list:
    """Weaker forms that may stand for a Swedish word: a noun's verb, a compound's parts.

    ``snöröjning`` → ``[[snöröj*]]`` (``snöröjas``, see ``swedish.deverbal_stem``);
    ``semesteransökan`` → ``[[semest*], [ansökan*, ansök*]]``. A word the vocabulary
    does not ``know`` may also split on a head that only starts known words
    (``slamtömning`` → ``slam*``, ``tömning*``). Items found only so rank below those with
    the word itself.
    """
    readings = []
    verb = swedish.deverbal_stem(stem)
    if verb is not None:
        readings.append([[_term_query(verb)]])
    if vocabulary is not None:
        known_prefix = None if known else vocabulary.has_prefix
        for head, tail in swedish.compound_splits(folded, vocabulary.stems, known_prefix)[:1]:
            tail_forms = _forms(tail)
            tail_verb = swedish.deverbal_stem(tail)
            if tail_verb is not None:
                tail_forms.append(_term_query(tail_verb))
            readings.append([[_term_query(head)], tail_forms])
    return readings


def expand(
    query: str,
    vocabulary: Vocabulary | None = None,
    *,
    language: str = "sv",
    matches=None,
) -> ExpandedQuery:
    """Turn ``query`` into prefix-of-stem queries, with weaker forms and typos fixed.

    Stop words are dropped and each word ``w`` becomes ``Prefix(stem(w))`` (stemmed in
    ``language``). In Swedish a word also has weaker forms that may stand for it: the
    parts of a compound (``förskoleplats`` → ``förskol*``, ``plat*``) and the verb of a
    noun in "-ning" (``plogning`` → ``plog*``); an item matching a word only so ranks
    below one with the word itself. When the vocabulary knows no word with the word's
    prefix, the closest known word (``bygglvo`` → ``bygglov``) is added as one of the
    word's own forms. A word is never corrected when it is part of a hyphenated word
    (``e-posten``) or when ``matches`` (a callable taking a word's query) says it finds
    something as it is.
    """
    terms = swedish.query_terms(query)
    if not terms:
        return ExpandedQuery(terms, None, set())
    hyphenated = _hyphenated_parts(query)
    words: list[_Word] = []
    stems: set[str] = set()
    corrected_terms = []
    any_correction = False
    for term in terms:
        folded = swedish.fold(term)
        stem = swedish.fold(swedish.stem(term, language))
        word = _Word([_term_query(stem)])
        unknown = (
            vocabulary is not None
            and term.isalpha()
            and term not in hyphenated
            and not vocabulary.has_prefix(stem)
        )
        if language == "sv":
            word.own = _forms(stem, term)
            if term.isalpha() and term not in hyphenated:
                word.readings = _readings(stem, folded, vocabulary, known=not unknown)
        forms = word.own + [f for parts in word.readings for part in parts for f in part]
        stems.update(q.term if isinstance(q, Prefix) else q.query_string for q in forms)
        replacement = term
        # Whether the word finds anything as typed: its weaker forms do not count.
        if unknown and matches is not None and matches(_either(word.own)):
            unknown = False
        if unknown:
            correction = vocabulary.correct(folded)
            if correction is not None:
                corrected_stem = swedish.stem(correction)
                word.corrections.append(_term_query(corrected_stem))
                stems.add(corrected_stem)
                if language == "sv":
                    word.correction_readings = _readings(
                        corrected_stem, correction, vocabulary, known=True
                    )
                replacement = vocabulary.spellings.get(correction, correction)
                any_correction = True
        corrected_terms.append(replacement)
        words.append(word)
    corrected = " ".join(corrected_terms) if any_correction else None
    return ExpandedQuery(
        terms, _combined(words), stems, corrected, _combined(words, corrected=False)
    )


def clearly_more(found: int, before: int) -> bool:
    """True when a corrected query's ``found`` hits are clearly more than ``before``."""
    return found > before and found >= 2 * before


# Snippets ----------------------------------------------------------------------------


def _body_text(page) -> str:
    """The body's words for a snippet, without the names of internal documents.

    A document block, and the text of a link to a document, name the document; the
    snippet of an internal one must not show that name to anyone (it goes public).
    """
    field = ArticlePage._meta.get_field("body")
    try:
        text = " ".join(str(part) for part in field.get_searchable_content(page.body))
    except (AttributeError, TypeError, ValueError):
        return ""
    for name in _internal_document_names(page):
        text = re.sub(re.escape(name), "", text, flags=re.IGNORECASE)
    return text


_ANCHOR_TAG = re.compile(r"<a\b([^>]*)>")


def _internal_document_names(page) -> set[str]:
    """Titles of the internal documents ``page``'s body refers to, and their block titles."""
    from wagtail.documents import get_document_model
    from wagtail.rich_text.rewriters import extract_attrs

    ids, block_titles = set(), {}
    strings = list(_strings(page.body.raw_data))
    for child in page.body:
        if child.block_type == "document" and child.value["document"] is not None:
            ids.add(child.value["document"].pk)
            block_titles.setdefault(child.value["document"].pk, set()).add(child.value["title"])
    for value in strings:
        for match in _ANCHOR_TAG.finditer(value):
            attrs = extract_attrs(match.group(1))
            if attrs.get("linktype") == "document" and str(attrs.get("id", "")).isdigit():
                ids.add(int(attrs["id"]))
    names = set()
    internal = get_document_model().objects.filter(pk__in=ids, is_internal=True)
    for pk, title in internal.values_list("pk", "title"):
        names |= {title, *block_titles.get(pk, ())}
    return {name for name in names if name and name.strip()}


def _strings(value):
    """Every string inside a StreamField's raw data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def highlight(text: str, stems: set[str], length: int = SNIPPET_LENGTH) -> str | None:
    """An HTML-safe excerpt of ``text`` with words that start with a stem in ``<mark>``.

    ``None`` when no word matches. Everything but the marks is escaped, so the snippet
    is safe to insert into a page as it is.
    """
    if not text or not stems:
        return None
    matches = [
        m for m in _WORD.finditer(text) if any(swedish.fold(m.group()).startswith(s) for s in stems)
    ]
    if not matches:
        return None
    start = max(0, matches[0].start() - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < matches[0].start() else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > matches[0].end() else end
    parts, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        parts.append(html.escape(text[cursor : match.start()]))
        parts.append(f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(html.escape(text[cursor:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return prefix + "".join(parts).strip() + suffix


def snippet_for(page, stems: set[str]) -> str:
    """The best snippet of ``page``: a highlighted summary, else body, else the summary.

    The body is read only when the summary has no match: extracting its text (and the
    names of internal documents to leave out) cost more than the search itself.
    """
    for text in (lambda: page.summary, lambda: _body_text(page)):
        marked = highlight(text(), stems)
        if marked:
            return marked
    summary = page.summary or ""
    return html.escape(summary[:SNIPPET_LENGTH])


# Search ------------------------------------------------------------------------------


def _filters_in_database(backend) -> bool:
    """True for backends that search inside any Django queryset (the database ones)."""
    return type(backend).__module__.startswith(
        ("modelsearch.backends.database", "search.backends.database")
    )


def editors_picks(query: str, queryset) -> list:
    """Pages promoted for ``query`` (Wagtail search promotions) that ``queryset`` allows."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    normalized = normalise_query_string(query)
    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalized, page__isnull=False)
        .order_by("sort_order")
        .values_list("page_id", flat=True)
    )
    if not promotions:
        return []
    allowed = {
        page.pk: page for page in queryset.filter(pk__in=promotions).select_related("locale")
    }
    return [allowed[pk] for pk in promotions if pk in allowed]


def _searchable(queryset, audience=None, narrowing=None):
    """``queryset`` as a filter Wagtail's search accepts: ``id IN (the audience filter)``.

    Search backends refuse querysets filtered on anything but declared filter fields;
    a subquery on the primary key keeps the audience filter whole and in the database.
    The audience queryset rides along as ``audience_source`` for backends that rank
    first and filter a short list of ids afterwards (``search.backends.database``).
    With ``audience`` (the bare audience queryset) and ``narrowing`` (the reader's filters
    on all items), such a backend narrows the ids by the filters first and then asks the
    audience filter about the rest: one simple query each, which PostgreSQL plans well.
    """
    scoped = ArticlePage.objects.filter(id__in=queryset.values("pk")).select_related("locale")
    if audience is None:
        return with_audience_source(scoped, queryset.select_related("locale"))
    return with_audience_source(scoped, audience.select_related("locale"), narrowing)


def _database_search(backend, search_query, queryset, start: int, stop: int, audience, narrowing):
    queryset = _searchable(queryset, audience, narrowing)
    results = backend.search(search_query, queryset).annotate_score("_score")
    pages = list(results[start:stop])
    # A short first page is the whole result: no need to count.
    total = start + len(pages) if (pages or not start) and len(pages) < stop - start else None
    if total is None:
        total = results.count()
    if not total:
        return [], 0, True
    return pages, total, getattr(results, "total_is_exact", lambda: True)()


def _database_count(backend, search_query, queryset, audience, narrowing) -> int:
    """How many items the reader may see match ``search_query`` (perhaps an estimate)."""
    return backend.search(search_query, _searchable(queryset, audience, narrowing)).count()


def _candidate_search(backend, expanded: ExpandedQuery, queryset, start: int, stop: int):
    """Rank in the index, then keep what the audience filter allows (Elasticsearch)."""
    text = " ".join(expanded.terms)
    pool = ArticlePage.objects.live()
    for search_query in (PlainText(text, operator="and"), Fuzzy(text)):
        ranked = list(backend.search(search_query, pool).annotate_score("_score")[:ES_CANDIDATES])
        if not ranked:
            continue
        allowed = set(queryset.filter(pk__in=[p.pk for p in ranked]).values_list("pk", flat=True))
        visible = [page for page in ranked if page.pk in allowed]
        if visible:
            # A full list of candidates means there were more: the total is a floor.
            return visible[start:stop], len(visible), len(ranked) < ES_CANDIDATES
    return [], 0, True


def search_items(
    query: str,
    *,
    user=None,
    public: bool = True,
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = 10,
    at: datetime.datetime | None = None,
    backend=None,
) -> SearchResults:
    """Search the items the reader may see (public, or ``user``'s as staff).

    Raises ``SearchInputError`` for an empty or over-long query, unknown filters or a
    page out of range. A query with no searchable words (only operators or quotes)
    simply finds nothing.
    """
    query = validate_query(query)
    filters = filters or SearchFilters()
    filters.validate()
    if not 1 <= page <= MAX_PAGE:
        raise SearchInputError("page", _("The page must be between 1 and %d.") % MAX_PAGE)
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchInputError(
            "page_size", _("The page size must be between 1 and %d.") % MAX_PAGE_SIZE
        )
    audience = audience_queryset(user=user, public=public, at=at)
    queryset = apply_filters(audience, filters, public=public)
    narrowing = apply_filters(ArticlePage.objects.all(), filters, public=public)
    backend = backend or get_search_backend()
    in_database = _filters_in_database(backend)
    language = "en" if filters.locale == "en" else "sv"

    def matches(word_query) -> bool:
        # Whether a word finds anything the reader may see, as it is.
        return bool(_database_count(backend, word_query, queryset, audience, narrowing))

    # The intranet's vocabulary holds staff words; the public one never does.
    vocabulary = get_vocabulary(PUBLIC if public else STAFF)
    expanded = expand(
        query, vocabulary, language=language, matches=matches if in_database else None
    )
    if expanded.query is None:
        return SearchResults(query, [], 0, page, page_size)

    picks = editors_picks(query, queryset)
    organic = queryset.exclude(pk__in=[p.pk for p in picks]) if picks else queryset
    if picks:
        narrowing = narrowing.exclude(pk__in=[p.pk for p in picks])
    start, stop = (page - 1) * page_size, page * page_size
    corrected = expanded.corrected
    if in_database:
        pages, total, exact = _database_search(
            backend, expanded.query, organic, start, stop, audience, narrowing
        )
        if corrected is not None:
            before = _database_count(backend, expanded.plain, organic, audience, narrowing)
            if not clearly_more(total, before):
                corrected = None
    else:
        pages, total, exact = _candidate_search(backend, expanded, organic, start, stop)

    hits = [SearchHit(p, snippet_for(p, expanded.highlight_stems), promoted=True) for p in picks]
    hits = hits if page == 1 else []
    for item in pages:
        score = getattr(item, "_score", None)
        hits.append(SearchHit(item, snippet_for(item, expanded.highlight_stems), score))
    return SearchResults(
        query,
        hits,
        total,
        page,
        page_size,
        corrected_query=corrected,
        total_exact=exact,
    )


def suggest(
    prefix: str,
    *,
    user=None,
    public: bool = True,
    limit: int = 8,
    at: datetime.datetime | None = None,
    backend=None,
) -> list[ArticlePage]:
    """Titles for autocomplete: items the reader may see whose title or summary starts so."""
    prefix = validate_query(prefix)
    words = swedish.tokenize(prefix)[: swedish.MAX_TERMS]
    if not words or len("".join(words)) < MIN_SUGGEST_LENGTH:
        return []
    queryset = audience_queryset(user=user, public=public, at=at)
    backend = backend or get_search_backend()
    text = " ".join(words)
    if _filters_in_database(backend):
        return list(backend.autocomplete(text, _searchable(queryset))[:limit])
    ranked = list(backend.autocomplete(text, ArticlePage.objects.live())[:ES_CANDIDATES])
    allowed = set(queryset.filter(pk__in=[p.pk for p in ranked]).values_list("pk", flat=True))
    return [p for p in ranked if p.pk in allowed][:limit]
