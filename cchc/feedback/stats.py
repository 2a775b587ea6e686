"""Petition figures per responsible unit and period.

For a period [from, to] (local dates):
- ``received``: petitions received in the period;
- ``answered_on_time`` / ``answered_late``: petitions whose first conclusion — the answer, or the
  refusal, or the redirection of a complaint — was sent in the period, judged against the clock that
  governed it (766 ind. 5.2; ND 59/2019; see ``clocks``);
- ``open_within_time`` / ``open_overdue``: received by ``to`` and not concluded by then, split by the
  current due date against ``to``;
- ``satisfied`` / ``not_satisfied``: ratings of the petitions concluded in the period (a reopened
  petition counts as not satisfied, 766 ind. 5.3);
- ``on_time_rate`` = on time / (on time + late); ``satisfaction_rate`` = satisfied / (satisfied + not
  satisfied). Both are ``None`` when their denominator is 0 — "no data", never 0 % or 100 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cchc.feedback.models import Petition
from cchc.lib.names import natural_key
from cchc.org.models import Unit

COUNT_FIELDS = (
    "received",
    "answered_on_time",
    "answered_late",
    "open_within_time",
    "open_overdue",
    "satisfied",
    "not_satisfied",
)


@dataclass
class Row:
    unit: str  # unit code; "" for the total
    name: str
    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    open_within_time: int = 0
    open_overdue: int = 0
    satisfied: int = 0
    not_satisfied: int = 0

    @property
    def on_time_rate(self) -> float | None:
        n = self.answered_on_time + self.answered_late
        return round(self.answered_on_time / n, 4) if n else None

    @property
    def satisfaction_rate(self) -> float | None:
        n = self.satisfied + self.not_satisfied
        return round(self.satisfied / n, 4) if n else None

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "on_time_rate": self.on_time_rate,
            "satisfaction_rate": self.satisfaction_rate,
        }


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def figures(
    date_from: dt.date,
    date_to: dt.date,
    *,
    petitions: QuerySet[Petition] | None = None,
    units: QuerySet[Unit] | None = None,
) -> tuple[list[Row], Row]:
    """Rows per responsible unit (by unit code) and their total. ``petitions`` limits the scope (pass
    ``petitions_for(user)`` on screens), ``units`` limits to some units."""
    qs = Petition.objects.all()
    if petitions is not None:
        # A scope with OR-ed joins (``petitions_for``) is applied as a subquery: aggregating over the
        # joined rows directly would count a petition once per matching join.
        qs = qs.filter(pk__in=petitions.values("pk"))
    if units is not None:
        qs = qs.filter(unit__in=units)
    start, end = _start(date_from), _start(date_to + dt.timedelta(days=1))
    concluded = Q(handled_on__gte=date_from, handled_on__lte=date_to)
    still_open = Q(received_at__lt=end) & (Q(handled_on__isnull=True) | Q(handled_on__gt=date_to))
    agg = (
        qs.values("unit_id")
        .annotate(
            n_received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
            n_answered_on_time=Count("pk", filter=concluded & Q(handled_on_time=True)),
            n_answered_late=Count("pk", filter=concluded & Q(handled_on_time=False)),
            n_open_overdue=Count("pk", filter=still_open & Q(due_on__lt=date_to)),
            n_open_within_time=Count(
                "pk", filter=still_open & (Q(due_on__gte=date_to) | Q(due_on__isnull=True))
            ),
            n_satisfied=Count("pk", filter=concluded & Q(satisfied=True)),
            n_not_satisfied=Count("pk", filter=concluded & Q(satisfied=False)),
        )
        .order_by()
    )
    by_unit: dict[int, dict[str, int]] = {}
    for r in agg:
        counts: dict[str, Any] = dict(r)
        # Annotations are prefixed: "satisfied" is also a field, and a filter on it must read the field.
        if any(counts[f"n_{f}"] for f in COUNT_FIELDS):
            by_unit[int(counts["unit_id"])] = {f: int(counts[f"n_{f}"]) for f in COUNT_FIELDS}
    names = {u.pk: u for u in Unit.objects.filter(pk__in=by_unit)}
    rows = []
    total = Row(unit="", name="Tổng cộng")
    for unit_id, values in by_unit.items():
        u = names[unit_id]
        row = Row(unit=u.code, name=u.name, **values)
        rows.append(row)
        for f in COUNT_FIELDS:
            setattr(total, f, getattr(total, f) + getattr(row, f))
    rows.sort(key=lambda r: natural_key(r.name))  # as people read names: Phường 2 before Phường 10
    return rows, total


def document(date_from: dt.date, date_to: dt.date, rows: list[Row], total: Row) -> dict[str, Any]:
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "units": [r.as_dict() for r in rows],
        "total": total.as_dict(),
    }
