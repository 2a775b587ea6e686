"""PostgreSQL test databases emptied with DELETE instead of TRUNCATE after each transactional test.

Tests that commit (browser tests on a live server, ``transaction=True``) are followed by Django's
``flush``, which on PostgreSQL is one ``TRUNCATE`` of every table: it creates new files for each table,
index and TOAST table, and took 4–5 s per test on these machines against 0.02–0.06 s for DELETE of the
few rows a test leaves (docs/testing.md). Foreign keys are created ``DEFERRABLE INITIALLY DEFERRED``,
so the DELETEs run in any order inside the flush's transaction. Sequence resets keep Django's own SQL.
Used by conftest.py only; never in a running installation.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.postgresql.operations import DatabaseOperations


@contextmanager
def deleting_flush() -> Iterator[None]:
    original = DatabaseOperations.sql_flush

    def sql_flush(
        self: DatabaseOperations,
        style: Any,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or not tables:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            "SET CONSTRAINTS ALL DEFERRED",
            *(f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(t))}" for t in tables),
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        DatabaseOperations.sql_flush = original  # type: ignore[method-assign]
