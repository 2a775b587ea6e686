"""The ledger's columns as arrays, and the risks written back in bulk (the morning refresh's hot path).

Reading a million open dossiers through model instances or Python datetimes costs minutes; here each
query returns integers only (instants as microseconds since 1970 UTC, missing values as a sentinel),
which PostgreSQL sends with a binary ``COPY … TO STDOUT`` that numpy reads in place, and SQLite through
an ordinary cursor. Writing goes the other way: the numbers are staged in a temporary table (binary
``COPY … FROM STDIN`` on PostgreSQL) and one ``INSERT … SELECT`` joins them to the dossiers and steps
for their titles, links and due times, so no per-row string is built in Python.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import OperationalError, connection, transaction

from cchc.dossiers.models import Dossier, DossierStep, Procedure, Supplement
from cchc.earlywarning.models import Risk

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
# A missing instant or id in the integer columns.
NONE = -(2**62)
_PG_HEADER = 19  # signature (11) + flags (4) + header extension length (4)


def _pg() -> bool:
    return connection.vendor == "postgresql"


def epoch_us(column: str) -> str:
    """SQL for ``column`` (a timestamp) as integer microseconds since 1970-01-01 UTC, ``NONE`` if null."""
    if _pg():
        return f"COALESCE((EXTRACT(EPOCH FROM {column}) * 1000000)::int8, {NONE})"
    # SQLite keeps UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]"; the fraction is read as digits, exactly.
    return (
        f"COALESCE(CAST(strftime('%s', {column}) AS INTEGER) * 1000000 + "
        f"CAST(COALESCE(NULLIF(substr({column}, 21, 6), ''), '0') AS INTEGER), {NONE})"
    )


def ordinal(column: str) -> str:
    """SQL for a date column as ``date.toordinal()``."""
    if _pg():
        return f"(({column} - DATE '0001-01-01') + 1)::int8"
    return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"


def columns(sql: str, width: int) -> Ints:
    """The rows of ``sql`` (every column an integer, none null) as an n × ``width`` array."""
    with connection.cursor() as c:
        if _pg():
            # psycopg's own cursor: Django's wrapper has no COPY.
            with c.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT BINARY)") as copy:
                data = b"".join(bytes(block) for block in copy)
            fields: list[tuple[str, str]] = [("n", ">i2")]
            for i in range(width):
                fields += [(f"l{i}", ">i4"), (f"v{i}", ">i8")]
            rows = np.frombuffer(data[_PG_HEADER:-2], dtype=np.dtype(fields))
            if rows.size and (rows["l0"] != 8).any():
                raise ValueError("a column read for early warning is not a non-null int8")
            return np.stack([rows[f"v{i}"].astype(np.int64) for i in range(width)], axis=1).reshape(-1, width)
        c.execute(sql)
        return np.array(c.fetchall(), dtype=np.int64).reshape(-1, width)


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _in(values: Sequence[object]) -> str:
    """An SQL list of trusted constants (status codes and outcome names from the models' enums)."""
    return ", ".join(str(int(v)) if isinstance(v, int) else f"'{v}'" for v in values)


def open_where(statuses: Sequence[int]) -> str:
    return (
        f"d.status IN ({_in(statuses)}) AND d.received_at IS NOT NULL "
        "AND (d.appointment_at IS NOT NULL OR d.effective_appointment_at IS NOT NULL)"
    )


def finished_where(outcomes: Sequence[str], first: dt.date, last: dt.date) -> str:
    return (
        f"d.outcome IN ({_in(outcomes)}) AND d.finished_on >= '{first.isoformat()}' "
        f"AND d.finished_on <= '{last.isoformat()}' AND d.received_at IS NOT NULL AND d.end_at IS NOT NULL"
    )


def dossiers(where: str, *, finished: bool) -> Ints:
    """id, procedure, handling unit (-1), receiving unit (0), received, appointment, and for finished
    dossiers also end and finished-on day (ordinal)."""
    extra = f", {epoch_us('d.end_at')}, {ordinal('d.finished_on')}" if finished else ""
    sql = (
        "SELECT d.id, d.procedure_id, COALESCE(d.handling_unit_id, -1), COALESCE(d.receiving_unit_id, 0), "
        f"{epoch_us('d.received_at')}, {epoch_us('COALESCE(d.effective_appointment_at, d.appointment_at)')}"
        f"{extra} FROM {_table(Dossier)} d WHERE {where}"
    )
    return columns(sql, 8 if finished else 6)


def steps(where: str, *, finished: bool) -> Ints:
    """Steps with a start of the dossiers matching ``where``: id, dossier, seq, unit (-1), official (0),
    start, then the finish (finished steps) or the deadline (steps in progress)."""
    other = "s.finished_at" if finished else "s.deadline_at"
    done = "IS NOT NULL" if finished else "IS NULL"
    sql = (
        "SELECT s.id, s.dossier_id, CAST(s.seq AS BIGINT), COALESCE(s.unit_id, -1), "
        "COALESCE(s.official_id, 0), "
        f"{epoch_us('s.started_at')}, {epoch_us(other)} FROM {_table(DossierStep)} s "
        f"JOIN {_table(Dossier)} d ON d.id = s.dossier_id "
        f"WHERE {where} AND s.started_at IS NOT NULL AND s.finished_at {done}"
    )
    return columns(sql, 7)


def waits(where: str) -> Ints:
    """Supplements of the dossiers matching ``where``, in the order their waits are subtracted:
    dossier, requested, completed (``NONE``: the citizen has not come back)."""
    sql = (
        f"SELECT p.dossier_id, {epoch_us('p.requested_at')}, {epoch_us('p.completed_at')} "
        f"FROM {_table(Supplement)} p JOIN {_table(Dossier)} d ON d.id = p.dossier_id "
        f"WHERE {where} ORDER BY p.dossier_id, p.requested_at, p.id"
    )
    return columns(sql, 3)


# --- writing ------------------------------------------------------------------------------------------

# The staged numbers of one dossier or step risk, in order; every one an int8 or a float8.
STAGE = (
    ("kind", "int8"), ("dossier_id", "int8"), ("step_id", "int8"), ("unit_id", "int8"),
    ("official_id", "int8"), ("receiving_unit_id", "int8"), ("risk", "float8"), ("consequence", "float8"),
    ("priority", "float8"), ("level", "int8"), ("compared", "int8"), ("typical", "float8"),
    ("expected_more", "float8"), ("spent", "float8"), ("time_left", "float8"),
    ("expected_finish", "int8"), ("apology_by", "int8"),
)  # fmt: skip
KIND_DOSSIER, KIND_STEP = 0, 1
_DAY0 = dt.date(2000, 1, 1)  # staged dates are days since this one (PostgreSQL's own date origin)


def day_number(d: dt.date) -> int:
    return (d - _DAY0).days


def _date_of(expr: str) -> str:
    if _pg():
        return f"(DATE '2000-01-01' + ({expr})::int4)"
    return f"date(2451544.5 + {expr})"


def _stage(table: str, cols: dict[str, npt.NDArray[np.generic]]) -> None:
    n = len(next(iter(cols.values())))
    with connection.cursor() as c:
        defs = ", ".join(f"{name} {'bigint' if t == 'int8' else 'double precision'}" for name, t in STAGE)
        c.execute(f"DROP TABLE IF EXISTS {table}")
        c.execute(f"CREATE TEMPORARY TABLE {table} ({defs})")
        if not _pg():
            values = [cols[name].tolist() for name, _ in STAGE]
            marks = ", ".join("%s" for _ in STAGE)
            c.executemany(f"INSERT INTO {table} VALUES ({marks})", list(zip(*values, strict=True)))
            return
        fields: list[tuple[str, str]] = [("n", ">i2")]
        for name, t in STAGE:
            fields += [(f"l_{name}", ">i4"), (name, ">i8" if t == "int8" else ">f8")]
        rec = np.empty(n, dtype=np.dtype(fields))
        rec["n"] = len(STAGE)
        for name, _ in STAGE:
            rec[f"l_{name}"] = 8
            rec[name] = cols[name]
        body = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0) + rec.tobytes() + struct.pack(">h", -1)
        with c.cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
            copy.write(body)


def write_dossier_risks(
    cols: dict[str, npt.NDArray[np.generic]], today: dt.date, into: str | None = None
) -> None:
    """Insert the staged dossier and step risks, their titles, links and subjects made by the database
    from the dossier, its step and its procedure, into the risk table or ``into`` (a table made by
    ``replacing_risks``); call inside the refresh's transaction."""
    stage = "earlywarning_stage"
    _stage(stage, cols)
    dossier, step, procedure = _table(Dossier), _table(DossierStep), _table(Procedure)
    risk = into or _table(Risk)
    levels = "CASE s.level WHEN 0 THEN 'unit' WHEN 1 THEN 'wide' WHEN 2 THEN 'share' ELSE 'legal' END"
    unit_name = "COALESCE(st.unit_name, '')"
    name = "COALESCE(p.name, '')"
    step_subject = (
        f"'Bước ' || st.seq || ' ở ' || CASE WHEN {unit_name} = '' THEN 'đơn vị' ELSE {unit_name} END"
    )
    dossier_subject = (
        f"CASE WHEN st.seq IS NOT NULL AND st.seq <> 0 AND {unit_name} <> '' "
        f"THEN 'Từ bước ' || st.seq || ' ở ' || {unit_name} || ' đến khi xong, hồ sơ ' || {name} "
        f"WHEN st.seq IS NOT NULL AND st.seq <> 0 THEN 'Phần còn lại của hồ sơ ' || {name} "
        f"ELSE 'Hồ sơ ' || {name} END"
    )
    sql = f"""
        INSERT INTO {risk} (kind, object_id, dossier_id, step_id, unit_id, official_id, receiving_unit_id,
            title, url, risk, consequence, priority, level, insufficient, compared, typical, expected_more,
            spent, time_left, subject, due_at, expected_finish, apology_by, computed_on)
        SELECT CASE s.kind WHEN {KIND_DOSSIER} THEN 'dossier' ELSE 'step' END,
            CASE s.kind WHEN {KIND_DOSSIER} THEN s.dossier_id ELSE s.step_id END,
            s.dossier_id, NULLIF(s.step_id, 0), s.unit_id, NULLIF(s.official_id, 0),
            NULLIF(s.receiving_unit_id, 0),
            substr(CASE s.kind WHEN {KIND_DOSSIER} THEN d.code || ' — ' || {name}
                ELSE 'Bước ' || st.seq || ' (' || {unit_name} || ') — hồ sơ ' || d.code END, 1, 500),
            '/ho-so/ho-so/' || d.code || '/',
            s.risk, s.consequence, s.priority, {levels}, s.level >= 2, s.compared, s.typical,
            s.expected_more, s.spent, s.time_left,
            substr(CASE s.kind WHEN {KIND_DOSSIER} THEN {dossier_subject} ELSE {step_subject} END, 1, 300),
            CASE s.kind WHEN {KIND_DOSSIER} THEN COALESCE(d.effective_appointment_at, d.appointment_at)
                ELSE st.deadline_at END,
            {_date_of("s.expected_finish")},
            CASE WHEN s.apology_by = {NONE} THEN NULL ELSE {_date_of("s.apology_by")} END,
            %s
        FROM {stage} s JOIN {dossier} d ON d.id = s.dossier_id
        LEFT JOIN {step} st ON st.id = s.step_id
        LEFT JOIN {procedure} p ON p.id = d.procedure_id
    """
    with connection.cursor() as c:
        c.execute(sql, [today])
        c.execute(f"DROP TABLE {stage}")


# --- replacing the whole set (PostgreSQL) ---------------------------------------------------------------

NEXT = "earlywarning_risk_next"
# How long the swap waits for readers holding the risk table (pages queue behind the waiting swap).
SWAP_WAIT_MS = 2000
_INDEXDEF = re.compile(r"^(CREATE (?:UNIQUE )?INDEX) \S+ ON \S+ (USING .*)$", re.S)


def swaps() -> bool:
    """Whether the refresh builds the new set in a second table and swaps it in (PostgreSQL), rather
    than deleting and inserting row by row in the risk table itself (SQLite: small installations)."""
    return _pg()


@dataclass
class _Index:
    name: str
    definition: str
    constraint: str  # "p" (primary key), "u" (unique constraint) or "" (a plain index)


def _indexes(c: Any, table: str) -> list[_Index]:
    c.execute(
        "SELECT ci.relname, pg_get_indexdef(i.indexrelid), COALESCE(k.contype, '') FROM pg_index i "
        "JOIN pg_class ci ON ci.oid = i.indexrelid "
        "LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid "
        "WHERE i.indrelid = %s::regclass ORDER BY ci.relname",
        [table],
    )
    return [_Index(*row) for row in c.fetchall()]


@contextmanager
def replacing_risks() -> Iterator[str]:
    """Yield the name of an empty table shaped like the risk table; on exit, give it the risk table's
    indexes and constraints (each built once, by sorting, instead of row by row) and put it in the risk
    table's place. Call inside a transaction: until it commits, readers keep the old table (they wait
    only for the few catalogue changes of the swap itself), then they read the new one — the old set
    or the new, never half of each, and without deleting the old rows one by one. If the table cannot
    be locked at once (``_swap``), the new set is copied in row by row instead.

    Ids keep counting from the old table's, so a link to yesterday's row never names a new item.
    The indexes are read from the catalogue, so an index added by a migration is rebuilt too."""
    risk = Risk._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as c:
        # Two refreshes at once take turns here (the second replaces the first's set).
        c.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [risk])
        # One long statement joins two million staged rows to the dossiers and steps, then the indexes
        # are sorted: enough memory that neither spills to disk, and no JIT (seconds of compiling for a
        # plan that runs once).
        c.execute("SET LOCAL work_mem = '256MB'")
        c.execute("SET LOCAL maintenance_work_mem = '256MB'")
        c.execute("SET LOCAL jit = off")
        c.execute(f"DROP TABLE IF EXISTS {q(NEXT)}")
        c.execute(
            f"CREATE TABLE {q(NEXT)} (LIKE {q(risk)} INCLUDING DEFAULTS INCLUDING IDENTITY "
            "INCLUDING CONSTRAINTS INCLUDING STORAGE)"
        )
        c.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            "nextval(pg_get_serial_sequence(%s, 'id')), false)",
            [NEXT, risk],
        )
    yield q(NEXT)
    with connection.cursor() as c:
        indexes = _indexes(c, risk)
        for k, index in enumerate(indexes):
            m = _INDEXDEF.match(index.definition)
            if m is None:
                raise ValueError(f"unexpected index definition: {index.definition}")
            c.execute(f"{m.group(1)} {q(f'{NEXT}_{k}')} ON {q(NEXT)} {m.group(2)}")
        c.execute(f"ANALYZE {q(NEXT)}")
        c.execute("SELECT pg_get_serial_sequence(%s, 'id')", [NEXT])
        sequence = c.fetchone()[0]
        try:
            with transaction.atomic():  # a savepoint: a swap that cannot start is undone alone
                _swap(c, risk, indexes, sequence)
        except OperationalError:
            # Someone holds the risk table for longer than a page may wait (a backup's pg_dump holds
            # every table until it ends): copy the new set in row by row instead, as SQLite does. The
            # old rows stay readable meanwhile; no reader waits.
            columns = ", ".join(q(str(f.column)) for f in Risk._meta.concrete_fields)
            c.execute(f"DELETE FROM {q(risk)}")
            c.execute(f"INSERT INTO {q(risk)} ({columns}) SELECT {columns} FROM {q(NEXT)}")
            c.execute(  # the tasks and petitions written next take ids after the copied ones
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "nextval(pg_get_serial_sequence(%s, 'id')), false)",
                [risk, NEXT],
            )
            c.execute(f"DROP TABLE {q(NEXT)}")


def _swap(c: Any, risk: str, indexes: list[_Index], sequence: str) -> None:
    """Put the filled table in the risk table's place. From the lock to the commit, readers of the risk
    table wait (catalogue changes only); if the lock is not granted within ``SWAP_WAIT_MS``, give up
    (``OperationalError``) rather than keep every page waiting behind the queued lock."""
    q = connection.ops.quote_name
    c.execute(f"SET LOCAL lock_timeout = {int(SWAP_WAIT_MS)}")
    c.execute(f"LOCK TABLE {q(risk)} IN ACCESS EXCLUSIVE MODE")
    c.execute("SET LOCAL lock_timeout = DEFAULT")
    c.execute(f"DROP TABLE {q(risk)}")
    c.execute(f"ALTER TABLE {q(NEXT)} RENAME TO {q(risk)}")
    for k, index in enumerate(indexes):
        built = q(f"{NEXT}_{k}")
        if index.constraint == "p":
            c.execute(f"ALTER TABLE {q(risk)} ADD CONSTRAINT {q(index.name)} PRIMARY KEY USING INDEX {built}")
        elif index.constraint == "u":
            c.execute(f"ALTER TABLE {q(risk)} ADD CONSTRAINT {q(index.name)} UNIQUE USING INDEX {built}")
        else:
            c.execute(f"ALTER INDEX {built} RENAME TO {q(index.name)}")
    c.execute(f"ALTER SEQUENCE {sequence} RENAME TO {q(f'{risk}_id_seq')}")
