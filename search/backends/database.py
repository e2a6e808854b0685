"""Wagtail's database backend with prefix queries and configurable text search.

``BACKEND: "search.backends.database"`` picks the right class for the default database,
as ``wagtail.search.backends.database`` does, but the SQLite and PostgreSQL query
compilers also understand ``search.backends.query.Prefix`` (``"kommun"*`` in FTS5,
``'kommun':*`` in PostgreSQL), and PostgreSQL takes its autocomplete configuration from
``AUTOCOMPLETE_CONFIG``.
"""

from __future__ import annotations

import functools

from django.db import connection
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend

from .query import Prefix


@functools.cache
def _sqlite_classes():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

    class SQLitePrefixMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.term, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

    class EnkanalSQLiteSearchQueryCompiler(SQLitePrefixMixin, sqlite.SQLiteSearchQueryCompiler):
        """FTS5 queries with prefix terms."""

    class EnkanalSQLiteAutocompleteQueryCompiler(
        SQLitePrefixMixin, sqlite.SQLiteAutocompleteQueryCompiler
    ):
        """FTS5 autocomplete with prefix terms."""

    class EnkanalSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        """SQLite FTS5 (its tokenizer folds å/ä/ö on both sides already)."""

        query_compiler_class = EnkanalSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = EnkanalSQLiteAutocompleteQueryCompiler

    return EnkanalSQLiteSearchBackend


@functools.cache
def _postgres_classes():
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.backends.database.postgres.query import Lexeme

    class PostgresPrefixMixin:
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.term, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class EnkanalPostgresSearchQueryCompiler(
        PostgresPrefixMixin, postgres.PostgresSearchQueryCompiler
    ):
        """tsquery with prefix terms."""

    class EnkanalPostgresAutocompleteQueryCompiler(
        PostgresPrefixMixin, postgres.PostgresAutocompleteQueryCompiler
    ):
        """Autocomplete tsquery with prefix terms."""

    class EnkanalPostgresSearchBackend(postgres.PostgresSearchBackend):
        """PostgreSQL full text; ``SEARCH_CONFIG`` and ``AUTOCOMPLETE_CONFIG`` from settings."""

        query_compiler_class = EnkanalPostgresSearchQueryCompiler
        autocomplete_query_compiler_class = EnkanalPostgresAutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.autocomplete_config = params.get("AUTOCOMPLETE_CONFIG") or "simple"

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
