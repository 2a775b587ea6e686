"""Secondary indexes of empty tables built once after a large import instead of grown row by row.

A first import into an empty ledger (a province's history, a new deployment) writes a million
dossiers with their steps, events and facts; every one of the dossier table's secondary indexes on
``received_at``, ``end_at`` and the late list's keys then takes a million inserts at random places,
which cost the server more than the rows themselves (docs/benchmarks.md). Building an index from the
finished table is one sort. So, inside the import's own transaction, the secondary indexes of the
tables that are empty are dropped before the writes and created again from their own definitions
(what the database itself reports: ``pg_get_indexdef`` on PostgreSQL, ``sqlite_master.sql`` on
SQLite) once the rows are in — before anything of the import reads through them.

Only what round-trips exactly is dropped. PostgreSQL prints a partial or expression index back in
its own words (an ``IN`` list as an array of casts), which may keep a query's filter from matching
the index; the late list's partial indexes, which hold only late and open rows, are therefore kept
there and maintained row by row. SQLite keeps each index's statement as it was written.

Safety: both engines run ``DROP INDEX`` and ``CREATE INDEX`` inside a transaction, so a failed or
refused import rolls back to the indexes as they were. Unique indexes and constraints (primary keys,
``dossier_code_unique``, the steps' ``(dossier, seq)``) are never dropped: they keep checking every
row as it is written. On PostgreSQL the table is locked (``ACCESS EXCLUSIVE``) before it is found
empty, so no other writer adds rows meanwhile; readers of those tables wait for the import to commit,
which only happens when the tables had nothing to show. A table holding any row keeps its indexes
(rebuilding a large stored index for a smaller import would cost more), and imports smaller than
``CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS`` never take the lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import connection

# Enough memory for one index sort of a million rows (PostgreSQL's default, 64 MB, spills to disk).
PG_SORT_MEMORY = "256MB"


@contextmanager
def rebuilt_after(tables: Sequence[str], rows: int) -> Iterator[list[str]]:
    """Within the caller's transaction: the secondary indexes of those of ``tables`` that are empty
    are dropped, the body writes, and they are created again on leaving (not on an exception: the
    transaction's rollback restores them). Yields the tables whose indexes were deferred."""
    if rows < int(settings.CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS) or not tables:
        yield []
        return
    assert connection.in_atomic_block, "indexes are only dropped inside the import's transaction"
    definitions = _drop(tables)
    yield sorted({table for table, _ in definitions})
    with connection.cursor() as cur:
        if connection.vendor == "postgresql" and definitions:
            # PostgreSQL builds no index on a table with deferred foreign-key checks still pending
            # (Django's constraints are INITIALLY DEFERRED): they run now instead of at the commit,
            # the same checks on the same rows, and are deferred again for the rest of the transaction.
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cur.execute("SET CONSTRAINTS ALL DEFERRED")
            cur.execute(f"SET LOCAL maintenance_work_mem = '{PG_SORT_MEMORY}'")
        for _, sql in definitions:
            cur.execute(sql)


def _empty(cur: object, table: str) -> bool:
    cur.execute(f'SELECT 1 FROM "{table}" LIMIT 1')  # type: ignore[attr-defined]
    return cur.fetchone() is None  # type: ignore[attr-defined]


def _drop(tables: Sequence[str]) -> list[tuple[str, str]]:
    """(table, CREATE INDEX statement) of every secondary index dropped, in the tables' order."""
    dropped: list[tuple[str, str]] = []
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cur:
        for table in tables:
            if not _empty(cur, table):
                continue  # the cheap look first: a stored ledger is never locked for this
            if postgres:
                cur.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
                if not _empty(cur, table):
                    continue
                cur.execute(
                    "SELECT c.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                    "JOIN pg_class c ON c.oid = x.indexrelid "
                    "WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary "
                    "AND x.indpred IS NULL AND x.indexprs IS NULL "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) "
                    "ORDER BY c.relname",
                    [f'"{table}"'],
                )
            else:
                cur.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                    "AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%%' ORDER BY name",
                    [table],
                )
            for name, sql in cur.fetchall():
                cur.execute(f'DROP INDEX "{name}"')
                dropped.append((table, sql))
    return dropped
