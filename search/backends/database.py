"""Wagtail's database backend with prefix queries and configurable text search.

``BACKEND: "search.backends.database"`` picks the right class for the default database,
as ``wagtail.search.backends.database`` does, but the SQLite and PostgreSQL query
compilers also understand ``search.backends.query.Prefix`` (``"kommun"*`` in FTS5,
``'kommun':*`` in PostgreSQL), and PostgreSQL takes its autocomplete configuration from
``AUTOCOMPLETE_CONFIG``.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import math

from django.core.exceptions import EmptyResultSet
from django.db import connection
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend

from .query import WEAK_SHARE, AnyWords, Prefix

#: The first window of matches checked against the audience filter is this many times
#: the hits asked for (at least ``MIN_WINDOW``); when it allows enough of them, the
#: rest are never checked and the total is estimated (see ``rank_allowed``).
WINDOW_FACTOR = 4
MIN_WINDOW = 200
#: Hits asked for when only a count is (a first page).
DEFAULT_NEED = 10
#: More unchecked matches than this are checked through a subquery, not a list of ids.
LIST_LIMIT = 2000
#: Ranked matches fetched from PostgreSQL at once.
FETCH_ROWS = 1000


@dataclasses.dataclass
class Ranking:
    """Matching ids the audience filter allows, best first, and how many there are.

    ``exhaustive``: every match was checked, so ``hits`` is complete and ``total``
    exact. Otherwise ``hits`` holds the allowed ids of the best-scored window of matches
    and ``total`` estimates the whole from the share of that window that was allowed.
    """

    hits: list[tuple[int, float]]
    total: int
    exhaustive: bool = True

    def covers(self, need: float | None) -> bool:
        """True when this ranking can answer for the first ``need`` hits."""
        return self.exhaustive or need is None or len(self.hits) >= need


class RankedResultsMixin:
    """Search results taken from the compiler's ``ranked()`` list where it applies.

    ``ranked()`` matches in the index once, checks the audience filter for the matching
    ids (or for the best-scored window of them) and sorts by score; a page of results is
    then one query for its rows.
    """

    def _ranked(self, need: float | None = None):
        compiler = self.query_compiler
        if not hasattr(compiler, "ranked"):
            return None
        return compiler.ranked(compiler.get_config(self.backend), need)

    def _do_search(self):
        ranking = self._ranked(math.inf if self.stop is None else self.stop)
        if ranking is None:
            return super()._do_search()
        window = ranking.hits[self.start : self.stop]
        queryset = self.query_compiler.queryset
        # Already checked by ``ranked``; fetching through the audience queryset again
        # (not the id-IN wrapper) touches only these rows.
        source = getattr(queryset, "audience_source", None)
        rows = (queryset if source is None else source).filter(pk__in=[pk for pk, _ in window])
        if self.prefetch_related:
            rows = rows.prefetch_related(*self.prefetch_related)
        by_pk = {row.pk: row for row in rows}
        results = []
        for pk, score in window:
            row = by_pk.get(pk)
            if row is not None:
                if self._score_field:
                    setattr(row, self._score_field, score)
                results.append(row)
        return results

    def _do_count(self):
        # Whatever ranking is at hand: counting must not force checking every match.
        ranking = self._ranked(None)
        if ranking is None:
            return super()._do_count()
        total = max(0, ranking.total - self.start)
        return total if self.stop is None else min(total, self.stop - self.start)

    def total_is_exact(self) -> bool:
        """False when ``count()`` is an estimate (many matches, see ``Ranking``)."""
        ranking = getattr(self.query_compiler, "_ranking", None)
        return ranking is None or ranking.exhaustive


class AudienceCheck:
    """Which ids the audience filter (and the reader's filters) allow, asked many times.

    ``queryset`` is the id-IN wrapper that ``search.queries`` hands the backend; its
    ``audience_source`` is the audience queryset and ``audience_narrowing`` the reader's
    filters. Each is compiled to SQL once and then run for window after window of ids,
    given as one array parameter: building the audience filter's SQL costs more than
    running it for a few hundred ids.
    """

    def __init__(self, queryset):
        self.source = getattr(queryset, "audience_source", None)
        self.narrowing = getattr(queryset, "audience_narrowing", None)
        if self.source is None:
            self.source = queryset
        self._compiled: dict[str, tuple[str, tuple] | None] = {}

    def _ids_in(self, key: str, queryset, ids: list[int]) -> list[int]:
        from django.db import connections
        from django.db.models import F

        if not ids:
            return []
        if key not in self._compiled:
            # order_by(): pages sort by tree path by default; the order is the score's.
            query = queryset.order_by().values(_item_=F("pk")).query
            try:
                self._compiled[key] = query.sql_with_params()
            except EmptyResultSet:  # ``.none()``, or a filter nothing can pass
                self._compiled[key] = None
        if self._compiled[key] is None:
            return []
        inner, params = self._compiled[key]
        connection = connections[queryset.db]
        if connection.vendor == "postgresql":
            condition, value = "_item_ = ANY(%s)", list(ids)
        else:
            condition, value = "_item_ IN (SELECT value FROM json_each(%s))", json.dumps(ids)
        # ``inner`` is SQL compiled by Django, with its values in ``params``; the
        # database pushes the id condition down into it.
        sql = f"SELECT _item_ FROM ({inner}) AS allowed WHERE {condition}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, value])
            return [row[0] for row in cursor.fetchall()]

    def allowed(self, ids: list[int]) -> set[int]:
        """The ``ids`` that may be shown."""
        if self.narrowing is not None:
            # Two simple queries, which PostgreSQL plans better than one nested one.
            ids = self._ids_in("narrowing", self.narrowing, ids)
        return set(self._ids_in("source", self.source, ids))

    def allowed_among(self, matching) -> set[int]:
        """The ids of the subquery ``matching`` that may be shown."""
        ids = matching
        if self.narrowing is not None:
            ids = self.narrowing.filter(pk__in=matching).order_by().values("pk")
        return set(self.source.filter(pk__in=ids).order_by().values_list("pk", flat=True))


def rank_allowed(queryset, matches, *, need: float | None = None) -> Ranking:
    """The ``matches`` that the audience filter of ``queryset`` allows, best first.

    ``matches`` holds ``(pk, score)`` in rank order (``SortedMatches`` or
    ``ScoredMatches``). They are checked in growing windows from the best, until
    ``need`` allowed hits are found or every match is checked. A common word matches
    thousands of items; checking only the best few hundred keeps a first page fast,
    and the total is then estimated from the share allowed so far.

    When few of the best are allowed (an English word in Swedish items' topic names, a
    staff-only word in a public search), the reader's own filters are applied in the
    ranking query instead, and if that is not enough, every remaining match is checked
    in one query with the matches as a subquery.
    """
    need = DEFAULT_NEED if need is None else need
    check = AudienceCheck(queryset)
    total = len(matches)
    hits: list[tuple[int, float]] = []
    seen: set[int] = set()
    checked = 0
    window = total if math.isinf(need) else max(int(need) * WINDOW_FACTOR, MIN_WINDOW)
    while checked < total and len(hits) < need:
        end = min(total, window)
        if end - checked > LIST_LIMIT and checked and check.narrowing is not None:
            narrowed = matches.narrowed(check.narrowing)
            if narrowed is not None:
                # Start over on the matches the reader's filters allow; they need no
                # checking against those filters any more.
                matches, total, check.narrowing = narrowed, len(narrowed), None
                hits, seen, checked = [], set(), 0
                window = max(int(min(need, total)) * WINDOW_FACTOR, MIN_WINDOW)
                continue
        matching = matches.matching() if end - checked > LIST_LIMIT else None
        if matching is not None:
            end = total
            chunk = matches[checked:end]
            allowed = check.allowed_among(matching)
        else:
            chunk = matches[checked:end]
            allowed = check.allowed([pk for pk, _ in chunk])
        for pk, score in chunk:
            if pk in allowed and pk not in seen:
                seen.add(pk)
                hits.append((pk, score))
        checked = end
        # Grow the next window by the share allowed so far.
        share = max(len(hits), 1) / checked
        window = checked + max(MIN_WINDOW, int(2 * (need - len(hits)) / share))
    if checked >= total:
        return Ranking(hits, len(hits))
    estimate = max(len(hits), round(total * len(hits) / checked))
    return Ranking(hits, estimate, exhaustive=False)


class SortedMatches(list):
    """Matches scored in Python: ``(pk, score)`` best first, ties newest first."""

    def __init__(self, scores: dict, *, lower_is_better: bool):
        sign = 1 if lower_is_better else -1
        super().__init__(
            sorted(
                ((int(pk), value) for pk, value in scores.items()),
                key=lambda item: (sign * item[1], -item[0]),
            )
        )

    def matching(self):
        """No subquery: the ids are checked as lists."""
        return None

    def narrowed(self, narrowing):
        """Not supported: the reader's filters are checked with the audience filter."""
        return None


class ScoredMatches:
    """Matches ranked in the database, fetched a window at a time.

    ``queryset`` yields index entries annotated with ``item_id`` and ``score``. Only
    the rows a ranking looks at leave the database (the best ``FETCH_ROWS`` at first),
    with the number of matches counted in the same query.
    """

    def __init__(self, queryset):
        self.base = queryset
        self._rows: list[tuple[int, float]] = []
        self._count: int | None = None

    def _fetch(self, end: int) -> None:
        from django.db import connections

        have = len(self._rows)
        if end <= have or (self._count is not None and have >= self._count):
            return
        # Rows are cheap to send, ranking them again is not: fetch ahead.
        end = max(end, have + FETCH_ROWS)
        inner, params = self.base.order_by().values("item_id", "score").query.sql_with_params()
        # Scores are computed in a subquery (OFFSET 0 keeps it one) and counted outside:
        # a window count over the index rows themselves would carry their text vectors
        # through the count and spill them to disk (twice as slow at 10,000 matches).
        # ``inner`` is SQL compiled by Django, with its values in ``params``.
        sql = (
            f"SELECT item_id, score, COUNT(*) OVER () FROM ({inner} OFFSET 0) AS matches "  # noqa: S608
            "ORDER BY score DESC, item_id DESC LIMIT %s OFFSET %s"
        )
        with connections[self.base.db].cursor() as cursor:
            cursor.execute(sql, [*params, end - have, have])
            rows = cursor.fetchall()
        self._count = rows[0][2] if rows else have
        self._rows.extend((pk, score) for pk, score, _ in rows)

    def __len__(self):
        if self._count is None:
            self._fetch(FETCH_ROWS)
        return self._count

    def __getitem__(self, window: slice):
        self._fetch(window.stop)
        return self._rows[window]

    def matching(self):
        """All matching ids, as a subquery."""
        return self.base.values("item_id")

    def narrowed(self, narrowing):
        """The matches among ``narrowing`` (the reader's filters), ranked in SQL."""
        return ScoredMatches(self.base.filter(item_id__in=narrowing.order_by().values("pk")))


def _best_scores(rows, *, lower_is_better: bool = False) -> dict[str, float]:
    """``{object_id: score}``, keeping the best score of an id that appears twice."""
    sign = -1 if lower_is_better else 1
    scores: dict[str, float] = {}
    for object_id, value in rows:
        if object_id not in scores or sign * value > sign * scores[object_id]:
            scores[object_id] = value
    return scores


def word_shares(matched: set, weaker, having) -> dict:
    """How much of one word of an ``AnyWords`` query each of its ``matched`` ids has.

    1 for the word's own forms; for an id found only through the word's weaker forms
    (``weaker``, a ``Weaker``), ``WEAK_SHARE`` times the best share of a reading's parts
    it has. ``having(query)`` returns the ids matching ``query``.
    """
    if weaker is None:
        return dict.fromkeys(matched, 1.0)
    own = having(weaker.own) & matched
    shares = dict.fromkeys(own, 1.0)
    rest = matched - own
    if not rest:
        return shares
    best = dict.fromkeys(rest, 0.0)
    for parts in weaker.readings:
        counts = dict.fromkeys(rest, 0)
        for part in parts:
            for object_id in having(part) & rest:
                counts[object_id] += 1
        for object_id, count in counts.items():
            best[object_id] = max(best[object_id], count / len(parts))
    shares.update({object_id: WEAK_SHARE * value for object_id, value in best.items()})
    return shares


class RankingCompilerMixin:
    """``ranked()`` for a query compiler: match and score in the index, then audiences.

    Subclasses implement ``match_scores``; the ranking is kept for the compiler's
    results (a page, then its count) and recomputed only when more hits are needed.
    """

    def match_scores(self, config):
        """The matches, best first (see ``rank_allowed``), or ``None`` for Wagtail's path."""
        raise NotImplementedError

    def ranked(self, config, need=None) -> Ranking | None:
        """Allowed matches best first, enough for ``need`` hits (see ``rank_allowed``)."""
        cached = getattr(self, "_ranking", None)
        if cached is not None and cached.covers(need):
            return cached
        matched = self.match_scores(config)
        if matched is None:
            return None
        self._ranking = rank_allowed(self.queryset, matched, need=need)
        return self._ranking


@functools.cache
def _sqlite_classes():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import (
        BM25,
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
        normalize,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class SQLitePrefixMixin(RankingCompilerMixin):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.term, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

        def match_scores(self, config):
            """BM25 scores of the FTS5 matches (matched once, not once per row)."""
            normalized = normalize(self.query)
            if not self.order_by_relevance or isinstance(normalized, (MatchAll, Not)):
                return None
            search_query = self.build_search_query(normalized, config=config)
            index_query = (
                sqlite.SQLiteFTSIndexEntry.objects.filter(
                    MatchExpression(self.fields or self.MATCH_COLUMNS, search_query)
                )
                .filter(
                    index_entry__content_type__in=get_descendants_content_types_pks(
                        self.queryset.model
                    )
                )
                .annotate(score=self.rank_expression())
            )
            rows = index_query.values_list("index_entry__object_id", "score")
            scores = _best_scores(rows)
            own = self.query.own_query() if isinstance(self.query, AnyWords) else None
            if own is not None and scores:
                # Items with the words' own forms are scored by those alone.
                own_query = self.build_search_query(normalize(own), config=config)
                own_rows = (
                    sqlite.SQLiteFTSIndexEntry.objects.filter(
                        MatchExpression(self.fields or self.MATCH_COLUMNS, own_query)
                    )
                    .annotate(score=self.rank_expression())
                    .values_list("index_entry__object_id", "score")
                )
                scores.update(
                    (key, value) for key, value in _best_scores(own_rows).items() if key in scores
                )
            if isinstance(self.query, AnyWords) and scores:
                # FTS5 cannot test a second MATCH in the select list: which words each
                # match has is one more query per word, and per word's own forms when
                # it has weaker ones (ids only, no id list: the matches may be many).
                def having(word):
                    word_query = self.build_search_query(normalize(word), config=config)
                    rows = sqlite.SQLiteFTSIndexEntry.objects.filter(
                        MatchExpression(self.fields or self.MATCH_COLUMNS, word_query)
                    ).values_list("index_entry__object_id", flat=True)
                    return set(rows) & scores.keys()

                for word, weaker, share in self.query.shares():
                    matched = having(word)
                    for object_id, value in word_shares(matched, weaker, having).items():
                        scores[object_id] += share * value
            return SortedMatches(scores, lower_is_better=False)

        def rank_expression(self):
            """The score of a match: higher is better, whatever the query's shape.

            FTS5's ``bm25()`` scores the whole MATCH expression at once and is negative
            (more negative is better). Wagtail combines it per subquery as
            ``(1 + bm25)(1 + bm25) - 1`` for "all words", whose sign flips with the
            number of words, so the best matches of a two-word query came last. Here
            it is negated once, with every column weighted alike (FTS5's default): as
            the ``autocomplete`` column holds the title and the summary again, their
            words count about twice as much as the body's, as the models' ``boost=2``
            on both asks (PostgreSQL weighs its vectors itself). Wagtail also multiplied
            the whole score by the entry's ``title_norm``, which lifted every item with
            a short title, wherever the words matched.
            """
            return -BM25()

    class EnkanalSQLiteSearchQueryCompiler(SQLitePrefixMixin, sqlite.SQLiteSearchQueryCompiler):
        """FTS5 queries with prefix terms, ranked in one pass.

        Wagtail orders by a score subquery correlated to every matching row, which runs
        the full-text match once per row: seconds for a common word at 10,000 items.
        ``ranked`` matches once, keeps the ids the queryset allows (one more query) and
        sorts them by score in Python. The match looks in the ``autocomplete`` column
        too: it holds nothing the title and body do not, but its hits weigh the title
        and summary (see ``rank_expression``).
        """

        MATCH_COLUMNS = ["autocomplete", "title", "body"]

    class EnkanalSQLiteAutocompleteQueryCompiler(
        SQLitePrefixMixin, sqlite.SQLiteAutocompleteQueryCompiler
    ):
        """FTS5 autocomplete with prefix terms."""

        MATCH_COLUMNS = ["autocomplete"]

    class EnkanalSQLiteSearchResults(RankedResultsMixin, sqlite.SQLiteSearchResults):
        """FTS5 results ranked in one pass."""

    class EnkanalSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        """SQLite FTS5 (its tokenizer folds å/ä/ö on both sides already)."""

        query_compiler_class = EnkanalSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = EnkanalSQLiteAutocompleteQueryCompiler
        results_class = EnkanalSQLiteSearchResults

    return EnkanalSQLiteSearchBackend


@functools.cache
def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery
    from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
    from django.db.models.functions import Cast, Greatest
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme
    from modelsearch.query import Fuzzy, MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.models import Locale

    class PostgresPrefixMixin:
        """``Prefix`` terms as prefix lexemes, taken as they are.

        A ``Prefix`` term is a stem already (``search.queries`` stems with Snowball, the
        algorithm PostgreSQL's ``swedish_stem`` and ``english_stem`` implement), so it
        is parsed with the backend's unstemmed configuration (``AUTOCOMPLETE_CONFIG``:
        folded, no stop words). Parsed with the stemming one it was stemmed a second
        time (``kurator`` → ``kurat`` → ``kur:*``, which found every ``kurs``) or dropped
        as a stop word (``demens`` → ``dem``: nothing found at all).
        """

        #: The configuration ``Prefix`` terms are parsed with (set from the backend).
        prefix_config = None

        def get_config(self, backend):
            self.prefix_config = getattr(backend, "autocomplete_config", None)
            return super().get_config(backend)

        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.term, invert=invert, prefix=True)
                prefix_config = self.prefix_config or config
                return SearchQuery(lexeme, search_type="raw", config=prefix_config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class PostgresRankedMixin(RankingCompilerMixin):
        """Match in the index table first (see ``EnkanalPostgresSearchQueryCompiler``)."""

        #: Index entry columns searched, with their weights.
        ENTRY_VECTORS = (("title", F("title_norm")), ("body", 1.0))

        def match_scores(self, config):
            """Scores of the matching index entries, matched in the index table alone."""
            if (
                not self.order_by_relevance
                or self.fields
                or isinstance(self.query, (MatchAll, Not, Fuzzy))
            ):
                return None
            search_query = self.build_tsquery(self.query, config=config)
            own = self.query.own_query() if isinstance(self.query, AnyWords) else None
            vector, score, own_score = None, None, None
            for field, weight in self.ENTRY_VECTORS:
                rank = self.build_tsrank(F(field), self.query, config=config) * weight
                vector = F(field) if vector is None else vector._combine(F(field), "||", False)
                score = rank if score is None else score + rank
                if own is not None:
                    rank = self.build_tsrank(F(field), own, config=config) * weight
                    own_score = rank if own_score is None else own_score + rank
            if own is not None:
                # Entries with the words' own forms are scored by those alone.
                score = Case(
                    When(Q(_vector_=self.build_tsquery(own, config=config)), then=own_score),
                    default=score,
                    output_field=FloatField(),
                )
            if isinstance(self.query, AnyWords):
                for word, weaker, share in self.query.shares():
                    score = score + share * self._word_share(word, weaker, config)
            # ``title || body`` has its own GIN index (enkanal_search migration 0003).
            matches = (
                postgres.IndexEntry.objects.filter(
                    content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
                )
                .annotate(_vector_=vector)
                .filter(_vector_=search_query)
                .annotate(score=score, item_id=Cast("object_id", IntegerField()))
            )
            return ScoredMatches(matches)

        def _word_share(self, word, weaker, config):
            """1 for an entry with the word's own forms, a part of ``WEAK_SHARE`` for one
            with its weaker forms only, else 0 (see ``word_shares``)."""

            def has(query):
                return Q(_vector_=self.build_tsquery(query, config=config))

            if weaker is None:
                return Case(When(has(word), then=Value(1.0)), default=Value(0.0))
            readings = [
                sum(
                    (Case(When(has(part), then=Value(1.0)), default=Value(0.0)) for part in parts),
                    Value(0.0),
                )
                / len(parts)
                for parts in weaker.readings
            ]
            weak = readings[0] if len(readings) == 1 else Greatest(*readings)
            return Case(
                When(has(weaker.own), then=Value(1.0)),
                When(has(word), then=WEAK_SHARE * weak),
                default=Value(0.0),
                output_field=FloatField(),
            )

    class EnkanalPostgresSearchQueryCompiler(
        PostgresRankedMixin, PostgresPrefixMixin, postgres.PostgresSearchQueryCompiler
    ):
        """tsquery with prefix terms, matched in the index table first.

        Wagtail joins every row of the (audience-filtered) queryset to its index entry
        and lets PostgreSQL plan the EXISTS subqueries of the audience filter against
        the text match, which took seconds at 10,000 items. ``ranked`` matches in the
        index table alone, then checks the audience filter for the matching ids.
        """

    class EnkanalPostgresAutocompleteQueryCompiler(
        PostgresRankedMixin, PostgresPrefixMixin, postgres.PostgresAutocompleteQueryCompiler
    ):
        """Autocomplete tsquery with prefix terms, matched in the index table first."""

        ENTRY_VECTORS = (("autocomplete", 1.0),)

    class EnkanalPostgresSearchResults(RankedResultsMixin, postgres.PostgresSearchResults):
        """Full-text results ranked in the index table first."""

    class EnkanalPostgresIndex(postgres.PostgresIndex):
        """Items indexed with the text-search configuration of their locale.

        ``LOCALE_CONFIGS`` maps a language code to a configuration (``en`` →
        ``enkanal_english``); other items, and objects without a locale, get
        ``SEARCH_CONFIG``. Queries need no such choice: their prefix terms are stems
        already, in the reader's language, and parsed unstemmed.
        """

        def add_items(self, model, objs):
            configs = getattr(self.backend, "locale_configs", None)
            if not configs:
                return super().add_items(model, objs)
            languages = dict(Locale.objects.values_list("pk", "language_code"))
            groups: dict[str | None, list] = {}
            for obj in objs:
                language = languages.get(getattr(obj, "locale_id", None))
                groups.setdefault(configs.get(language), []).append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    # The indexer reads the configuration from the backend it is given.
                    if config is not None:
                        self.backend = copy.copy(backend)
                        self.backend.config = config
                    super().add_items(model, group)
                    self.backend = backend
            finally:
                self.backend = backend

    class EnkanalPostgresSearchBackend(postgres.PostgresSearchBackend):
        """PostgreSQL full text; ``SEARCH_CONFIG``, ``AUTOCOMPLETE_CONFIG`` and
        ``LOCALE_CONFIGS`` (see ``EnkanalPostgresIndex``) from settings."""

        results_class = EnkanalPostgresSearchResults
        query_compiler_class = EnkanalPostgresSearchQueryCompiler
        autocomplete_query_compiler_class = EnkanalPostgresAutocompleteQueryCompiler
        index_class = EnkanalPostgresIndex

        def __init__(self, params):
            super().__init__(params)
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG") or "simple"
            self.locale_configs = dict(params.get("LOCALE_CONFIGS") or {})

    return EnkanalPostgresSearchBackend


def SearchBackend(params):
    """The backend for the default database (SQLite FTS5, PostgreSQL, else Wagtail's)."""
    if connection.vendor == "postgresql":
        return _postgres_classes()(params)
    if connection.vendor == "sqlite":
        backend = WagtailDatabaseBackend(params)
        if type(backend).__name__ == "SQLiteSearchBackend":
            return _sqlite_classes()(params)
        return backend
    return WagtailDatabaseBackend(params)
