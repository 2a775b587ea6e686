"""The dossier-results report on the ledger: the same pure engine as ``cchc report-tthc``
(``cchc.lib.dossier_period`` counts, ``cchc.lib.tthc_report`` rows), fed from the database instead of a
file. One home for the rule: nothing here decides a column; it only turns ledger rows into the engine's
input and the engine's per-dossier masks into the list behind a cell (the drill-down).

Only the dossiers that can belong to the period are read: received by the end of its last day, not
refused or only submitted, and not ended (a terminal status with its end of processing) before its
first day. The engine's end of processing is never later than the recorded end of a terminal dossier,
so the dossiers left out are exactly those the engine would put in an earlier period.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from django.conf import settings
from django.db import connections
from django.db.models import Q, QuerySet

from cchc.dossiers.engine_values import legal_limit, naive_local
from cchc.dossiers.models import Dossier, Supplement
from cchc.lib import dossier_period as dp
from cchc.lib import outcomes as eng
from cchc.lib import tthc_report
from cchc.lib.natsync import ServiceFacts
from cchc.lib.outcomes_batch import judge_many
from cchc.lib.workcal import WorkCalendar
from cchc.reports import results_sql

LOCAL: Final = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BATCH: Final = 50_000
# The cells a person may open: each count of the form, and the sums the form prints.
SUMS: Final = {
    "received": ("received_online", "received_direct", "received_postal"),
    "finished": ("finished_early", "finished_on_time", "finished_late"),
    "open": ("open_within_time", "open_overdue"),
    # Column (5) of the form: in person and by public postal service together.
    "received_direct_postal": ("received_direct", "received_postal"),
    "in_period": (
        "carried_over",
        "received_online",
        "received_direct",
        "received_postal",
    ),
}
CELLS: Final = frozenset(dp.REPORT_KEYS) | frozenset(SUMS)
_FIELDS: Final = (
    "pk",
    "code",
    "status",
    "received_at",
    "appointment_at",
    "end_at",
    "channel",
    "handling_unit__code",
    "procedure__national_code",
    "procedure__name",
    "procedure__field_code",
    "procedure__field_name",
    "procedure__limit_value",
    "procedure__limit_unit",
)


def rules() -> eng.Rules:
    """The engine's open choices, from the same setting ``cchc report-tthc`` reads by default."""
    return eng.Rules(eng.SupplementShift(getattr(settings, "CCHC_SUPPLEMENT_SHIFT", "working_days")))


def _raw_rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query straight from the database cursor."""
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL)


def candidates(dossiers: QuerySet[Dossier], period: dp.Period) -> QuerySet[Dossier]:
    """The dossiers that can count in the period (see the module docstring)."""
    horizon = _aware(period.end + dt.timedelta(days=1))
    ended_before = Q(status__in=sorted(eng.TERMINAL), end_at__lt=_aware(period.start))
    return (
        dossiers.filter(received_at__lt=horizon)
        .exclude(status__in=sorted(eng.NOT_RECEIVED))
        .exclude(ended_before)
    )


@dataclass
class Loaded:
    """One batch of ledger rows as the engine's input, with each row's dossier id."""

    ids: list[int]
    dossiers: list[eng.Dossier]
    facts: list[ServiceFacts]


def load(dossiers: QuerySet[Dossier], period: dp.Period, batch: int = BATCH) -> Iterator[Loaded]:
    """The period's candidate dossiers, ``batch`` at a time, in id order."""
    qs = candidates(dossiers, period).order_by("pk")
    last = 0
    while True:
        rows = _raw_rows(qs.filter(pk__gt=last).values_list(*_FIELDS)[:batch])
        if not rows:
            return
        last = rows[-1][0]
        ids = [r[0] for r in rows]
        sups: dict[int, list[eng.Supplement]] = {}
        for owner, requested, completed in _raw_rows(
            Supplement.objects.filter(dossier_id__in=ids)
            .order_by("dossier_id", "seq")
            .values_list("dossier_id", "requested_at", "completed_at")
        ):
            req = naive_local(requested)
            assert req is not None
            sups.setdefault(owner, []).append(eng.Supplement(req, naive_local(completed)))
        out = Loaded([], [], [])
        for (
            pk,
            code,
            status,
            received,
            appointment,
            end,
            channel,
            unit,
            proc_code,
            proc_name,
            field_code,
            field_name,
            limit_value,
            limit_unit,
        ) in rows:
            try:
                d = eng.Dossier(
                    code=code,
                    procedure_code=proc_code,
                    status=status,
                    received_at=naive_local(received),
                    appointment_at=naive_local(appointment),
                    ended_at=naive_local(end),
                    supplements=tuple(sups.get(pk, ())),
                    legal_limit=legal_limit(limit_value, limit_unit),
                )
            except ValueError:
                # The write path refuses such rows; one that slipped in is left out, as the file
                # reader leaves out a faulty record.
                continue
            out.ids.append(pk)
            out.dossiers.append(d)
            out.facts.append(
                ServiceFacts(
                    unit=unit or None,
                    channel=channel,
                    field_code=field_code or None,
                    field_name=field_name or None,
                    procedure_name=proc_name or None,
                )
            )
        yield out


def tally(
    dossiers: QuerySet[Dossier], period: dp.Period, calendar: WorkCalendar, *, by: str = "unit"
) -> dp.Tally:
    """The engine's counts for the period, per unit (handling unit), field or procedure: the plain
    dossiers counted by the database (``results_sql``, one grouped query), the others read and judged
    by the engine — the same figures as ``engine_tally``, without reading millions of rows."""
    total = dp.Tally()
    for part in results_sql.for_the_engine():
        total.add(engine_tally(dossiers.filter(part), period, calendar, by=by))
    plain = candidates(dossiers, period).filter(results_sql.plain())
    start, horizon = _aware(period.start), _aware(period.end + dt.timedelta(days=1))
    results_sql.merge(total, results_sql.tally(plain, period, start, horizon, LOCAL, by=by))
    total.names = results_sql.names(candidates(dossiers, period), by=by)
    return total


def engine_tally(
    dossiers: QuerySet[Dossier], period: dp.Period, calendar: WorkCalendar, *, by: str = "unit"
) -> dp.Tally:
    """The engine's counts for the period, every candidate read and judged (the reference the tests
    hold ``tally`` to)."""
    group = dp.GROUPINGS[by]
    total = dp.Tally()
    for part in load(dossiers, period):
        total.add(dp.count_batch(part.dossiers, part.facts, period, calendar, rules=rules(), group=group))
    return total


def document(
    dossiers: QuerySet[Dossier], period: dp.Period, calendar: WorkCalendar, *, by: str = "unit"
) -> dict[str, Any]:
    """The report as ``cchc report-tthc`` prints it (``tthc_report.document``), for these dossiers."""
    return tthc_report.document(tally(dossiers, period, calendar, by=by), period, by=by)


def cell_ids(
    dossiers: QuerySet[Dossier],
    period: dp.Period,
    calendar: WorkCalendar,
    *,
    by: str,
    label: str | None,
    cell: str,
    every_group: bool = False,
) -> list[int]:
    """The ids of exactly the dossiers one cell counts: ``cell`` a report key or a printed sum, ``label``
    the row's group (``None`` for dossiers without one), or every row with ``every_group`` (the total)."""
    keys: Sequence[str] = SUMS.get(cell, (cell,))
    group = dp.GROUPINGS[by]
    out: list[int] = []
    for part in load(dossiers, period):
        if not part.dossiers:
            continue
        judged = judge_many(part.dossiers, calendar, period.end, rules=rules())
        masks = dp.classify(judged, part.facts, period).masks
        chosen = np.zeros(len(part.ids), dtype=np.bool_)
        for key in keys:
            chosen |= masks[key]
        for i in np.flatnonzero(chosen).tolist():
            if every_group or group(part.dossiers[i], part.facts[i]) == label:
                out.append(part.ids[i])
    return out
