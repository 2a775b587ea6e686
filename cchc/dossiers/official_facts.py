"""Per-official daily facts: what the officials' ranking reads instead of every step of the period.

A finished dossier (early, on time or late, with an end instant) contributes, for every official who
handled one of its steps, one finished dossier and, when it is late and a stored ``step_overrun`` cause
blames that official (by account id, ``blame.blames``), one late dossier — the attribution ``rankings``
uses. The row is keyed by the local day the dossier ended (what ``rankings.finished_between`` filters
on), its handling and receiving units (what ``queries.dossiers_for`` scopes on) and the official: the
account when the step has one, else the step's name with spaces and case folded. ``first_step`` is the
official's earliest step among those dossiers, where the ranking takes a row's name and unit from.

Rows are not adjusted by differences (the earliest step cannot be subtracted): every write recomputes
the (handling unit, day) groups its dossiers were in before and are in after, from the ledger, in the
write transaction (``kept_for``). ``rebuild`` recomputes everything with the same function, and
``tests/test_official_facts_equal_the_ledger_reading.py`` holds both to the reading from the steps.

The recomputation is set-based: a few SQL statements over temporary tables (the days, the groups, their
finished dossiers, the blaming causes read from the JSON in SQL) and one ``INSERT … SELECT … GROUP BY``.
Only the folding of names stays in Python (``blame.fold``: ``casefold`` has no SQL equal on either
engine): the distinct unaccounted names of the groups' steps and causes are folded once each and joined
back as a small table. The per-dossier Python reading it replaced (228 of 315 s of a 200,000-row import)
is kept as the reference in ``tests/official_facts_reference.py``, and
``tests/test_set_based_official_facts_equal_the_python_reading.py`` holds the two equal on random ledgers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Min, QuerySet

from cchc.dossiers.blame import fold
from cchc.dossiers.facts import local_day
from cchc.dossiers.models import Dossier, DossierStep, OfficialDailyFact, Outcome
from cchc.dossiers.records import LOCAL_TZ

FINISHED = (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)
ROW_COLUMNS = (
    "day",
    "handling_unit_id",
    "receiving_unit_id",
    "official_id",
    "name_key",
    "finished",
    "late",
    "first_step",
)
Group = tuple[int, dt.date]  # (handling unit, local day the dossier ended)
CHUNK = 500  # codes per ``__in`` on SQLite (its variable limit)
MANY_GROUPS = 2000  # above this, PostgreSQL reads the days' span in one pass (``_compute``)
TEMP = ("of_days", "of_groups", "of_dossiers", "of_causes", "of_names")


def _drop_temp(cur: Any) -> None:
    for name in TEMP:
        cur.execute(f"DROP TABLE IF EXISTS {name}")


def _fill(cur: Any, table: str, types: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Rows into a temporary table: one ``unnest`` of arrays on PostgreSQL, ``executemany`` on SQLite."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        cols = list(zip(*rows, strict=True))
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        cur.execute(f"INSERT INTO {table} SELECT * FROM unnest({arrays})", [list(c) for c in cols])
        return
    marks = ", ".join(["%s"] * len(types))
    cur.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _days(cur: Any, days: Iterable[dt.date]) -> None:
    """The local days as instant ranges, so dossiers are found through the ``end_at`` index and given
    their local day without a time-zone conversion in SQL (the bounds ``facts.local_day`` agrees with)."""
    from cchc.dossiers.queries import local_day_start

    ops = connection.ops
    cur.execute(f"CREATE TEMP TABLE of_days (day {_DATE}, lo {_INSTANT}, hi {_INSTANT})")
    _fill(
        cur,
        "of_days",
        ("date", "timestamptz", "timestamptz"),
        [
            (
                ops.adapt_datefield_value(day),
                ops.adapt_datetimefield_value(local_day_start(day)),
                ops.adapt_datetimefield_value(local_day_start(day + dt.timedelta(days=1))),
            )
            for day in sorted(set(days))
        ],
    )


_DATE = "date"
_INSTANT = "timestamptz"


def _causes_sql() -> str:
    """The blaming causes of the late dossiers in ``of_dossiers``, one row each: (dossier, account id
    when the cause names one as a number, else the cause's raw name). As ``blame.overrun_causes``: only
    dicts of kind ``step_overrun`` in a list; an ``official_id`` that is not a number blames nobody."""
    if connection.vendor == "postgresql":
        return """
            INSERT INTO of_causes
            SELECT d.id,
                   CASE WHEN jsonb_typeof(c.value -> 'official_id') = 'number'
                        THEN (c.value ->> 'official_id')::numeric END,
                   CASE WHEN coalesce(jsonb_typeof(c.value -> 'official_id'), 'null') = 'null'
                        THEN c.value ->> 'official' END
            FROM of_dossiers d
            CROSS JOIN LATERAL jsonb_array_elements(
                CASE WHEN jsonb_typeof(d.late_causes) = 'array' THEN d.late_causes ELSE '[]'::jsonb END
            ) AS c(value)
            WHERE d.outcome = %s AND jsonb_typeof(c.value) = 'object'
              AND c.value ->> 'kind' = 'step_overrun'
        """
    return """
        INSERT INTO of_causes
        SELECT d.id,
               CASE WHEN json_type(c.value, '$.official_id') IN ('integer', 'real')
                    THEN json_extract(c.value, '$.official_id') END,
               CASE WHEN coalesce(json_type(c.value, '$.official_id'), 'null') = 'null'
                    THEN json_extract(c.value, '$.official') END
        FROM of_dossiers d,
             json_each(CASE WHEN json_type(d.late_causes) = 'array' THEN d.late_causes ELSE '[]' END) AS c
        WHERE d.outcome = %s AND c.type = 'object' AND json_extract(c.value, '$.kind') = 'step_overrun'
    """


def _compute(cur: Any, days: Iterable[dt.date], groups: set[Group] | None) -> int:
    """Write the rows of the finished dossiers that ended on these days (in these groups when given):
    the temporary tables, the names folded in Python, one ``INSERT … SELECT``. Returns rows written."""
    pg = connection.vendor == "postgresql"
    dossier, step = Dossier._meta.db_table, DossierStep._meta.db_table
    table = OfficialDailyFact._meta.db_table
    oid_type = "numeric" if pg else "real"
    _drop_temp(cur)
    _days(cur, days)
    # Temporary tables have no statistics until analysed: without them PostgreSQL guessed a few rows and
    # joined the groups by a nested loop per dossier (minutes at 200,000 dossiers).
    if pg:
        cur.execute("ANALYZE of_days")
    group_join = ""
    if groups is not None:
        cur.execute(f"CREATE TEMP TABLE of_groups (unit bigint, day {_DATE})")
        _fill(
            cur,
            "of_groups",
            ("bigint", "date"),
            [(unit, connection.ops.adapt_datefield_value(day)) for unit, day in sorted(groups)],
        )
        if pg:
            cur.execute("ANALYZE of_groups")
        group_join = "JOIN of_groups g ON g.unit = d.handling_unit_id AND g.day = y.day"
        # The groups' old rows go first (through the (day, handling unit) index).
        if pg:
            cur.execute(
                f"DELETE FROM {table} f USING of_groups g WHERE f.day = g.day AND f.handling_unit_id = g.unit"
            )
        else:
            cur.execute(
                f"DELETE FROM {table} WHERE (day, handling_unit_id) IN (SELECT day, unit FROM of_groups)"
            )
    late_type = "jsonb" if pg else "text"
    cur.execute(
        f"CREATE TEMP TABLE of_dossiers (id bigint, day {_DATE}, unit bigint, recv bigint, "
        f"outcome varchar(20), late_causes {late_type})"
    )
    finished = [str(o) for o in FINISHED]
    if pg and (groups is None or len(groups) > MANY_GROUPS):
        # Many groups (a large import, a rebuild): one pass over the days' span, the local day computed
        # by PostgreSQL (the zone of ``facts.local_day``) and the groups hash-joined. The range join
        # below would fetch the dossiers day by day through the index, in random order.
        cur.execute("SELECT min(lo), max(hi) FROM of_days")
        lo, hi = cur.fetchone()
        day_sql = "(d.end_at AT TIME ZONE %s)::date"
        zone = [LOCAL_TZ.key]
        join = f"JOIN of_groups g ON g.unit = d.handling_unit_id AND g.day = {day_sql}" if groups else ""
        cur.execute(
            f"""INSERT INTO of_dossiers
                SELECT d.id, {day_sql}, d.handling_unit_id, d.receiving_unit_id, d.outcome, d.late_causes
                FROM {dossier} d {join}
                WHERE d.outcome IN (%s, %s, %s) AND d.end_at >= %s AND d.end_at < %s""",
            [*zone, *(zone if groups else []), *finished, lo, hi],
        )
    else:
        cur.execute(
            f"""INSERT INTO of_dossiers
                SELECT d.id, y.day, d.handling_unit_id, d.receiving_unit_id, d.outcome, d.late_causes
                FROM of_days y JOIN {dossier} d ON d.end_at >= y.lo AND d.end_at < y.hi
                {group_join}
                WHERE d.outcome IN (%s, %s, %s)""",
            finished,
        )
    cur.execute(f"CREATE TEMP TABLE of_causes (dossier_id bigint, official_id {oid_type}, raw text)")
    cur.execute(_causes_sql(), [str(Outcome.LATE)])
    if pg:
        cur.execute("ANALYZE of_dossiers")
        cur.execute("ANALYZE of_causes")
    # The unaccounted names, folded once each (``blame.fold``) and joined back; a blank name is no one.
    cur.execute(
        f"""SELECT DISTINCT s.official_name FROM of_dossiers d JOIN {step} s ON s.dossier_id = d.id
            WHERE s.official_id IS NULL
            UNION SELECT raw FROM of_causes WHERE official_id IS NULL AND raw IS NOT NULL"""
    )
    names = [(raw, fold(raw)) for (raw,) in cur.fetchall() if raw is not None]
    cur.execute("CREATE TEMP TABLE of_names (raw text, name_key text)")
    _fill(cur, "of_names", ("text", "text"), [n for n in names if n[1]])
    if pg:
        cur.execute("ANALYZE of_names")
    cur.execute(
        f"""INSERT INTO {table} ({", ".join(ROW_COLUMNS)})
            WITH who AS (
                SELECT d.id AS dossier_id, d.day, d.unit, d.recv, s.id AS step_id, s.official_id,
                       coalesce(k.name_key, '') AS name_key
                FROM of_dossiers d JOIN {step} s ON s.dossier_id = d.id
                LEFT JOIN of_names k ON s.official_id IS NULL AND k.raw = s.official_name
                WHERE s.official_id IS NOT NULL OR k.name_key IS NOT NULL
            ), blamed AS (
                SELECT DISTINCT c.dossier_id, coalesce(c.official_id, -1) AS official_id,
                       coalesce(k.name_key, '') AS name_key
                FROM of_causes c LEFT JOIN of_names k ON c.official_id IS NULL AND k.raw = c.raw
                WHERE c.official_id IS NOT NULL OR k.name_key IS NOT NULL
            )
            SELECT w.day, w.unit, w.recv, w.official_id, w.name_key,
                   count(DISTINCT w.dossier_id), count(DISTINCT b.dossier_id), min(w.step_id)
            FROM who w LEFT JOIN blamed b
              ON b.dossier_id = w.dossier_id AND b.official_id = coalesce(w.official_id, -1)
             AND b.name_key = w.name_key
            GROUP BY w.day, w.unit, w.recv, w.official_id, w.name_key
            ORDER BY w.day, w.unit"""
    )
    written = cur.rowcount
    _drop_temp(cur)
    return written


def rebuild(progress: Callable[[int], Any] | None = None) -> dict[str, int]:
    """Replace every row by a fresh computation from the ledger (one transaction, in the database)."""
    span = _finished(Dossier.objects.all()).aggregate(lo=Min("end_at"), hi=Max("end_at"))
    with transaction.atomic(), connection.cursor() as cur:
        OfficialDailyFact.objects.all().delete()
        written = 0
        if span["lo"] is not None:
            first, last = local_day(span["lo"]), local_day(span["hi"])
            assert first is not None and last is not None
            days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
            written = _compute(cur, days, None)
    if progress is not None:
        progress(written)
    return {"official_rows": written}


def refresh(groups: Iterable[Group]) -> int:
    """Recompute the rows of these (handling unit, day) groups from the ledger, inside the caller's
    transaction. Returns the number of rows written."""
    wanted = {(unit, day) for unit, day in groups if unit is not None and day is not None}
    if not wanted:
        return 0
    with transaction.atomic(), connection.cursor() as cur:
        return _compute(cur, {day for _, day in wanted}, wanted)


def _finished(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.filter(outcome__in=FINISHED, end_at__isnull=False)


def groups_of(codes: list[str]) -> set[Group]:
    """The (handling unit, day) groups the finished dossiers with these codes are counted in now."""
    found: set[Group] = set()
    for i in range(0, len(codes), CHUNK):
        for unit, end_at in _finished(Dossier.objects.filter(code__in=codes[i : i + CHUNK])).values_list(
            "handling_unit_id", "end_at"
        ):
            found.add((unit, local_day(end_at)))  # type: ignore[arg-type]
    return found


@contextmanager
def kept_for(codes: list[str], *, new: bool = False) -> Iterator[None]:
    """Around a write of the dossiers with these codes, inside its transaction: the groups they were
    counted in before (none when ``new``: the batch only creates dossiers) and after are recomputed."""
    before = set() if new else groups_of(codes)
    yield
    refresh(before | groups_of(codes))
