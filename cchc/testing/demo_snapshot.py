"""The whole demo (or any other costly set of rows), built once per test session and copied into each
test that asks for it.

Loading the demo (``cchc load-demo``) takes tens of seconds even with ``CCHC_DEMO_DOSSIERS=400``, and
several tests need it. ``take`` loads it once inside a transaction, reads every row the load wrote into
memory — on PostgreSQL as ``COPY`` text, on SQLite as the stored values — and rolls the load back, so
the test database stays empty for the other tests. ``restore`` writes those rows back inside a test's
own transaction (``COPY FROM`` / one ``executemany`` per table), which takes well under a second, and
the test's rollback removes them again. Foreign keys are created deferrable on both engines, so the
tables can be filled in any order; Django checks them before each test's rollback.

Works per process, so under pytest-xdist each worker builds its own copy in its own test database.
The same goes for any other costly build a module's tests share (``built_once`` in conftest.py): the
first test that asks builds it inside its own transaction, later ones get a copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model


@dataclass
class Table:
    name: str
    columns: list[str]
    pk: str
    # PostgreSQL: the COPY text of the new rows; SQLite: the rows as stored.
    copy: bytes = b""
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Snapshot:
    tables: list[Table]
    models: list[type[Model]]
    # What the build returned (a summary line, say); kept as it was, so only immutable values belong here.
    result: Any = None

    @property
    def row_count(self) -> int:
        if connection.vendor == "postgresql":
            return sum(t.copy.count(b"\n") for t in self.tables)
        return sum(len(t.rows) for t in self.tables)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _pk(model: type[Model]) -> str:
    return str(model._meta.pk.column)


def _models() -> list[type[Model]]:
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]


def _pks(model: type[Model]) -> set[Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_q(_pk(model))} FROM {_q(model._meta.db_table)}")
        return {row[0] for row in cursor.fetchall()}


def _fingerprint(model: type[Model], pks: set[Any]) -> str:
    """A digest of the rows that existed before the load (rows written by migrations), to prove the
    demo left them alone: the snapshot only carries new rows."""
    table, pk = model._meta.db_table, _pk(model)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_q(pk)}, * FROM {_q(table)} ORDER BY {_q(pk)}")
        rows = [repr(r) for r in cursor.fetchall() if r[0] in pks]
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def _read_new_rows(model: type[Model], before: set[Any]) -> Table:
    table = model._meta.db_table
    pk = _pk(model)
    columns = [str(f.column) for f in model._meta.local_concrete_fields]
    out = Table(table, columns, pk)
    cols = ", ".join(_q(c) for c in columns)
    where = f"WHERE {_q(pk)} NOT IN ({', '.join(['%s'] * len(before))})" if before else ""
    if connection.vendor == "postgresql":
        sql = f"COPY (SELECT {cols} FROM {_q(table)} {where}) TO STDOUT"
        with connection.cursor() as cursor, cursor.cursor.copy(sql, list(before) or None) as copy:
            out.copy = b"".join(bytes(chunk) for chunk in copy)
    else:
        # "+column" is SQLite's no-op operator: the value comes back exactly as stored, without the
        # converters Django registers for declared column types, so it can be written back unchanged.
        plain = ", ".join(f"+{_q(c)}" for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {plain} FROM {_q(table)} {where}", list(before))
            out.rows = cursor.fetchall()
    return out


def load_whole_demo() -> None:
    call_command("load_demo", verbosity=0)


def take(build: Callable[[], Any] = load_whole_demo) -> Snapshot:
    """Run ``build`` in a transaction (a savepoint inside a test's), keep the rows it wrote and what it
    returned, and roll it back."""
    models = _models()
    with transaction.atomic():
        before = {m: _pks(m) for m in models}
        fingerprints = {m: _fingerprint(m, pks) for m, pks in before.items() if pks}
        result = build()
        changed = [m.__name__ for m, digest in fingerprints.items() if _fingerprint(m, before[m]) != digest]
        if changed:
            raise RuntimeError(f"the build changed rows that were there before, no snapshot: {changed}")
        tables = [_read_new_rows(m, before[m]) for m in models]
        transaction.set_rollback(True)
    tables = [t for t in tables if t.copy or t.rows]
    written = {t.name for t in tables}
    return Snapshot(tables, [m for m in models if m._meta.db_table in written], result)


def restore(snapshot: Snapshot) -> None:
    """Write the snapshot's rows into the current (test) transaction."""
    with connection.cursor() as cursor:
        for t in snapshot.tables:
            cols = ", ".join(_q(c) for c in t.columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {_q(t.name)} ({cols}) FROM STDIN") as copy:
                    copy.write(t.copy)
            else:
                marks = ", ".join(["%s"] * len(t.columns))
                cursor.executemany(f"INSERT INTO {_q(t.name)} ({cols}) VALUES ({marks})", t.rows)
        # SQLite moves its AUTOINCREMENT counters itself; PostgreSQL's sequences must be told.
        for sql in connection.ops.sequence_reset_sql(no_style(), snapshot.models):
            cursor.execute(sql)
