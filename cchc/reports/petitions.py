"""The petition-results report: per responsible unit, petitions received in the period by channel and by
kind, answered on time / late, and still open within time / overdue at the period's end.

The on-time and open figures are ``cchc.feedback.stats.figures`` (one definition, shared with the
petition figures page and ``cchc feedback-stats``); this module adds the split of the received ones by
channel and kind, counted on the same petitions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from cchc.feedback import stats
from cchc.feedback.models import Channel, Kind, Petition
from cchc.org.models import Unit

CHANNELS = list(Channel.choices)
KINDS = list(Kind.choices)


@dataclass
class Row:
    unit: str
    name: str
    figures: stats.Row
    by_channel: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)

    def channel_cells(self) -> list[int]:
        return [self.by_channel.get(key, 0) for key, _ in CHANNELS]

    def kind_cells(self) -> list[int]:
        return [self.by_kind.get(key, 0) for key, _ in KINDS]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.figures.as_dict(),
            "unit": self.unit,
            "name": self.name,
            "received_by_channel": {key: self.by_channel.get(key, 0) for key, _ in CHANNELS},
            "received_by_kind": {key: self.by_kind.get(key, 0) for key, _ in KINDS},
        }


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def report(
    date_from: dt.date, date_to: dt.date, petitions: QuerySet[Petition], units: QuerySet[Unit] | None = None
) -> tuple[list[Row], Row]:
    """Rows per responsible unit (by code) and the total, for the petitions in ``petitions``."""
    base, total = stats.figures(date_from, date_to, petitions=petitions, units=units)
    qs = Petition.objects.filter(pk__in=petitions.values("pk"))
    if units is not None:
        qs = qs.filter(unit__in=units)
    received = qs.filter(
        received_at__gte=_start(date_from), received_at__lt=_start(date_to + dt.timedelta(days=1))
    )
    split: dict[str, dict[str, dict[str, int]]] = {}
    for what in ("channel", "kind"):
        for r in received.values("unit__code", what).annotate(n=Count("pk")).order_by():
            split.setdefault(r["unit__code"], {"channel": {}, "kind": {}})[what][r[what]] = r["n"]
    rows = []
    for b in base:
        s = split.get(b.unit, {"channel": {}, "kind": {}})
        rows.append(Row(b.unit, b.name, b, s["channel"], s["kind"]))
    all_rows = Row("", "Tổng cộng", total)
    for r in rows:
        for k, v in r.by_channel.items():
            all_rows.by_channel[k] = all_rows.by_channel.get(k, 0) + v
        for k, v in r.by_kind.items():
            all_rows.by_kind[k] = all_rows.by_kind.get(k, 0) + v
    return rows, all_rows
