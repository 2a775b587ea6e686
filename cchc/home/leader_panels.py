"""The panels of the leader, the auditor and the secretariat: the units that are slipping, the late lists
awaiting approval, citizens' satisfaction (docs/dashboard.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.core.charts import Chart, Series, pct
from cchc.directives.queries import tasks_for
from cchc.dossiers.figures import late_by_month
from cchc.dossiers.models import LateList, LateListStatus
from cchc.dossiers.rankings import late_lists_for, league_min_dossiers, unit_league
from cchc.feedback.queries import petitions_for
from cchc.home.figures import (
    LIST_ROWS,
    DossierFigure,
    Figure,
    Periods,
    by_code,
    dossier_figure,
    late_url,
    league_url,
    link,
    overdue_petitions_by_unit,
    overdue_tasks_by_unit,
    petitions_url,
    subtree_counts,
    tasks_url,
    total_figure,
)
from cchc.lib.indices import fell_significantly
from cchc.org.models import Official, Unit, UnitKind
from cchc.org.queries import accountable, heads_on
from cchc.surveys.queries import survey_units_for
from cchc.surveys.ratings import Distribution, unit_distribution, unit_distributions

# --- leader and auditor: the units that are slipping ---------------------------------------------------


@dataclass
class SlippingRow:
    unit: Unit
    head: Official | None
    month: DossierFigure
    ytd: DossierFigure
    tasks: Figure
    petitions: Figure
    late_dossiers_url: str
    # Citizens' ratings of dossiers the unit (or a unit below it) handled: this month, the month before.
    satisfaction: Distribution = field(default_factory=lambda: Distribution(0, 0, 0))
    satisfaction_before: Distribution = field(default_factory=lambda: Distribution(0, 0, 0))
    # The late rate is computed (enough dossiers) and above the whole scope's rate for the same period:
    # the month's, or the year's when the month has too few dossiers for a rate.
    month_behind: bool = False
    ytd_behind: bool = False
    rank: int = 0

    @property
    def dossiers_behind(self) -> bool:
        return self.month_behind or self.ytd_behind

    @property
    def satisfaction_falling(self) -> bool:
        return significant_fall(self.satisfaction, self.satisfaction_before)

    @property
    def areas(self) -> int:
        """In how many of the four areas the unit is behind: dossiers, tasks, petitions, and citizens'
        satisfaction falling beyond sampling noise."""
        return (
            self.dossiers_behind
            + (self.tasks.value > 0)
            + (self.petitions.value > 0)
            + self.satisfaction_falling
        )

    @property
    def items(self) -> int:
        """Things the unit is late on: the month's late dossiers, overdue tasks and petitions."""
        return self.month.late + self.tasks.value + self.petitions.value

    def sort_key(self) -> tuple[Any, ...]:
        month_rate = self.month.rate if self.month.rate is not None else -1.0
        ytd_rate = self.ytd.rate if self.ytd.rate is not None else -1.0
        return (-self.areas, -self.items, -month_rate, -ytd_rate, -self.ytd.late, self.unit.path)


@dataclass
class Slipping:
    rows: list[SlippingRow]
    month: DossierFigure
    ytd: DossierFigure
    tasks: Figure
    petitions: Figure
    min_finished: int
    periods: Periods

    @property
    def top(self) -> list[SlippingRow]:
        return self.rows[:LIST_ROWS]

    @property
    def rest(self) -> list[SlippingRow]:
        return self.rows[LIST_ROWS:]


def behind(unit: DossierFigure, overall: DossierFigure) -> bool:
    return unit.rate is not None and overall.rate is not None and unit.rate > overall.rate


def slipping_units(user: Any, p: Periods) -> Slipping:
    """ "Đơn vị đang chậm": per unit, dossiers late in the month and the year to date (daily facts),
    tasks and petitions overdue today, and the head who answers for it; worst first (docs/dashboard.md,
    "Thứ tự")."""
    minimum = league_min_dossiers()
    month_league = unit_league(user, p.month.first, p.month.last, min_finished=minimum)
    ytd_league = unit_league(user, p.ytd.first, p.ytd.last, min_finished=minimum)
    month_url, ytd_url = league_url(p.month), league_url(p.ytd)
    by_month, by_ytd = by_code(month_league), by_code(ytd_league)
    tasks = overdue_tasks_by_unit(tasks_for(user), p.today)
    petitions = overdue_petitions_by_unit(petitions_for(user), p.today)
    late_codes = {code for code, (r, _) in {**by_month, **by_ytd}.items() if r.late}
    # Satisfaction: only units that handle rated dossiers themselves are candidates, so the committee
    # at the top of the scope (whose subtree holds every rating) never becomes a "slipping unit" row.
    before = p.previous_month
    (felt, felt_before), rated = unit_distributions(
        survey_units_for(user), [(p.month.first, p.month.last), (before.first, before.last)]
    )
    fallen = [pk for pk in rated if pk in felt and significant_fall(felt[pk], felt_before[pk])]
    units = list(
        Unit.objects.filter(
            Q(code__in=late_codes)
            | Q(pk__in=[k for k, n in {**tasks, **petitions}.items() if n])
            | Q(pk__in=fallen)
        )
    )
    heads = heads_on([u.pk for u in units], p.today)
    task_figures = subtree_counts(tasks, units)
    rows = [
        SlippingRow(
            unit=u,
            head=accountable(heads.get(u.pk, {})),
            month=dossier_figure(by_month.get(u.code), month_url, minimum, late_url(p.month, u.pk)),
            ytd=dossier_figure(by_ytd.get(u.code), ytd_url, minimum, late_url(p.ytd, u.pk)),
            tasks=Figure(task_figures.get(u.pk, 0), tasks_url(u.pk)),
            petitions=Figure(petitions.get(u.pk, 0), petitions_url(u.pk)),
            late_dossiers_url=link("dossiers:late", unit=u.pk),
            satisfaction=felt.get(u.pk, Distribution(0, 0, 0)),
            satisfaction_before=felt_before.get(u.pk, Distribution(0, 0, 0)),
        )
        for u in units
    ]
    month_total = total_figure(month_league, month_url, minimum, late_url(p.month))
    ytd_total = total_figure(ytd_league, ytd_url, minimum, late_url(p.ytd))
    for row in rows:
        row.month_behind = behind(row.month, month_total)
        row.ytd_behind = not row.month.ranked and behind(row.ytd, ytd_total)
    rows.sort(key=SlippingRow.sort_key)
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return Slipping(
        rows=rows,
        month=month_total,
        ytd=ytd_total,
        tasks=Figure(sum(tasks.values()), tasks_url()),
        petitions=Figure(sum(petitions.values()), petitions_url()),
        min_finished=minimum,
        periods=p,
    )


def late_lists_awaiting_approval(user: Any) -> list[LateList]:
    """Monthly late lists drafted by the Office and not yet approved (Công văn 7190/UBND-NV, mục 2: published
    only after a leader approves)."""
    return list(
        late_lists_for(user)
        .filter(status=LateListStatus.DRAFT)
        .select_related("jurisdiction", "drafted_by")
        .order_by("-month")[:LIST_ROWS]
    )


# --- satisfaction (surveys) ----------------------------------------------------------------------------


@dataclass
class Satisfaction:
    unit: Unit
    month: Distribution
    previous: Distribution

    @property
    def count(self) -> Figure:
        return Figure(self.month.total)

    @property
    def falling(self) -> bool:
        return significant_fall(self.month, self.previous)


def significant_fall(now: Distribution, before: Distribution, z: float = 1.96) -> bool:
    """Has the satisfied share fallen by more than sampling noise (``lib.indices.fell_significantly``)?
    92,5 % of 174 ratings after 92,7 % is not a fall; 30 % of 10 after 100 % of 10 is."""
    return fell_significantly(
        now.very + now.satisfied, now.total, before.very + before.satisfied, before.total, z
    )


def satisfaction(user: Any, p: Periods, units: Iterable[Unit] | None = None) -> list[Satisfaction]:
    """Citizens' ratings of dossiers handled by each unit (and the units below it), this month against
    the month before, from ``cchc.surveys.ratings.unit_distribution``. Without ``units``: the People's
    Committees at the top of the person's scope (their subtree holds every handling unit)."""
    scope = survey_units_for(user)
    if units is None:
        committees = list(scope.filter(kind=UnitKind.PEOPLES_COMMITTEE).order_by("path"))
        units = [u for u in committees if not any(u.path.startswith(c.path) and u != c for c in committees)]
    else:
        allowed = set(scope.filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True))
        units = [u for u in units if u.pk in allowed]
    before = p.previous_month
    return [
        Satisfaction(
            u,
            unit_distribution(u, p.month.first, p.month.last),
            unit_distribution(u, before.first, before.last),
        )
        for u in list(units)[:3]
    ]


# --- charts of the leader's page ---------------------------------------------------------------------------

CHART_UNITS = LIST_ROWS


def leader_charts(user: Any, p: Periods, slipping: Slipping) -> list[Chart]:
    """The late rate by month (the city's line over twelve months), the units' late rates of the month
    as bars beside the city's line, and the overdue tasks and petitions of the units that are slipping.
    The unit figures are the table's own (``slipping``); the months come from ``late_by_month``, the
    same daily facts the month's figure reads."""
    first = (p.month.first - dt.timedelta(days=330)).replace(day=1)
    months = late_by_month(user, first, p.month.last)
    charts = [
        Chart(
            "chart-late-by-month",
            _("Tỷ lệ hồ sơ trễ hạn theo tháng, toàn địa bàn"),
            _("Tháng"),
            [f"{m.month:%m/%Y}" for m in months],
            [
                Series(
                    _("Tỷ lệ trễ hạn (%)"), [pct(m.late_rate) for m in months], kind="line", colour="city"
                ),
            ],
            percent=True,
            note=_("Tháng chưa có hồ sơ đã giải quyết để trống."),
        )
    ]
    ranked = [r for r in slipping.rows if r.month.rate is not None][:CHART_UNITS]
    if ranked:
        city = pct(slipping.month.rate)
        charts.append(
            Chart(
                "chart-units-month",
                _("Tỷ lệ trễ hạn của các đơn vị, %(month)s, so với tỷ lệ chung") % {"month": p.month_label},
                _("Đơn vị"),
                [r.unit.name for r in ranked],
                [
                    Series(_("Đơn vị (%)"), [pct(r.month.rate) for r in ranked]),
                    Series(_("Tỷ lệ chung (%)"), [city for _ in ranked], kind="line", colour="city"),
                ],
                percent=True,
                horizontal=True,
                note=_("Đơn vị đang chậm có từ %(n)s hồ sơ đã giải quyết trong tháng.")
                % {"n": slipping.min_finished},
                labels_are_names=True,
            )
        )
    overdue = [r for r in slipping.rows if r.tasks.value or r.petitions.value][:CHART_UNITS]
    if overdue:
        charts.append(
            Chart(
                "chart-overdue-units",
                _("Nhiệm vụ và phản ánh, kiến nghị đang quá hạn theo đơn vị"),
                _("Đơn vị"),
                [r.unit.name for r in overdue],
                [
                    Series(_("Nhiệm vụ quá hạn"), [r.tasks.value for r in overdue], colour="tasks"),
                    Series(_("Phản ánh quá hạn"), [r.petitions.value for r in overdue], colour="petitions"),
                ],
                horizontal=True,
                stacked=True,
                labels_are_names=True,
            )
        )
    return charts
