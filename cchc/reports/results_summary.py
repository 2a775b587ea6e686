"""The dossier-results report read from its summary (``cchc.dossiers.result_facts``) instead of the
dossiers: a year is a few thousand monthly rows, the days of its partial months and the open balance.

For a period from day S to day D, per group (``dossier_period.classify`` judged at the end of D):

- ``received_*``: received from S to D (daily and monthly rows), less the finished stretches alive on D
  that ended before S although received from S on (the engine puts those in an earlier period);
- ``finished_*``: finished from S to D with a verdict that holds from its end on (the rows), plus the
  stretches alive on D (``start_day ≤ D < stop_day``) that ended from S on;
- ``open_*``: the sum of the open deltas of every day up to D (monthly rows before D's month, daily rows
  of D's month);
- ``carried_over``: what is in the period but not received in it — open plus finished less received
  (the engine's identity ``carried_over + received = finished + open``).

``tests/test_dossier_results_from_the_summary_equal_the_engine.py`` compares every cell of every
grouping with the engine's reading (``dossier_results.engine_tally``) on random ledgers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django.db.models import Q, QuerySet, Sum

from cchc.dossiers.models import Procedure, ResultDailyFact, ResultMonthlyFact, ResultStretch
from cchc.dossiers.result_facts import FACT_COLUMNS
from cchc.lib import dossier_period as dp
from cchc.org.models import Unit

FLOWS: Final = FACT_COLUMNS[:6]
OPEN: Final = FACT_COLUMNS[6:]
_INDEX: Final = {key: i for i, key in enumerate(dp.COUNT_KEYS)}
_RECEIVED: Final = {1: "received_direct", 2: "received_online", 3: "received_postal"}
_FINISHED: Final = {0: "finished_early", 1: "finished_on_time", 2: "finished_late"}


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _sums(qs: QuerySet[Any], key: str, flows: Q, open_: Q) -> dict[int, list[int]]:
    """Per key, the flows of the rows matching ``flows`` and the open deltas of those matching ``open_``."""
    rows = (
        qs.filter(flows | open_)
        .order_by()
        .values(key)
        .annotate(
            **{c: Sum(c, filter=flows, default=0) for c in FLOWS},
            **{c: Sum(c, filter=open_, default=0) for c in OPEN},
        )
    )
    return {r[key]: [int(r[c]) for c in FACT_COLUMNS] for r in rows}


def counts(units: QuerySet[Unit] | None, period: dp.Period, *, key: str) -> dict[int, dict[str, int]]:
    """Per unit id (``key="unit_id"``) or procedure id (``"procedure_id"``), the report's nine counts."""
    s, d = period.start, period.end
    first_full = s if s.day == 1 else _next_month(s)
    after_full = _next_month(d) if _next_month(d) - dt.timedelta(days=1) == d else _month(d)
    monthly: QuerySet[Any] = ResultMonthlyFact.objects.all()
    daily: QuerySet[Any] = ResultDailyFact.objects.all()
    stretches: QuerySet[Any] = ResultStretch.objects.all()
    if units is not None:
        scope = units.values("pk")
        monthly, daily = monthly.filter(unit_id__in=scope), daily.filter(unit_id__in=scope)
        stretches = stretches.filter(unit_id__in=scope)
    if first_full < after_full:
        month_flows = Q(month__gte=first_full, month__lt=after_full)
        day_flows = Q(day__gte=s, day__lt=first_full) | Q(day__gte=after_full, day__lte=d)
    else:
        month_flows = Q(month__gte=first_full, month__lt=first_full)
        day_flows = Q(day__gte=s, day__lte=d)
    parts = [
        _sums(monthly, key, month_flows, Q(month__lt=_month(d))),
        _sums(daily, key, day_flows, Q(day__gte=_month(d), day__lte=d)),
    ]
    out: dict[int, dict[str, int]] = {}
    for part in parts:
        for k, values in part.items():
            row = out.setdefault(k, dict.fromkeys(FACT_COLUMNS, 0))
            for c, v in zip(FACT_COLUMNS, values, strict=True):
                row[c] += v
    alive = (
        stretches.filter(start_day__lte=d, stop_day__gt=d)
        .order_by()
        .values(key, "state", "channel")
        .annotate(
            ended_in=Sum("n", filter=Q(end_day__gte=s), default=0),
            earlier=Sum("n", filter=Q(end_day__lt=s, received_day__gte=s), default=0),
        )
    )
    for r in alive:
        row = out.setdefault(r[key], dict.fromkeys(FACT_COLUMNS, 0))
        row[_FINISHED[r["state"]]] += int(r["ended_in"])
        row[_RECEIVED[r["channel"]]] -= int(r["earlier"])
    result: dict[int, dict[str, int]] = {}
    for k, row in out.items():
        cell = {
            "received_online": row["received_online"],
            "received_direct": row["received_direct"],
            "received_postal": row["received_postal"],
            "finished_early": row["finished_early"],
            "finished_on_time": row["finished_on_time"],
            "finished_late": row["finished_late"],
            "open_within_time": row["open_within_delta"],
            "open_overdue": row["open_overdue_delta"],
        }
        received = cell["received_online"] + cell["received_direct"] + cell["received_postal"]
        finished = cell["finished_early"] + cell["finished_on_time"] + cell["finished_late"]
        cell["carried_over"] = cell["open_within_time"] + cell["open_overdue"] + finished - received
        result[k] = cell
    return result


def tally(units: QuerySet[Unit] | None, period: dp.Period, *, by: str = "unit") -> dp.Tally:
    """The report's counts per unit, field or procedure (``dossier_results.tally``'s groups and names),
    from the summary; ``units`` the handling units in scope (None: every unit)."""
    key = "unit_id" if by == "unit" else "procedure_id"
    per = counts(units, period, key=key)
    out = dp.Tally()
    labels: dict[int, dp.Label]
    if by == "unit":
        labels = {
            pk: code or None for pk, code in Unit.objects.filter(pk__in=list(per)).values_list("pk", "code")
        }
    else:
        procs = Procedure.objects.filter(pk__in=list(per)).order_by("pk")
        rows = list(procs.values_list("pk", "national_code", "name", "field_code", "field_name"))
        if by == "procedure":
            labels = {pk: code for pk, code, *_ in rows}
            out.names = {code: name for _, code, name, _, _ in rows if name}
        else:
            labels = {pk: field or None for pk, _, _, field, _ in rows}
            for _, _, _, field, field_name in rows:
                if field and field_name:
                    out.names.setdefault(field, field_name)
    for k, c in per.items():
        vector = dp.zeros()
        for name, value in c.items():
            vector[_INDEX[name]] = value
        if not vector.any():
            continue
        label = labels.get(k)
        out.groups[label] = out.groups.get(label, dp.zeros()) + vector
    out.groups = {label: v for label, v in out.groups.items() if v.any()}
    return out
