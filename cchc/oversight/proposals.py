"""Units proposed for the inspection plan from the figures CCHC already keeps, each figure from its one
definition in the owning app (the founding letter asks to inspect "các cơ quan… có tỷ lệ hồ sơ trễ hạn
cao"):

- late rate: finished dossiers that were late over the last twelve months, from the daily facts
  (``dossiers.rankings.unit_finished_counts``, the league table's own sums; a rate only with the
  league's minimum of finished dossiers);
- overdue tasks: tasks led by the unit that are overdue today (``directives.queries.overdue_tasks``,
  the figure of every home page and of the overdue list);
- satisfaction: the share of satisfied or very satisfied dossier ratings over the last six months, low
  or fallen from the six before (``surveys.ratings.unit_distributions``).

The thresholds are settings (``conf``); the figures are kept on the visit created from a proposal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from cchc.directives.models import Task
from cchc.directives.queries import overdue_tasks
from cchc.dossiers.rankings import league_min_dossiers, unit_finished_counts
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.oversight.conf import setting
from cchc.surveys.ratings import unit_distributions

# Units a plan inspects: ward committees, the city's agencies, one-stop desks.
INSPECTED_KINDS = (UnitKind.WARD_COMMITTEE, UnitKind.AGENCY, UnitKind.ONE_STOP)


@dataclass
class Proposal:
    unit: Unit
    reasons: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)


def _pct(x: float) -> str:
    return f"{x * 100:.1f}".replace(".", ",") + "%"


def _months_back(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, 28))


def propose(area: Jurisdiction, today: dt.date) -> list[Proposal]:
    units = Unit.objects.filter(jurisdiction__path__startswith=area.path, kind__in=INSPECTED_KINDS).valid_on(
        today
    )
    by_pk = {u.pk: u for u in units}
    out: dict[int, Proposal] = {}

    def add(unit: Unit, reason: str, key: str, value: Any) -> None:
        p = out.setdefault(unit.pk, Proposal(unit))
        p.reasons.append(reason)
        p.figures[key] = value

    # Late rate over the last twelve months.
    year_ago = _months_back(today, 12)
    minimum = league_min_dossiers()
    limit = float(setting("CCHC_OVERSIGHT_LATE_RATE"))
    by_code = {u.code: u for u in by_pk.values()}
    for row in unit_finished_counts(units, year_ago, today):
        unit = by_code.get(row.key)
        rate = row.late_rate
        if unit is None or rate is None or row.finished < minimum or rate < limit:
            continue
        add(
            unit,
            f"Tỷ lệ hồ sơ trễ hạn {_pct(rate)} ({row.late}/{row.finished} hồ sơ, 12 tháng)",
            "late_rate",
            {"late": row.late, "finished": row.finished, "from": str(year_ago), "to": str(today)},
        )

    # Tasks led by the unit, overdue today.
    tasks = Task.objects.filter(directive__jurisdiction__path__startswith=area.path)
    most = int(setting("CCHC_OVERSIGHT_OVERDUE_TASKS"))
    late = overdue_tasks(tasks, today).values_list("lead_unit").annotate(n=Count("pk")).order_by()
    for unit_id, n in late:
        if unit_id in by_pk and n >= most:
            add(by_pk[unit_id], f"{n} nhiệm vụ quá hạn", "overdue_tasks", n)

    # Satisfaction: low over the last six months, or fallen from the six before.
    half = _months_back(today, 6)
    before = _months_back(today, 12)
    (prev, last), _rated = unit_distributions(units, [(before, half - dt.timedelta(days=1)), (half, today)])
    floor = float(setting("CCHC_OVERSIGHT_SATISFIED_SHARE"))
    drop = float(setting("CCHC_OVERSIGHT_SATISFACTION_DROP"))
    enough = int(setting("CCHC_OVERSIGHT_MIN_RATINGS"))
    for pk, dist in last.items():
        share = dist.satisfied_share
        if pk not in by_pk or share is None or dist.total < enough:
            continue
        old = prev.get(pk)
        old_share = old.satisfied_share if old is not None and old.total >= enough else None
        fell = old_share is not None and old_share - share >= drop
        if share < floor or fell:
            text = f"Hài lòng {share:.1f}%".replace(".", ",") + f" ({dist.total} đánh giá, 6 tháng)"
            if fell:
                text += f", giảm từ {old_share:.1f}%".replace(".", ",")
            add(by_pk[pk], text, "satisfaction", {"share": share, "ratings": dist.total, "before": old_share})

    return sorted(out.values(), key=lambda p: (-len(p.reasons), p.unit.path))
