"""Daily facts: what one dossier contributes to ``DailyFact``, and the rebuild from the ledger.

The contribution of a dossier is a pure function of five stored things: its handling unit and
procedure, the local day it was received, its channel, its outcome with the day that outcome was
reached (``Dossier.finished_on``) and the day of its effective appointment. Every write subtracts the
old contribution and adds the new one (``actions``), and ``rebuild`` recomputes all of them from the
ledger with the very same function, so the incremental path and a rebuild cannot disagree except by a
bug, which the tests look for.

Open dossiers (rules-vn §1.4, PRACTICE S13: "in progress, within time: NgayHenTra ≥ report end date;
overdue: NgayHenTra < report end date"): a dossier received on day R, with effective appointment on day
A and finished on day E (or never), is open *within time* at the end of every day D with R ≤ D ≤ A and
D < E, and open *overdue* at the end of every day with A < D < E. Those two intervals become at most four
difference counts (+1 where an interval starts, −1 where it stops), so "open as of day D" is the sum of
the deltas of all days ≤ D. A dossier without any appointment stays within time while open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from django.db import connection, transaction

from cchc.dossiers.models import DailyFact, Dossier, Outcome, Supplement
from cchc.dossiers.records import LOCAL_TZ

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
NOT_RECEIVED = frozenset({1, 3})

FactKey = tuple[int, int, dt.date]  # (unit_id, procedure_id, day)
FactDeltas = dict[FactKey, list[int]]


class FactState(NamedTuple):
    """What a dossier's contribution depends on, with days as local dates.

    ``overdue_from`` is the first day an open dossier counts as overdue: the day after its effective
    appointment, or the day of a second supplement request if earlier (rules-vn §1.4: "more than one
    supplement request ⇒ late"); None when it has neither.
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


# --- applying deltas ----------------------------------------------------------------------------------


def apply_deltas(deltas: FactDeltas) -> int:
    """Add the deltas to DailyFact (one set-based upsert), then drop rows that became all zero.

    Must run inside the caller's transaction. Returns the number of keys touched.
    """
    deltas = prune(deltas)
    if not deltas:
        return 0
    from cchc.dossiers import bulk

    table = DailyFact._meta.db_table
    rows = [(k[0], k[1], k[2], *v) for k, v in deltas.items()]
    bulk.additive_upsert(
        table,
        key_columns=("unit_id", "procedure_id", "day"),
        value_columns=FACT_COLUMNS,
        rows=rows,
    )
    days = sorted({k[2] for k in deltas})
    zero = " AND ".join(f"{c} = 0" for c in FACT_COLUMNS)
    with connection.cursor() as cur:
        for i in range(0, len(days), 500):
            chunk = days[i : i + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cur.execute(f"DELETE FROM {table} WHERE day IN ({marks}) AND {zero}", chunk)
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


def rebuild(progress: Callable[[int], Any] | None = None) -> dict[str, int]:
    """Replace every DailyFact row by a fresh computation from the ledger (one transaction)."""
    from cchc.dossiers import bulk

    deltas = compute_all(progress)
    with transaction.atomic():
        DailyFact.objects.all().delete()
        rows = [(k[0], k[1], k[2], *v) for k, v in sorted(deltas.items())]
        bulk.insert_rows(DailyFact._meta.db_table, ("unit_id", "procedure_id", "day", *FACT_COLUMNS), rows)
    return {"rows": len(deltas), "dossiers": Dossier.objects.count()}


def snapshot() -> dict[FactKey, tuple[int, ...]]:
    """Every non-zero DailyFact row as {key: counts}; what the incremental-vs-rebuild test compares."""
    out: dict[FactKey, tuple[int, ...]] = {}
    for row in DailyFact.objects.values_list("unit_id", "procedure_id", "day", *FACT_COLUMNS):
        counts = tuple(row[3:])
        if any(counts):
            out[(row[0], row[1], row[2])] = counts
    return out
