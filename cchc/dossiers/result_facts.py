"""The dossier-results report's summary, kept in the write transaction (``ResultDailyFact``,
``ResultMonthlyFact``, ``ResultStretch``; ``cchc.reports.results_summary`` reads it).

What a dossier contributes is computed from its verdict on every day (``cchc.lib.dossier_timeline``:
the engine itself, judged on the days the verdict can change), with the calendar of its handling
unit's area:

- received on its day of receipt, by channel (2 online, 3 public postal service, any other in person);
- each stretch of days open within time or overdue: +1 on its first day, −1 on the day it stops;
- a finished verdict that holds from the day of the end onwards: finished on that day;
- any other finished stretch (a wait for a supplement counted as an end, a verdict changed later, an
  end before the day of receipt) is kept as it is in ``ResultStretch``.

Every write subtracts the contribution of the dossiers it touches as they were, and adds it as they
are (``kept_for``, ``add_new``), with the very function ``rebuild`` runs on the whole ledger, so the
summary and a rebuild cannot disagree but by a bug (the tests compare them after writes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import polars as pl
from django.db import connection, connections, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from cchc.dossiers.engine_values import legal_limit, naive_local
from cchc.dossiers.models import Dossier, ResultDailyFact, ResultMonthlyFact, ResultStretch, Supplement
from cchc.lib import dossier_timeline as tl
from cchc.lib import outcomes as eng
from cchc.lib.workcal import WorkCalendar

FACT_COLUMNS: Final = (
    "received_direct",
    "received_online",
    "received_postal",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "open_within_delta",
    "open_overdue_delta",
)
STRETCH_KEYS: Final = (
    "unit_id",
    "procedure_id",
    "state",
    "end_day",
    "start_day",
    "stop_day",
    "received_day",
    "channel",
)
NEVER: Final = dt.date(9999, 12, 31)
BATCH: Final = 50_000
CODES: Final = 5_000
_FINISHED_SLOT: Final = {tl.EARLY: 3, tl.ON_TIME: 4, tl.LATE: 5}
_OPEN_SLOT: Final = {tl.WITHIN: 6, tl.OVERDUE: 7}
_FIELDS: Final = (
    "pk",
    "code",
    "status",
    "received_at",
    "appointment_at",
    "end_at",
    "channel",
    "handling_unit_id",
    "procedure_id",
    "handling_unit__jurisdiction_id",
    "procedure__limit_value",
    "procedure__limit_unit",
)


def channel_class(channel: int | None) -> int:
    """The report's channels (``dossier_period.classify``): 2 online, 3 postal, anything else in person."""
    return channel if channel in (2, 3) else 1


def _among(qs: QuerySet[Any], field: str, values: Sequence[Any], sql_type: str) -> QuerySet[Any]:
    """``qs`` filtered by ``field__in=values``; on PostgreSQL as one array parameter, because the
    driver's client-side conversion of tens of thousands of placeholders took half of this module's
    time (about 50 µs per value)."""
    if connection.vendor == "postgresql":
        return qs.filter(**{f"{field}__in": RawSQL(f"SELECT unnest(%s::{sql_type}[])", [list(values)])})
    return qs.filter(**{f"{field}__in": values})


def _raw(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


@dataclass
class _Read:
    dossiers: list[eng.Dossier]
    unit: list[int]
    procedure: list[int]
    channel: list[int]
    area: list[int | None]


def _read(qs: QuerySet[Dossier]) -> _Read:
    """The dossiers as the engine's input, as ``reports.dossier_results.load`` reads them (a row the
    engine refuses is left out of every count there, so here too)."""
    rows = _raw(qs.order_by().values_list(*_FIELDS))
    ids = [r[0] for r in rows]
    sups: dict[int, list[eng.Supplement]] = {}
    for i in range(0, len(ids), CODES):
        for owner, requested, completed in _raw(
            _among(Supplement.objects.all(), "dossier_id", ids[i : i + CODES], "bigint")
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", "requested_at", "completed_at")
        ):
            req = naive_local(requested)
            assert req is not None
            sups.setdefault(owner, []).append(eng.Supplement(req, naive_local(completed)))
    out = _Read([], [], [], [], [])
    for pk, code, status, received, appointment, end, channel, unit, proc, area, lv, lu in rows:
        if unit is None or proc is None:
            continue
        try:
            d = eng.Dossier(
                code=code,
                procedure_code="",
                status=status,
                received_at=naive_local(received),
                appointment_at=naive_local(appointment),
                ended_at=naive_local(end),
                supplements=tuple(sups.get(pk, ())),
                legal_limit=legal_limit(lv, lu),
            )
        except ValueError:
            continue
        out.dossiers.append(d)
        out.unit.append(unit)
        out.procedure.append(proc)
        out.channel.append(channel_class(channel))
        out.area.append(area)
    return out


def _calendar(area: int | None) -> WorkCalendar:
    from cchc.dossiers.judging import calendar_for
    from cchc.org.models import Jurisdiction

    return calendar_for(Jurisdiction.objects.filter(pk=area).first() if area is not None else None)


@dataclass
class Contribution:
    """Summed contributions: ``days`` (unit_id, procedure_id, day, ``FACT_COLUMNS``) and ``stretches``
    (``STRETCH_KEYS``, n)."""

    days: pl.DataFrame
    stretches: pl.DataFrame

    def months(self) -> pl.DataFrame:
        return _sum(self.days.with_columns(pl.col("day").dt.truncate("1mo")), "day").rename({"day": "month"})

    def scaled(self, sign: int) -> Contribution:
        return Contribution(
            self.days.with_columns([pl.col(c) * sign for c in FACT_COLUMNS]),
            self.stretches.with_columns(pl.col("n") * sign),
        )


_DAY_SCHEMA: Final = {"unit_id": pl.Int64, "procedure_id": pl.Int64, "day": pl.Date} | {
    c: pl.Int64 for c in FACT_COLUMNS
}
_STRETCH_SCHEMA: Final = {
    "unit_id": pl.Int64,
    "procedure_id": pl.Int64,
    "state": pl.Int64,
    "end_day": pl.Date,
    "start_day": pl.Date,
    "stop_day": pl.Date,
    "received_day": pl.Date,
    "channel": pl.Int64,
    "n": pl.Int64,
}


def _sum(frame: pl.DataFrame, day: str = "day") -> pl.DataFrame:
    keys = ["unit_id", "procedure_id", day]
    out = frame.group_by(keys).agg([pl.col(c).sum() for c in FACT_COLUMNS])
    return out.filter(pl.any_horizontal([pl.col(c) != 0 for c in FACT_COLUMNS])).sort(keys)


def _sum_stretches(frame: pl.DataFrame) -> pl.DataFrame:
    out = frame.group_by(list(STRETCH_KEYS)).agg(pl.col("n").sum())
    return out.filter(pl.col("n") != 0).sort(list(STRETCH_KEYS))


def empty() -> Contribution:
    return Contribution(pl.DataFrame(schema=_DAY_SCHEMA), pl.DataFrame(schema=_STRETCH_SCHEMA))


def combine(parts: Sequence[Contribution]) -> Contribution:
    parts = [p for p in parts if p.days.height or p.stretches.height]
    if not parts:
        return empty()
    return Contribution(
        _sum(pl.concat([p.days for p in parts])),
        _sum_stretches(pl.concat([p.stretches for p in parts])),
    )


def of_batch(read: _Read) -> Contribution:
    """What these dossiers contribute (module docstring), summed."""
    parts: list[Contribution] = []
    areas = np.array([-1 if a is None else a for a in read.area], dtype=np.int64)
    for area in np.unique(areas).tolist():
        rows = np.flatnonzero(areas == area)
        cal = _calendar(None if area == -1 else area)
        parts.append(_of_rows(read, rows, cal))
    return combine(parts)


def _of_rows(read: _Read, rows: np.ndarray[Any, Any], cal: WorkCalendar) -> Contribution:
    dossiers = [read.dossiers[i] for i in rows.tolist()]
    unit = np.array(read.unit, dtype=np.int64)[rows]
    proc = np.array(read.procedure, dtype=np.int64)[rows]
    chan = np.array(read.channel, dtype=np.int64)[rows]
    s = tl.timeline(dossiers, cal)
    received = np.array(
        [np.datetime64(d.received_at.date() if d.received_at else "NaT", "D") for d in dossiers],
        dtype="datetime64[D]",
    )
    counted = np.unique(s.owner)
    o = s.owner
    is_open = (s.state == tl.WITHIN) | (s.state == tl.OVERDUE)
    finished = ~is_open
    regular = finished & (s.start == s.end_day) & np.isnat(s.stop)
    irregular = finished & ~regular
    owners, days, slots, values = [], [], [], []

    def part(
        who: np.ndarray[Any, Any], day: np.ndarray[Any, Any], slot: np.ndarray[Any, Any], v: int
    ) -> None:
        owners.append(who)
        days.append(day)
        slots.append(slot)
        values.append(np.full(who.size, v, dtype=np.int64))

    part(counted, received[counted], chan[counted] - 1, 1)
    open_slot = np.where(s.state == tl.WITHIN, 6, 7)
    part(o[is_open], s.start[is_open], open_slot[is_open], 1)
    stops = is_open & ~np.isnat(s.stop)
    part(o[stops], s.stop[stops], open_slot[stops], -1)
    part(o[regular], s.end_day[regular], s.state[regular].astype(np.int64) + 3, 1)
    who = np.concatenate(owners)
    flat = pl.DataFrame(
        {
            "unit_id": unit[who],
            "procedure_id": proc[who],
            "day": np.concatenate(days).astype("datetime64[D]"),
            "slot": np.concatenate(slots).astype(np.int64),
            "value": np.concatenate(values),
        }
    ).with_columns(pl.col("day").cast(pl.Date))
    sums = [
        pl.when(pl.col("slot") == i).then(pl.col("value")).otherwise(0).sum().alias(c)
        for i, c in enumerate(FACT_COLUMNS)
    ]
    day_rows = flat.group_by("unit_id", "procedure_id", "day").agg(sums)
    io = o[irregular]
    stop = s.stop[irregular].copy()
    stop[np.isnat(stop)] = np.datetime64(NEVER, "D")
    stretches = pl.DataFrame(
        {
            "unit_id": unit[io],
            "procedure_id": proc[io],
            "state": s.state[irregular].astype(np.int64),
            "end_day": s.end_day[irregular],
            "start_day": s.start[irregular],
            "stop_day": stop,
            "received_day": received[io],
            "channel": chan[io],
            "n": np.ones(io.size, dtype=np.int64),
        }
    ).with_columns([pl.col(c).cast(pl.Date) for c in ("end_day", "start_day", "stop_day", "received_day")])
    return Contribution(_sum(day_rows), _sum_stretches(stretches))


def of_dossiers(qs: QuerySet[Dossier], batch: int = BATCH) -> Contribution:
    """The summed contribution of every dossier of ``qs``, ``batch`` at a time in id order."""
    parts: list[Contribution] = []
    last = 0
    qs = qs.order_by("pk")
    while True:
        ids = list(qs.filter(pk__gt=last).values_list("pk", flat=True)[:batch])
        if not ids:
            break
        last = ids[-1]
        parts.append(of_batch(_read(_among(Dossier.objects.all(), "pk", ids, "bigint"))))
        if len(parts) > 8:
            parts = [combine(parts)]
    return combine(parts)


def of_codes(codes: Sequence[str]) -> Contribution:
    """The summed contribution of the stored dossiers with these codes."""
    parts = []
    for i in range(0, len(codes), BATCH):
        chunk = list(codes[i : i + BATCH])
        ids: list[int] = []
        for j in range(0, len(chunk), CODES):
            found = _among(Dossier.objects.all(), "code", chunk[j : j + CODES], "text")
            ids += found.values_list("pk", flat=True)
        if ids:
            parts.append(of_batch(_read(_among(Dossier.objects.all(), "pk", ids, "bigint"))))
    return combine(parts)


# --- writing ------------------------------------------------------------------------------------------


def _upsert(table: str, keys: tuple[str, ...], values: tuple[str, ...], frame: pl.DataFrame) -> None:
    from cchc.dossiers import bulk

    if frame.height == 0:
        return
    bulk.additive_upsert(
        table, key_columns=keys, value_columns=values, rows=frame.select(*keys, *values).rows()
    )
    zero = " AND ".join(f"{c} = 0" for c in values)
    # The rows these keys touched that sum to nothing now (through the table's leading-date index).
    day = keys[2] if table != ResultStretch._meta.db_table else "stop_day"
    touched = sorted(set(frame[day].to_list()))
    with connection.cursor() as cur:
        for i in range(0, len(touched), 500):
            chunk = touched[i : i + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f"DELETE FROM {table} WHERE {day} IN ({marks}) AND {zero}", chunk)


def apply(c: Contribution) -> None:
    """Add a (signed) contribution to the three tables; inside the caller's transaction.

    Atomic of its own too: PostgreSQL's staging tables are dropped at commit, so a caller in autocommit
    (a live-server test's factories, a shell) would lose each one before its COPY."""
    unit_keys = ("unit_id", "procedure_id")
    with transaction.atomic():
        _upsert(ResultDailyFact._meta.db_table, (*unit_keys, "day"), FACT_COLUMNS, c.days)
        _upsert(ResultMonthlyFact._meta.db_table, (*unit_keys, "month"), FACT_COLUMNS, c.months())
        _upsert(ResultStretch._meta.db_table, STRETCH_KEYS, ("n",), c.stretches)


def difference(before: Contribution, after: Contribution) -> Contribution:
    return combine([before.scaled(-1), after])


@contextmanager
def kept_for(codes: Sequence[str], *, new: bool = False) -> Iterator[None]:
    """Around a write of the dossiers with these codes, inside its transaction: their contribution as
    they were is taken away and as they are is added (``new``: none of them is stored yet)."""
    before = empty() if new else of_codes(codes)
    yield
    apply(difference(before, of_codes(codes)))


def add_new(codes: Sequence[str]) -> None:
    """After new dossiers are written (in the transaction): add what they contribute."""
    apply(of_codes(codes))


def rebuild(progress: Callable[[int], Any] | None = None) -> dict[str, int]:
    """Replace the three tables by a fresh computation from the whole ledger (one transaction)."""
    from cchc.dossiers import bulk

    c = of_dossiers(Dossier.objects.all())
    months = c.months()
    with transaction.atomic():
        for model in (ResultDailyFact, ResultMonthlyFact, ResultStretch):
            model.objects.all().delete()
        bulk.insert_frame(ResultDailyFact._meta.db_table, c.days)
        bulk.insert_frame(ResultMonthlyFact._meta.db_table, months)
        bulk.insert_frame(ResultStretch._meta.db_table, c.stretches)
    if progress is not None:
        progress(c.days.height)
    return {
        "result_rows": c.days.height,
        "result_months": months.height,
        "result_stretches": c.stretches.height,
    }


def snapshot() -> dict[str, set[tuple[Any, ...]]]:
    """The three tables' non-zero rows; what the writes-equal-a-rebuild tests compare."""
    return {
        "days": set(ResultDailyFact.objects.values_list("unit_id", "procedure_id", "day", *FACT_COLUMNS)),
        "months": set(
            ResultMonthlyFact.objects.values_list("unit_id", "procedure_id", "month", *FACT_COLUMNS)
        ),
        "stretches": set(ResultStretch.objects.exclude(n=0).values_list(*STRETCH_KEYS, "n")),
    }
