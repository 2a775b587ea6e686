"""Per-official daily facts: what the officials' ranking reads instead of every step of the period.

A finished dossier (early, on time or late, with an end instant) contributes, for every official who
handled one of its steps, one finished dossier and, when it is late and a stored ``step_overrun`` cause
blames that official (by account id, ``blame.blames``), one late dossier — the attribution ``rankings``
uses. The row is keyed by the local day the dossier ended (what ``rankings.finished_between`` filters
on), its handling and receiving units (what ``queries.dossiers_for`` scopes on) and the official: the
account when the step has one, else the step's name with spaces and case folded. ``first_step`` is the
official's earliest step among those dossiers, where the ranking takes a row's name and unit from.

A row is the sum of its dossiers' contributions (``_CONTRIBUTIONS``: per dossier and official, one
finished, one late when blamed, the earliest step), so a write moves the rows by differences, in its
transaction: the contributions of the dossiers it changes are taken before (``remember``) and after
(``settle``), identical ones cancel, and the rows get the new ones minus the old ones — the cost follows
the changed dossiers, not the dossiers of the (unit, day) groups they fall in (at 5,000,000 stored the
groups' recomputation read 4.8 million dossiers for 200,000 changes, docs/benchmarks.md). Only the
earliest step cannot be subtracted: a row whose earliest step left with an old contribution (a dossier
moved out of it, or its steps were written again with new ids) has its (handling unit, day) group
recomputed from the ledger (``refresh``). ``rebuild`` sums the same contributions for everything;
``tests/test_official_facts_equal_the_ledger_reading.py`` holds the rows to the reading from the steps,
``tests/test_official_facts_moved_by_an_import_equal_a_rebuild.py`` the moved rows to a rebuild.

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


# One definition of every figure: each finished dossier's contribution per official (one row per
# dossier and official: whether a cause blames them, their earliest step in it), from ``of_dossiers``,
# ``of_causes`` and ``of_names``. A fact row is the sum of its contributions (``_compute``); an import
# of changes moves the rows by the changed dossiers' new contributions minus their old ones (``settle``).
_CONTRIBUTIONS = f"""
    WITH who AS (
        SELECT d.id AS dossier_id, d.day, d.unit, d.recv, s.id AS step_id, s.official_id,
               coalesce(k.name_key, '') AS name_key
        FROM of_dossiers d JOIN {DossierStep._meta.db_table} s ON s.dossier_id = d.id
        LEFT JOIN of_names k ON s.official_id IS NULL AND k.raw = s.official_name
        WHERE s.official_id IS NOT NULL OR k.name_key IS NOT NULL
    ), blamed AS (
        SELECT DISTINCT c.dossier_id, coalesce(c.official_id, -1) AS official_id,
               coalesce(k.name_key, '') AS name_key
        FROM of_causes c LEFT JOIN of_names k ON c.official_id IS NULL AND k.raw = c.raw
        WHERE c.official_id IS NOT NULL OR k.name_key IS NOT NULL
    ), contrib AS (
        SELECT w.dossier_id, w.day, w.unit, w.recv, w.official_id, w.name_key,
               max(CASE WHEN b.dossier_id IS NULL THEN 0 ELSE 1 END) AS late, min(w.step_id) AS first_step
        FROM who w LEFT JOIN blamed b
          ON b.dossier_id = w.dossier_id AND b.official_id = coalesce(w.official_id, -1)
         AND b.name_key = w.name_key
        GROUP BY w.dossier_id, w.day, w.unit, w.recv, w.official_id, w.name_key
    )"""


def _contribute(cur: Any) -> None:
    """The blaming causes and the folded names of the dossiers in ``of_dossiers``, for ``_CONTRIBUTIONS``."""
    pg = connection.vendor == "postgresql"
    step = DossierStep._meta.db_table
    oid_type = "numeric" if pg else "real"
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


def _dossiers_table(cur: Any) -> None:
    late_type = "jsonb" if connection.vendor == "postgresql" else "text"
    cur.execute(
        f"CREATE TEMP TABLE of_dossiers (id bigint, day {_DATE}, unit bigint, recv bigint, "
        f"outcome varchar(20), late_causes {late_type})"
    )


def _compute(cur: Any, days: Iterable[dt.date], groups: set[Group] | None) -> int:
    """Write the rows of the finished dossiers that ended on these days (in these groups when given):
    the temporary tables, the names folded in Python, one ``INSERT … SELECT``. Returns rows written."""
    pg = connection.vendor == "postgresql"
    dossier = Dossier._meta.db_table
    table = OfficialDailyFact._meta.db_table
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
    _dossiers_table(cur)
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
    _contribute(cur)
    cur.execute(
        f"""INSERT INTO {table} ({", ".join(ROW_COLUMNS)})
            {_CONTRIBUTIONS}
            SELECT day, unit, recv, official_id, name_key, count(*), sum(late), min(first_step)
            FROM contrib GROUP BY day, unit, recv, official_id, name_key ORDER BY day, unit"""
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


# By differences: the contributions of the dossiers a write changes, taken before it (``remember``)
# and after it (``settle``), in temporary tables that live until ``settle`` inside the write's
# transaction. Their keys are (dossier, day, handling unit, receiving unit, official, name).
MOVED = ("od_ids", "od_before", "od_after", "od_net", "od_rows")
_CONTRIB_COLUMNS = "dossier_id, day, unit, recv, official_id, name_key, late, first_step"
_KEY = "day, unit, recv, official_id, name_key"


def _moved_tables(cur: Any) -> None:
    cur.execute("CREATE TEMP TABLE IF NOT EXISTS od_ids (id bigint)")
    for name in ("od_before", "od_after"):
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {name} (dossier_id bigint, day {_DATE}, unit bigint, "
            "recv bigint, official_id bigint, name_key text, late integer, first_step bigint)"
        )


def _contributions_of(cur: Any, ids: list[int], into: str) -> None:
    """The contributions of the finished dossiers among these ids, as stored now, added to ``into``."""
    pg = connection.vendor == "postgresql"
    dossier = Dossier._meta.db_table
    _drop_temp(cur)
    _dossiers_table(cur)
    finished = [str(o) for o in FINISHED]
    if pg:
        # The local day computed by PostgreSQL in the zone of ``facts.local_day`` (as ``_compute``).
        cur.execute(
            f"""INSERT INTO of_dossiers
                SELECT d.id, (d.end_at AT TIME ZONE %s)::date, d.handling_unit_id, d.receiving_unit_id,
                       d.outcome, d.late_causes
                FROM {dossier} d WHERE d.id = ANY(%s) AND d.outcome IN (%s, %s, %s)
                  AND d.end_at IS NOT NULL""",
            [LOCAL_TZ.key, ids, *finished],
        )
    else:
        # SQLite has no time zones: the days from ``facts.local_day`` in Python, joined back.
        cur.execute(f"CREATE TEMP TABLE of_days (id bigint, day {_DATE})")
        for i in range(0, len(ids), CHUNK):
            rows = _finished(Dossier.objects.filter(pk__in=ids[i : i + CHUNK])).values_list("pk", "end_at")
            _fill(
                cur,
                "of_days",
                ("bigint", "date"),
                [(pk, connection.ops.adapt_datefield_value(local_day(end))) for pk, end in rows],
            )
        cur.execute(
            f"""INSERT INTO of_dossiers
                SELECT d.id, y.day, d.handling_unit_id, d.receiving_unit_id, d.outcome, d.late_causes
                FROM of_days y JOIN {dossier} d ON d.id = y.id"""
        )
    _contribute(cur)
    cur.execute(
        f"INSERT INTO {into} ({_CONTRIB_COLUMNS}) {_CONTRIBUTIONS} SELECT {_CONTRIB_COLUMNS} FROM contrib"
    )
    _drop_temp(cur)


def remember(ids: Iterable[int]) -> None:
    """Before a write changes these stored dossiers, inside its transaction: their contributions as
    they are, for ``settle`` to take out. May be called several times before one ``settle``."""
    wanted = sorted({int(i) for i in ids})
    with transaction.atomic(), connection.cursor() as cur:
        _moved_tables(cur)
        if not wanted:
            return
        _fill(cur, "od_ids", ("bigint",), [(i,) for i in wanted])
        _contributions_of(cur, wanted, "od_before")


def settle(created: Iterable[int] = ()) -> int:
    """After the write, in its transaction: the per-official facts moved by the new contributions of
    the remembered dossiers and of the ``created`` ones minus their old contributions. A row whose
    earliest step left with an old contribution (a rewritten dossier's steps get new ids; a dossier
    left the row) cannot be moved: its (handling unit, day) group is recomputed (``refresh``). Returns
    the rows touched."""
    table = OfficialDailyFact._meta.db_table
    pg = connection.vendor == "postgresql"
    with transaction.atomic(), connection.cursor() as cur:
        _moved_tables(cur)
        _fill(cur, "od_ids", ("bigint",), [(int(i),) for i in created])
        cur.execute("SELECT DISTINCT id FROM od_ids")
        ids = sorted(i for (i,) in cur.fetchall())
        if ids:
            _contributions_of(cur, ids, "od_after")
        # Summed per row: an identical old and new contribution (a summary or a supplement changed)
        # cancels in the counts and brings the same earliest step in as out, so a row whose sums are
        # nought and whose earliest steps in and out are the same is left as it is (no row's earliest
        # step can be earlier than one of its own contributions). Grouping in memory, with no set
        # difference of the two tables first: at 200,000 changes the ``EXCEPT``s sorted on disk.
        cur.execute(
            f"""CREATE TEMP TABLE od_net AS
                SELECT {_KEY}, sum(n) AS finished, sum(l) AS late,
                       min(CASE WHEN n > 0 THEN first_step END) AS added,
                       min(CASE WHEN n < 0 THEN first_step END) AS removed
                FROM (
                    SELECT {_KEY}, 1 AS n, late AS l, first_step FROM od_after
                    UNION ALL
                    SELECT {_KEY}, -1 AS n, -late AS l, first_step FROM od_before
                ) x
                GROUP BY {_KEY}
                HAVING sum(n) <> 0 OR sum(l) <> 0
                    OR coalesce(min(CASE WHEN n > 0 THEN first_step END), -1)
                       <> coalesce(min(CASE WHEN n < 0 THEN first_step END), -1)"""
        )
        if pg:
            cur.execute("ANALYZE od_net")
        cur.execute(
            f"""CREATE TEMP TABLE od_rows AS
                SELECT n.*, f.id AS fact_id, f.first_step AS first, f.finished AS had
                FROM od_net n LEFT JOIN {table} f
                  ON f.day = n.day AND f.handling_unit_id = n.unit
                 AND coalesce(f.receiving_unit_id, -1) = coalesce(n.recv, -1)
                 AND coalesce(f.official_id, -1) = coalesce(n.official_id, -1) AND f.name_key = n.name_key"""
        )
        # The rows whose earliest step was an old contribution's and no new one is as early.
        cur.execute(
            """SELECT DISTINCT unit, day FROM od_rows
               WHERE fact_id IS NOT NULL AND removed = first AND (added IS NULL OR added > removed)
                 AND had + finished > 0"""
        )
        lost = {(unit, _as_date(day)) for unit, day in cur.fetchall()}
        cur.execute(
            f"""UPDATE {table} SET finished = {table}.finished + r.finished, late = {table}.late + r.late,
                       first_step = CASE WHEN r.added < {table}.first_step THEN r.added
                                         ELSE {table}.first_step END
                FROM od_rows r WHERE {table}.id = r.fact_id"""
        )
        touched = cur.rowcount
        cur.execute(
            f"""DELETE FROM {table} WHERE finished = 0
                AND id IN (SELECT fact_id FROM od_rows WHERE fact_id IS NOT NULL)"""
        )
        cur.execute(
            f"""INSERT INTO {table} ({", ".join(ROW_COLUMNS)})
                SELECT {_KEY}, finished, late, added FROM od_rows
                WHERE fact_id IS NULL AND finished > 0"""
        )
        touched += cur.rowcount
        for name in MOVED:
            cur.execute(f"DROP TABLE IF EXISTS {name}")
    return touched + refresh(lost)


def _as_date(day: Any) -> dt.date:
    return day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))


def ids_of(codes: list[str]) -> list[int]:
    """The stored dossiers' ids for these codes (those stored)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"SELECT id FROM {Dossier._meta.db_table} WHERE code = ANY(%s)", [list(codes)])
            return [i for (i,) in cur.fetchall()]
    found: list[int] = []
    for i in range(0, len(codes), CHUNK):
        found.extend(Dossier.objects.filter(code__in=codes[i : i + CHUNK]).values_list("pk", flat=True))
    return found


@contextmanager
def kept_for(codes: list[str], *, new: bool = False) -> Iterator[None]:
    """Around a write of the dossiers with these codes, inside its transaction: the per-official facts
    moved by their contributions after minus before (none before when ``new``: the batch only creates
    dossiers)."""
    remember([] if new else ids_of(codes))
    yield
    settle(ids_of(codes))
