"""The figures the city index computes from CCHC's own records, per unit and year. Each one comes from
the module that owns the rule: dossiers from the Decision 766 engine on the ledger (``ledger766``),
tasks from the directives' statuses, petitions from ``feedback.stats``, apology letters from the
ledger. A figure without a denominator is "no data", never 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from django.db.models import Q
from django.urls import reverse

from cchc.directives.models import Task
from cchc.directives.queries import tally_by
from cchc.dossiers.models import Dossier
from cchc.feedback import stats as petition_stats
from cchc.lib import index766
from cchc.lib.deadlines import State
from cchc.lib.dossier_period import Period
from cchc.org.models import Jurisdiction, Unit
from cchc.scorecards import ledger766

# Figure → the Decision 766 figure it is (the same rule, one home).
FROM_766: Final = {"dossiers_on_time": "on_time", "online_share": "online_share", "digitised": "digitised"}
FIGURES: Final = (*FROM_766, "tasks_on_time", "apologies", "feedback_on_time")


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int
    url: str  # where the records behind it are listed

    @property
    def rate(self) -> float:
        return self.numerator / self.denominator


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _766_codes(period: Period) -> dict[str, str]:
    """Decision 766 figure → indicator code in the year's set."""
    index_set = index766.index_set_for(period)
    return {str(leaf.figure): leaf.code for leaf in index_set.leaves() if leaf.figure}


def for_units(
    units: list[Unit], year: int, area: Jurisdiction | None, today: dt.date
) -> dict[int, dict[str, Figure | None]]:
    """{unit id: {figure: Figure or None}} for the year (up to ``today`` for tasks)."""
    period = year_period(year)
    doc = ledger766.city_document(area, period)
    rows: Mapping[str, Any] = {u["unit"]: u for u in doc["units"]}
    codes = _766_codes(period)
    last = min(period.end, today)
    tasks = tally_by(
        Task.objects.filter(lead_unit__in=units, deadline__due__gte=period.start, deadline__due__lte=last),
        "lead_unit_id",
        today,
    )
    petitions, _ = petition_stats.figures(
        period.start, period.end, units=Unit.objects.filter(pk__in=[u.pk for u in units])
    )
    by_code = {r.unit: r for r in petitions}
    out: dict[int, dict[str, Figure | None]] = {}
    for unit in units:
        figs: dict[str, Figure | None] = {}
        row = rows.get(unit.code)
        indicators = {i["code"]: i for i in row["indicators"]} if row else {}
        for name, source in FROM_766.items():
            code = codes[source]
            i = indicators.get(code)
            figs[name] = (
                Figure(
                    i["numerator"],
                    i["denominator"],
                    reverse("scorecards:766_dossiers", args=[unit.code, code]) + f"?ky={year}",
                )
                if i and i["denominator"]
                else None
            )
        t = tasks.get(unit.pk)
        due = t.total - t[State.OPEN_WITHIN] - t[State.OPEN_NO_DEADLINE] if t else 0
        figs["tasks_on_time"] = (
            Figure(t[State.DONE_ON_TIME], due, reverse("directives:task_list") + f"?don_vi={unit.pk}")
            if t and due
            else None
        )
        late = Dossier.objects.filter(
            handling_unit=unit, outcome="late", finished_on__gte=period.start, finished_on__lte=period.end
        )
        n_late = late.count()
        figs["apologies"] = (
            Figure(
                late.filter(Q(apologies__isnull=False)).distinct().count(),
                n_late,
                reverse("dossiers:late") + f"?unit={unit.pk}&end_from={period.start}&end_to={period.end}",
            )
            if n_late
            else None
        )
        p = by_code.get(unit.code)
        answered = (p.answered_on_time + p.answered_late) if p else 0
        figs["feedback_on_time"] = (
            Figure(p.answered_on_time, answered, reverse("feedback:list") + f"?unit={unit.pk}")
            if p and answered
            else None
        )
        out[unit.pk] = figs
    return out
