"""Dossier counts per unit for a period, read from the daily facts only (never from the ledger), so a
year at five million dossiers stays one small aggregate. Used by ``cchc dossier-stats`` and the monthly
late list. Without a procedure filter the sums come from ``UnitDailyFact`` (unit × day, ~60,000 rows
for that year), with one from ``DailyFact`` (unit × procedure × day, ~1.45 million); the two hold the
same sums, which the tests check.

For a period [from, to]:
- ``received``: dossiers received on a day of the period;
- ``early``, ``on_time``, ``late``: dossiers whose processing ended on a day of the period, by outcome
  (docs/rules/dossier-deadlines.md);
- ``open_within_time``, ``open_overdue``: dossiers still open at the end of ``to`` (the sum of the
  difference counts of every day up to ``to``; see ``facts``);
- ``on_time_rate`` = (early + on_time) / (early + on_time + late): the share of dossiers finished in
  the period that were not late. It is ``None`` (JSON null, empty in CSV) when nothing finished in the
  period — "no data", never 0 % or 100 %.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from cchc.dossiers.models import DailyFact, UnitDailyFact
from cchc.org.models import Unit

COUNT_FIELDS = ("received", "early", "on_time", "late", "open_within_time", "open_overdue")


@dataclass
class StatsRow:
    unit: str  # unit code; "" for the total
    name: str
    received: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    open_within_time: int = 0
    open_overdue: int = 0

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return round((self.early + self.on_time) / self.finished, 4) if self.finished else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "on_time_rate": self.on_time_rate}


def unit_stats(
    date_from: dt.date,
    date_to: dt.date,
    *,
    units: QuerySet[Unit] | Iterable[int] | None = None,
    procedures: Iterable[int] | None = None,
) -> tuple[list[StatsRow], StatsRow]:
    """Rows per handling unit (ordered by unit code) and their total; ``units`` limits the scope
    (pass ``units_for(user)`` on screens)."""
    qs: QuerySet[DailyFact] | QuerySet[UnitDailyFact]
    if procedures is None:
        qs = UnitDailyFact.objects.filter(day__lte=date_to)
    else:
        qs = DailyFact.objects.filter(day__lte=date_to, procedure__in=list(procedures))
    if units is not None:
        qs = qs.filter(unit__in=units)
    in_period = Q(day__gte=date_from)
    agg = (
        qs.values("unit_id")
        .annotate(
            received=Coalesce(Sum("received", filter=in_period), 0),
            early=Coalesce(Sum("finished_early", filter=in_period), 0),
            on_time=Coalesce(Sum("finished_on_time", filter=in_period), 0),
            late=Coalesce(Sum("finished_late", filter=in_period), 0),
            open_within_time=Coalesce(Sum("open_within_delta"), 0),
            open_overdue=Coalesce(Sum("open_overdue_delta"), 0),
        )
        .order_by()
    )
    found: dict[int, dict[str, Any]] = {}
    for row in agg:
        counts: dict[str, Any] = dict(row)
        if any(counts[f] for f in COUNT_FIELDS):
            found[counts["unit_id"]] = counts
    names = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(pk__in=found).values_list("pk", "code", "name")
    }
    rows = [
        StatsRow(names[pk][0], names[pk][1], **{f: int(row[f]) for f in COUNT_FIELDS})
        for pk, row in found.items()
    ]
    rows.sort(key=lambda r: r.unit)
    total = StatsRow("", "Tổng cộng", **{f: sum(getattr(r, f) for r in rows) for f in COUNT_FIELDS})
    return rows, total


def stats_document(
    date_from: dt.date, date_to: dt.date, rows: list[StatsRow], total: StatsRow
) -> dict[str, Any]:
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "units": [r.as_dict() for r in rows],
        "total": {k: v for k, v in total.as_dict().items() if k not in ("unit", "name")},
    }
