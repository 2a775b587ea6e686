"""Daily facts: what one dossier contributes to ``DailyFact``, and the rebuild from the ledger.

The contribution of a dossier is a pure function of five stored things: its handling unit and
procedure, the local day it was received, its channel, its outcome with the day that outcome was
reached (``Dossier.finished_on``) and the day of its effective appointment. Every write subtracts the
old contribution and adds the new one (``actions``), and ``rebuild`` recomputes all of them from the
ledger with the very same function, so the incremental path and a rebuild cannot disagree except by a
bug, which the tests look for.

Open dossiers (docs/rules/dossier-deadlines.md, PRACTICE: "in progress, within time: NgayHenTra ≥ report end
date; overdue: NgayHenTra < report end date"): a dossier received on day R, with effective appointment on day
A and finished on day E (or never), is open *within time* at the end of every day D with R ≤ D ≤ A and
D < E, and open *overdue* at the end of every day with A < D < E. Those two intervals become at most four
difference counts (+1 where an interval starts, −1 where it stops), so "open as of day D" is the sum of
the deltas of all days ≤ D. A dossier without any appointment stays within time while open.

``UnitDailyFact`` is the same counts summed over procedures (unit × day). It is written only here: by
``apply_deltas`` with the same deltas rolled up, in the same transaction, and by ``rebuild`` (or
``roll_up_units``) as one grouped copy of ``DailyFact``. Reads without a procedure filter use it: a year
at five million dossiers is ~60,000 unit rows instead of ~1.45 million.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from django.db import connection, transaction

from cchc.dossiers.models import DailyFact, Dossier, Outcome, Supplement, UnitDailyFact
from cchc.dossiers.records import LOCAL_TZ
from cchc.lib.outcomes import NOT_RECEIVED

if TYPE_CHECKING:  # polars is loaded by the columnar import that calls these, not at start-up
    import polars as pl

ONE_DAY = dt.timedelta(days=1)
FACT_COLUMNS = (
    "received",
    "received_online",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "open_within_delta",
    "open_overdue_delta",
)
RECEIVED, ONLINE, EARLY, ON_TIME, LATE, WITHIN, OVERDUE = range(7)
FINISHED_SLOT = {Outcome.EARLY.value: EARLY, Outcome.ON_TIME.value: ON_TIME, Outcome.LATE.value: LATE}

FactKey = tuple[int, int, dt.date]  # (unit_id, procedure_id, day)
FactDeltas = dict[FactKey, list[int]]
UnitKey = tuple[int, dt.date]  # (unit_id, day)
UnitDeltas = dict[UnitKey, list[int]]


class FactState(NamedTuple):
    """What a dossier's contribution depends on, with days as local dates.

    ``overdue_from`` is the first day an open dossier counts as overdue: the day after its effective
    appointment, or the day of a second supplement request if earlier (docs/rules/dossier-deadlines.md: "more
    than one supplement request ⇒ late"); None when it has neither.
    """

    unit_id: int
    procedure_id: int
    status: int
    online: bool
    received_day: dt.date | None
    outcome: str
    finished_day: dt.date | None
    overdue_from: dt.date | None


def local_day(value: dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        return value.astimezone(LOCAL_TZ).date()
    return value.date()


def make_state(
    unit_id: int,
    procedure_id: int,
    status: int,
    channel: int,
    received_at: dt.datetime | None,
    outcome: str,
    finished_on: dt.date | None,
    effective_appointment_at: dt.datetime | None,
    second_request_at: dt.datetime | None,
) -> FactState:
    appointment = local_day(effective_appointment_at)
    overdue_from = appointment + ONE_DAY if appointment is not None else None
    second = local_day(second_request_at)
    if second is not None and (overdue_from is None or second < overdue_from):
        overdue_from = second
    return FactState(
        unit_id,
        procedure_id,
        status,
        channel == 2,
        local_day(received_at),
        outcome,
        finished_on,
        overdue_from,
    )


def _bump(out: FactDeltas, key: FactKey, slot: int, by: int) -> None:
    row = out.get(key)
    if row is None:
        row = out[key] = [0, 0, 0, 0, 0, 0, 0]
    row[slot] += by


def contribute(out: FactDeltas, s: FactState | None, sign: int = 1) -> None:
    """Add ``sign`` × the contribution of state ``s`` to ``out``."""
    if s is None or s.received_day is None or s.status in NOT_RECEIVED or s.outcome == Outcome.EXCLUDED:
        return
    unit, proc, r = s.unit_id, s.procedure_id, s.received_day
    _bump(out, (unit, proc, r), RECEIVED, sign)
    if s.online:
        _bump(out, (unit, proc, r), ONLINE, sign)
    end: dt.date | None = None
    slot = FINISHED_SLOT.get(s.outcome)
    if slot is not None and s.finished_day is not None:
        end = max(s.finished_day, r)
        _bump(out, (unit, proc, end), slot, sign)
    od = s.overdue_from
    # within time on [r, within_stop), overdue on [overdue_start, end)
    within_stop = end if od is None else (min(od, end) if end is not None else od)
    if within_stop is None or within_stop > r:
        _bump(out, (unit, proc, r), WITHIN, sign)
        if within_stop is not None:
            _bump(out, (unit, proc, within_stop), WITHIN, -sign)
    if od is not None:
        overdue_start = max(od, r)
        if end is None or end > overdue_start:
            _bump(out, (unit, proc, overdue_start), OVERDUE, sign)
            if end is not None:
                _bump(out, (unit, proc, end), OVERDUE, -sign)


def prune(deltas: FactDeltas) -> FactDeltas:
    return {k: v for k, v in deltas.items() if any(v)}


def by_unit(deltas: FactDeltas) -> UnitDeltas:
    """The deltas summed over procedures, per (unit, day); keys whose sum is all zero are dropped
    (a dossier moved between two procedures of one unit leaves the unit's counts unchanged)."""
    out: UnitDeltas = {}
    for (unit, _procedure, day), values in deltas.items():
        row = out.get((unit, day))
        if row is None:
            out[(unit, day)] = list(values)
        else:
            for i, v in enumerate(values):
                row[i] += v
    return {k: v for k, v in out.items() if any(v)}


def contribute_columns(
    unit_id: np.ndarray[Any, Any],
    procedure_id: np.ndarray[Any, Any],
    status: np.ndarray[Any, Any],
    online: np.ndarray[Any, Any],
    received_day: np.ndarray[Any, Any],
    outcome: np.ndarray[Any, Any],
    finished_day: np.ndarray[Any, Any],
    overdue_from: np.ndarray[Any, Any],
) -> pl.DataFrame:
    """``contribute`` for whole columns of new dossiers (the fast import path): the same rules, as
    array operations. Days are ``datetime64[D]`` (NaT for none); ``outcome`` holds the stored strings.
    Returns the summed deltas: unit_id, procedure_id, day and the seven ``FACT_COLUMNS``, zero rows
    dropped. ``tests/test_facts_columns_equal_contribute.py`` checks it against ``contribute``."""
    import polars as pl

    nat = np.isnat
    counted = (
        ~nat(received_day) & ~np.isin(status, sorted(NOT_RECEIVED)) & (outcome != Outcome.EXCLUDED.value)
    )
    slot = np.full(len(outcome), -1, dtype=np.int64)
    for kind, s in FINISHED_SLOT.items():
        slot[outcome == kind] = s
    r = received_day
    has_end = counted & (slot >= 0) & ~nat(finished_day)
    end = np.where(has_end, np.maximum(finished_day, r), np.datetime64("NaT", "D"))
    od = overdue_from
    no_end, no_od = nat(end), nat(od)
    within_stop = np.where(no_od, end, np.where(no_end, od, np.minimum(od, end)))
    within = counted & (nat(within_stop) | (within_stop > r))
    overdue_start = np.maximum(od, r)
    overdue = counted & ~no_od & (no_end | (end > overdue_start))
    parts = [
        (counted, r, RECEIVED, 1),
        (counted & online, r, ONLINE, 1),
        (within, r, WITHIN, 1),
        (within & ~nat(within_stop), within_stop, WITHIN, -1),
        (overdue, overdue_start, OVERDUE, 1),
        (overdue & ~no_end, end, OVERDUE, -1),
    ]
    for s_code in sorted(set(FINISHED_SLOT.values())):
        parts.append((has_end & (slot == s_code), end, s_code, 1))
    units, procs, days, slots, values = [], [], [], [], []
    for mask, day, s_code, value in parts:
        units.append(unit_id[mask])
        procs.append(procedure_id[mask])
        days.append(day[mask])
        slots.append(np.full(int(mask.sum()), s_code, dtype=np.int8))
        values.append(np.full(int(mask.sum()), value, dtype=np.int64))
    flat = pl.DataFrame(
        {
            "unit_id": np.concatenate(units).astype(np.int64),
            "procedure_id": np.concatenate(procs).astype(np.int64),
            "day": np.concatenate(days).astype("datetime64[D]"),
            "slot": np.concatenate(slots),
            "value": np.concatenate(values),
        }
    ).with_columns(pl.col("day").cast(pl.Date))
    sums = [
        pl.when(pl.col("slot") == i).then(pl.col("value")).otherwise(0).sum().alias(c)
        for i, c in enumerate(FACT_COLUMNS)
    ]
    grouped = flat.group_by("unit_id", "procedure_id", "day").agg(sums)
    return _non_zero(grouped).sort("unit_id", "procedure_id", "day")


def _non_zero(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    return frame.filter(pl.any_horizontal([pl.col(c) != 0 for c in FACT_COLUMNS]))


def summed(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """Several frames of ``contribute_columns`` deltas (a sliced import's slices) as one: summed per
    (unit, procedure, day), zero rows dropped. Written once (``apply_columns``) instead of per slice,
    whose later slices fall on the days an earlier one wrote and so were merged through a staging
    table (14.5 s more server CPU at a million rows, docs/benchmarks.md)."""
    import polars as pl

    frames = [f for f in frames if f.height]
    if not frames:
        return pl.DataFrame(schema={"unit_id": pl.Int64, "procedure_id": pl.Int64, "day": pl.Date})
    if len(frames) == 1:
        return frames[0]
    keys = ["unit_id", "procedure_id", "day"]
    both = (
        pl.concat(frames, how="vertical_relaxed").group_by(keys).agg([pl.col(c).sum() for c in FACT_COLUMNS])
    )
    return _non_zero(both).sort(keys)


def apply_columns(fact_rows: pl.DataFrame) -> int:
    """``apply_deltas`` for the frame ``contribute_columns`` returns (same tables, same transaction
    rule, same roll-up to UnitDailyFact)."""
    import polars as pl

    from cchc.dossiers import bulk

    if fact_rows.height == 0:
        return 0
    units = _non_zero(fact_rows.group_by("unit_id", "day").agg([pl.col(c).sum() for c in FACT_COLUMNS])).sort(
        "unit_id", "day"
    )
    if not _overlaps(fact_rows):
        # Nothing stored yet for these units and days (a first import of a period): the summed rows
        # are the table's rows, so they are written as they are instead of staged and merged.
        bulk.insert_frame(DailyFact._meta.db_table, fact_rows)
        bulk.insert_frame(UnitDailyFact._meta.db_table, units)
        return fact_rows.height
    _add_rows(DailyFact._meta.db_table, ("unit_id", "procedure_id", "day"), fact_rows.rows())
    if units.height:
        _add_rows(UnitDailyFact._meta.db_table, ("unit_id", "day"), units.rows())
    return fact_rows.height


def _overlaps(fact_rows: pl.DataFrame) -> bool:
    """Whether DailyFact has a row for any of these units within the rows' span of days (the (day, unit)
    index answers; UnitDailyFact only has rows where DailyFact does)."""
    unit_ids = fact_rows["unit_id"].unique().to_list()
    first: Any = fact_rows["day"].min()
    last: Any = fact_rows["day"].max()
    marks = ", ".join(["%s"] * len(unit_ids))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT 1 FROM {DailyFact._meta.db_table} WHERE day BETWEEN %s AND %s "
            f"AND unit_id IN ({marks}) LIMIT 1",
            [first, last, *unit_ids],
        )
        return cur.fetchone() is not None


# --- applying deltas ----------------------------------------------------------------------------------


def _add_rows(table: str, key_columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """One set-based additive upsert, then drop the rows of the touched days that became all zero."""
    from cchc.dossiers import bulk

    bulk.additive_upsert(table, key_columns=key_columns, value_columns=FACT_COLUMNS, rows=rows)
    day_at = key_columns.index("day")
    days = sorted({r[day_at] for r in rows})
    zero = " AND ".join(f"{c} = 0" for c in FACT_COLUMNS)
    with connection.cursor() as cur:
        for i in range(0, len(days), 500):
            chunk = days[i : i + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f"DELETE FROM {table} WHERE day IN ({marks}) AND {zero}", chunk)


def apply_deltas(deltas: FactDeltas) -> int:
    """Add the deltas to DailyFact and, summed over procedures, to UnitDailyFact (one set-based upsert
    each), then drop rows that became all zero.

    Must run inside the caller's transaction, so both tables change together or not at all. Returns the
    number of DailyFact keys touched.
    """
    deltas = prune(deltas)
    if not deltas:
        return 0
    _add_rows(
        DailyFact._meta.db_table,
        ("unit_id", "procedure_id", "day"),
        [(k[0], k[1], k[2], *v) for k, v in deltas.items()],
    )
    units = by_unit(deltas)
    if units:
        # In key order, so two writers touching the same unit-days lock them in the same order: the
        # roll-up has 25× fewer keys than DailyFact, so concurrent pushes meet on it more often.
        _add_rows(
            UnitDailyFact._meta.db_table,
            ("unit_id", "day"),
            [(k[0], k[1], *v) for k, v in sorted(units.items())],
        )
    return len(deltas)


# --- rebuild ------------------------------------------------------------------------------------------


def second_requests(dossier_ids: Iterable[int] | None = None) -> dict[int, dt.datetime]:
    """Dossier id → instant of its second supplement request, for dossiers that have one."""
    qs = Supplement.objects.order_by("dossier_id", "seq").values_list("dossier_id", "requested_at")
    if dossier_ids is not None:
        qs = qs.filter(dossier_id__in=list(dossier_ids))
    out: dict[int, dt.datetime] = {}
    last, n = None, 0
    for dossier_id, requested in qs.iterator(chunk_size=20000):
        n = n + 1 if dossier_id == last else 1
        last = dossier_id
        if n == 2:
            out[dossier_id] = requested
    return out


def iter_states(chunk: int = 20000) -> Iterable[FactState]:
    seconds = second_requests()
    qs = Dossier.objects.order_by().values_list(
        "id",
        "handling_unit_id",
        "procedure_id",
        "status",
        "channel",
        "received_at",
        "outcome",
        "finished_on",
        "effective_appointment_at",
    )
    for pk, unit, proc, status, channel, received, outcome, finished, appointment in qs.iterator(
        chunk_size=chunk
    ):
        yield make_state(
            unit, proc, status, channel, received, outcome, finished, appointment, seconds.get(pk)
        )


def compute_all(progress: Callable[[int], Any] | None = None) -> FactDeltas:
    out: FactDeltas = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
    for n, s in enumerate(iter_states(), start=1):
        contribute(out, s)
        if progress is not None and n % 50000 == 0:
            progress(n)
    return prune(dict(out))


def roll_up_units() -> int:
    """Replace every UnitDailyFact row by the sums of DailyFact over procedures (one grouped
    ``INSERT … SELECT``; all-zero sums are left out), atomically. Returns the number of unit rows
    written."""
    unit_table = UnitDailyFact._meta.db_table
    cols = ", ".join(FACT_COLUMNS)
    sums = ", ".join(f"SUM({c})" for c in FACT_COLUMNS)
    not_zero = " OR ".join(f"SUM({c}) <> 0" for c in FACT_COLUMNS)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"DELETE FROM {unit_table}")
        cur.execute(
            f"INSERT INTO {unit_table} (unit_id, day, {cols}) "
            f"SELECT unit_id, day, {sums} FROM {DailyFact._meta.db_table} "
            f"GROUP BY unit_id, day HAVING {not_zero}"
        )
        return int(cur.rowcount)


def rebuild(progress: Callable[[int], Any] | None = None) -> dict[str, int]:
    """Replace every DailyFact and UnitDailyFact row by a fresh computation from the ledger (one
    transaction)."""
    from cchc.dossiers import bulk

    deltas = compute_all(progress)
    with transaction.atomic():
        DailyFact.objects.all().delete()
        rows = [(k[0], k[1], k[2], *v) for k, v in sorted(deltas.items())]
        bulk.insert_rows(DailyFact._meta.db_table, ("unit_id", "procedure_id", "day", *FACT_COLUMNS), rows)
        unit_rows = roll_up_units()
    return {"rows": len(deltas), "unit_rows": unit_rows, "dossiers": Dossier.objects.count()}


def snapshot() -> dict[FactKey, tuple[int, ...]]:
    """Every non-zero DailyFact row as {key: counts}; what the incremental-vs-rebuild test compares."""
    out: dict[FactKey, tuple[int, ...]] = {}
    for row in DailyFact.objects.values_list("unit_id", "procedure_id", "day", *FACT_COLUMNS):
        counts = tuple(row[3:])
        if any(counts):
            out[(row[0], row[1], row[2])] = counts
    return out


def unit_snapshot() -> dict[UnitKey, tuple[int, ...]]:
    """Every non-zero UnitDailyFact row as {(unit, day): counts}."""
    out: dict[UnitKey, tuple[int, ...]] = {}
    for row in UnitDailyFact.objects.values_list("unit_id", "day", *FACT_COLUMNS):
        counts = tuple(row[2:])
        if any(counts):
            out[(row[0], row[1])] = counts
    return out


def units_of(facts: dict[FactKey, tuple[int, ...]]) -> dict[UnitKey, tuple[int, ...]]:
    """A ``snapshot()`` summed over procedures: what ``unit_snapshot()`` must equal."""
    return {k: tuple(v) for k, v in by_unit({k: list(v) for k, v in facts.items()}).items()}
