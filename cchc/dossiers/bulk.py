"""Set-based writes for imports: the same five operations on PostgreSQL and SQLite.

PostgreSQL gets ``COPY … FROM STDIN`` (psycopg ``cursor.copy``) straight into the table or into a
temporary staging table followed by one set-based ``UPDATE … FROM`` / ``INSERT … ON CONFLICT``; SQLite
gets ``executemany`` inside the caller's transaction. No per-row ORM objects: an import of a million
dossiers builds tuples, not models (measured: ``bulk_create`` of 1M rows took 80–100 s).

Values are Python values (``None``, ``bool``, ``int``, ``str``, ``date``, ``datetime``, ``dict``/``list``
for JSON columns, or a ``str`` of JSON); each backend turns them into what Django itself would have
stored, so the ORM reads them back unchanged (tests read every column back through the ORM on both
engines). A naive datetime is local wall-clock time (Asia/Ho_Chi_Minh, ``records.LOCAL_TZ``): on
PostgreSQL the session time zone is set to it for the statement so the server converts in C, on SQLite
it is shifted to UTC here — a million timestamps never become a million aware Python objects.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from django.db import connection

from cchc.dossiers.records import LOCAL_TZ

if TYPE_CHECKING:  # polars is loaded by the import that writes frames, not by every command's start-up
    import polars as pl

UTC = dt.UTC


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _raw_cursor() -> Any:
    connection.ensure_connection()
    return connection.connection.cursor()


# --- value encoding -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _local_offset(day: dt.date) -> dt.timedelta:
    # Asia/Ho_Chi_Minh has had no daylight saving since 1975, so one offset per day is exact.
    return LOCAL_TZ.utcoffset(dt.datetime(day.year, day.month, day.day, 12)) or dt.timedelta(0)


# Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 13/6/1975.
_FIXED_OFFSET_SINCE = dt.datetime(1976, 1, 1)
_FIXED_OFFSET = dt.timedelta(hours=7)


def sqlite_value(value: Any) -> Any:
    """What Django's SQLite backend stores: naive UTC text for datetimes, text for dates and JSON."""
    if value is None or isinstance(value, (str, int, float)):
        return value  # bool is an int: SQLite stores 1/0 like Django does
    if value.__class__ is dt.datetime and value.tzinfo is None and value >= _FIXED_OFFSET_SINCE:
        return str(value - _FIXED_OFFSET)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return str(value.astimezone(UTC).replace(tzinfo=None))
        return str(value - _local_offset(value.date()))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- operations ------------------------------------------------------------------------------------


@contextmanager
def bulk_session() -> Iterator[None]:
    """Settings for one large write. SQLite: a 256 MB page cache instead of the default 2 MB, so the
    index pages of a million-row table stay in memory while rows are added (restored afterwards)."""
    if is_postgres():
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = cur.fetchone()[0]
        cur.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA cache_size = {int(before)}")


def _sequence_of(cur: Any, table: str) -> str:
    # Looked up once: inside the SELECT list it would be evaluated for every one of the n rows
    # (6 s of a million-row import).
    cur.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
    return str(cur.fetchone()[0])


def allocate_ids(table: str, n: int) -> list[int]:
    """Reserve ``n`` primary keys for rows the caller will insert with explicit ids.

    PostgreSQL draws them from the column's sequence (safe with concurrent writers); SQLite takes the
    next ones after both MAX(id) and sqlite_sequence, under the write lock the caller's transaction holds.
    """
    if n <= 0:
        return []
    with connection.cursor() as cur:
        if is_postgres():
            cur.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [_sequence_of(cur, table), n]
            )
            return [r[0] for r in cur.fetchall()]
        cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')
        top = cur.fetchone()[0]
        try:
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cur.fetchone()
            if row and row[0] and row[0] > top:
                top = row[0]
        except Exception:
            pass
    return list(range(top + 1, top + 1 + n))


def allocate_id_array(table: str, n: int) -> np.ndarray[Any, Any]:
    """``allocate_ids`` as a sorted array, without sending a million numbers back: PostgreSQL draws
    them in one statement and returns the smallest and largest, which span exactly ``n`` values unless
    another session drew from the sequence at the same moment (then the numbers themselves come back)."""
    if n <= 0 or not is_postgres():
        return np.asarray(allocate_ids(table, n), dtype=np.int64)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT min(v), max(v) FROM "
            "(SELECT nextval(%s::regclass) AS v FROM generate_series(1, %s)) drawn",
            [_sequence_of(cur, table), n],
        )
        low, high = cur.fetchone()
        if high - low + 1 == n:
            return np.arange(low, high + 1, dtype=np.int64)
        # Interleaved with another writer: the n numbers drawn are ours, but not one run; draw again
        # and keep them all (the first draw's numbers are simply skipped, as rolled-back ones are).
        return np.asarray(allocate_ids(table, n), dtype=np.int64)


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    cols = ", ".join(f'"{c}"' for c in columns)
    if is_postgres():
        return _copy_into(f'"{table}"', cols, rows, pg_types(table, tuple(columns)))
    marks = ", ".join(["?"] * len(columns))
    sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'
    return _executemany(sql, rows, pg_types(table, tuple(columns)))


def update_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], key: str = "id") -> int:
    """Rows are (key, *columns)."""
    if is_postgres():
        all_cols = [key, *columns]
        stage = _stage(table, all_cols)
        n = _copy_into(
            f'"{stage}"', ", ".join(f'"{c}"' for c in all_cols), rows, pg_types(table, tuple(all_cols))
        )
        sets = ", ".join(f'"{c}" = s."{c}"' for c in columns)
        with connection.cursor() as cur:
            cur.execute(f'UPDATE "{table}" t SET {sets} FROM "{stage}" s WHERE t."{key}" = s."{key}"')
            cur.execute(f'TRUNCATE "{stage}"')
        return n
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    sql = f'UPDATE "{table}" SET {sets} WHERE "{key}" = ?'
    return _executemany(sql, ((*r[1:], r[0]) for r in rows), pg_types(table, (*columns, key)))


def delete_in(table: str, column: str, values: Sequence[Any]) -> None:
    with connection.cursor() as cur:
        if is_postgres():
            for i in range(0, len(values), 100000):
                cur.execute(
                    f'DELETE FROM "{table}" WHERE "{column}" = ANY(%s)', [list(values[i : i + 100000])]
                )
            return
        for i in range(0, len(values), 900):
            chunk = list(values[i : i + 900])
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f'DELETE FROM "{table}" WHERE "{column}" IN ({marks})', chunk)


def additive_upsert(
    table: str, *, key_columns: Sequence[str], value_columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert rows, or add their values to the existing row with the same key (facts)."""
    keys = ", ".join(f'"{c}"' for c in key_columns)
    cols = [*key_columns, *value_columns]
    col_sql = ", ".join(f'"{c}"' for c in cols)
    adds = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in value_columns)
    if is_postgres():
        stage = _stage(table, cols)
        n = _copy_into(f'"{stage}"', col_sql, rows, pg_types(table, tuple(cols)))
        with connection.cursor() as cur:
            cur.execute(
                f'INSERT INTO "{table}" ({col_sql}) SELECT {col_sql} FROM "{stage}" '
                f"ON CONFLICT ({keys}) DO UPDATE SET {adds}"
            )
            cur.execute(f'TRUNCATE "{stage}"')
        return n
    marks = ", ".join(["?"] * len(cols))
    sql = f'INSERT INTO "{table}" ({col_sql}) VALUES ({marks}) ON CONFLICT ({keys}) DO UPDATE SET {adds}'
    return _executemany(sql, rows, pg_types(table, tuple(cols)))


def _stage(table: str, columns: Sequence[str]) -> str:
    """An empty temporary table with the given columns of ``table`` (types only, no constraints)."""
    stage = f"stage_{table}_{len(columns)}"
    col_sql = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cur:
        cur.execute(f'DROP TABLE IF EXISTS "{stage}"')
        cur.execute(
            f'CREATE TEMP TABLE "{stage}" ON COMMIT DROP AS SELECT {col_sql} FROM "{table}" WITH NO DATA'
        )
    return stage


_PG_TYPE = {
    "AutoField": "int8",
    "BigAutoField": "int8",
    "ForeignKey": "int8",
    "OneToOneField": "int8",
    "IntegerField": "int8",
    "BigIntegerField": "int8",
    "SmallIntegerField": "int8",
    "PositiveIntegerField": "int8",
    "PositiveSmallIntegerField": "int8",
    "PositiveBigIntegerField": "int8",
    "CharField": "text",
    "TextField": "text",
    "DateTimeField": "timestamptz",
    "DateField": "date",
    "BooleanField": "bool",
    "DecimalField": "numeric",
    "FloatField": "float8",
    "JSONField": "jsonb",
}


@lru_cache(maxsize=64)
def pg_types(table: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """psycopg dump types for the columns of a model's table (JSON travels as text: see _json_text)."""
    from django.apps import apps

    model = next(m for m in apps.get_models() if m._meta.db_table == table)
    by_column = {f.column: f for f in model._meta.concrete_fields}
    return tuple(_PG_TYPE.get(by_column[c].get_internal_type(), "text") for c in columns)


@contextmanager
def _local_time_cursor() -> Iterator[Any]:
    """A raw PostgreSQL cursor whose session reads naive datetimes as local wall-clock time; Django's
    session zone is restored afterwards."""
    cur = _raw_cursor()
    cur.execute(f"SET LOCAL TIME ZONE {_quote(str(LOCAL_TZ))}")
    try:
        yield cur
    finally:
        cur.execute(f"SET LOCAL TIME ZONE {_quote(connection.timezone_name)}")


def _copy_into(target: str, col_sql: str, rows: Iterable[Sequence[Any]], types: Sequence[str]) -> int:
    with _local_time_cursor() as cur:
        return _copy_rows(cur, target, col_sql, rows, types)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _json_text(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if value.__class__ is list and not value:
        return "[]"  # late_causes of every dossier that is not late: skip json.dumps a million times
    return json.dumps(value, ensure_ascii=False)


def _copy_rows(
    cur: Any, target: str, col_sql: str, rows: Iterable[Sequence[Any]], types: Sequence[str]
) -> int:
    """COPY in text format with psycopg's C dumpers (``write_row``): about 1.5× faster than
    formatting the lines in Python. JSON columns are sent as text the server parses."""
    json_at = [i for i, t in enumerate(types) if t == "jsonb"]
    send_types = ["text" if t == "jsonb" else t for t in types]
    n = 0
    with cur.copy(f"COPY {target} ({col_sql}) FROM STDIN") as copy:
        copy.set_types(send_types)
        write = copy.write_row
        if json_at:
            for row in rows:
                values = list(row)
                for i in json_at:
                    values[i] = _json_text(values[i])
                write(values)
                n += 1
        else:
            for row in rows:
                write(row)
                n += 1
    return n


def _executemany(sql: str, rows: Iterable[Sequence[Any]], types: Sequence[str]) -> int:
    """SQLite: convert only the columns whose type needs it (instants, dates, JSON)."""
    convert = [i for i, t in enumerate(types) if t in ("timestamptz", "date", "jsonb", "numeric")]
    cur = _raw_cursor()
    n = 0
    batch: list[Sequence[Any]] = []
    for row in rows:
        if convert:
            values = list(row)
            for i in convert:
                values[i] = sqlite_value(values[i])
            batch.append(values)
        else:
            batch.append(row)
        if len(batch) >= 20000:
            cur.executemany(sql, batch)
            n += len(batch)
            batch.clear()
    if batch:
        cur.executemany(sql, batch)
        n += len(batch)
    return n


# --- frames (the columnar import path) --------------------------------------------------------------

FRAME_SLICE = 100_000
_DJANGO_SECONDS = "%Y-%m-%d %H:%M:%S"


def insert_frame(table: str, frame: pl.DataFrame) -> int:
    """``insert_rows`` for a polars frame whose columns are named after the table's columns: naive
    datetimes are local wall-clock time, JSON columns are text. PostgreSQL: ``COPY … (FORMAT csv)`` of
    slices polars writes in Rust (strings always quoted, so an empty string stays '' and only a null
    is sent unquoted). SQLite: the same text Django stores, computed per column, then ``executemany``."""
    import polars as pl

    if frame.height == 0:
        return 0
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    if is_postgres():
        with (
            _local_time_cursor() as cur,
            cur.copy(f'COPY "{table}" ({cols}) FROM STDIN (FORMAT csv)') as copy,
        ):
            for offset in range(0, frame.height, FRAME_SLICE):
                buf = io.BytesIO()
                frame.slice(offset, FRAME_SLICE).write_csv(
                    buf,
                    include_header=False,
                    quote_style="non_numeric",
                    datetime_format="%Y-%m-%d %H:%M:%S%.6f",
                    date_format="%Y-%m-%d",
                )
                copy.write(buf.getbuffer())
        return frame.height
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            # Only for instants after 1975 (the columnar parser refuses earlier ones): fixed +7.
            utc = col - pl.duration(hours=7)
            exprs.append(
                pl.when(utc.dt.microsecond() == 0)
                .then(utc.dt.strftime(_DJANGO_SECONDS))
                .otherwise(utc.dt.strftime(_DJANGO_SECONDS + "%.6f"))
                .alias(name)
            )
        elif isinstance(dtype, pl.Date):
            exprs.append(col.dt.strftime("%Y-%m-%d"))
        elif isinstance(dtype, pl.Boolean):
            exprs.append(col.cast(pl.Int8))
    ready = frame.with_columns(exprs) if exprs else frame
    marks = ", ".join(["?"] * len(frame.columns))
    cur = _raw_cursor()
    sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'
    for offset in range(0, ready.height, FRAME_SLICE):
        cur.executemany(sql, ready.slice(offset, FRAME_SLICE).iter_rows())
    return frame.height
