"""Query plans in tests: which index a statement uses, on SQLite and PostgreSQL."""


def explain(connection, sql: str, params=()) -> str:
    """The query plan of ``sql`` as one string.

    On PostgreSQL sequential scans are switched off for the statement, so the plan
    shows whether an index *can* serve it, whatever a small test table's statistics
    would make the planner prefer.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(row[0] for row in cursor.fetchall())
