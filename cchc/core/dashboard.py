"""The reads behind each role's first page: one function per panel (docs/dashboard.md).

Every panel answers part of product.md's one question — which unit is slipping, on what, and who is
responsible — and every figure carries the address of the list that proves it (``Figure.url``), so the
evidence is one click away. The rules of the house apply: each read goes through the owning app's
scoping helper (``dossier_units_for``/``dossiers_for``, ``tasks_for``, ``petitions_for``,
``survey_units_for``, ``units_for``), and dossier counts come from the daily facts (their unit roll-up,
``UnitDailyFact``, since no panel filters by procedure) through the league helper, never from the
dossier ledger. Ledger rows are read only for the short lists of unit-scoped people (one unit's late
dossiers, one desk's receipts), through the indexed unit and date columns.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from cchc.deadlines.actions import calendar_for
from cchc.deadlines.models import ExtensionStatus
from cchc.directives.models import Task, TaskQuerySet, TaskStatus
from cchc.directives.queries import assigner_tasks_for, lead_tasks_for, tasks_for, with_state
from cchc.dossiers.models import Dossier, DossierStep, LateList, LateListStatus, Outcome, UnitDailyFact
from cchc.dossiers.queries import (
    DEADLINE,
    OPEN_STATUSES,
    League,
    LeagueRow,
    causes_of,
    deadline_before,
    deadline_from,
    dossier_units_for,
    dossiers_for,
    late_lists_for,
    late_q,
    league_min_dossiers,
    local_day_start,
    month_bounds,
    unit_league,
    with_deadline,
    without_apology,
)
from cchc.feedback.models import OPEN_STATUSES as PETITION_OPEN
from cchc.feedback.models import Petition
from cchc.feedback.models import Status as PetitionStatus
from cchc.feedback.queries import petitions_for
from cchc.lib.deadlines import State
from cchc.lib.indices import fell_significantly
from cchc.org.models import Official, Unit, UnitKind
from cchc.org.queries import accountable, heads_on, officials_for, units_for, user_jurisdiction, user_unit
from cchc.surveys.queries import survey_units_for
from cchc.surveys.ratings import Distribution, unit_distribution, unit_distributions

# How many rows a panel lists before it says "and N more" and points to the full list.
LIST_ROWS = 10


def due_soon_working_days() -> int:
    # UNCONFIRMED (no rule found): "due soon" on the first page; 3 matches the first rung of the
    # reminder ladder (CCHC_REMINDER_LADDER "-3:officer"), so the page and the reminder agree.
    return int(getattr(settings, "CCHC_HOME_DUE_SOON_WORKING_DAYS", 3))


# --- figures and periods -------------------------------------------------------------------------------


def vn_int(value: int) -> str:
    """1234567 → "1.234.567" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def vn_percent(share: float | None) -> str:
    """0.125 → "12,5%" (decimal comma); None → "—" (no data is never 0 %)."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Figure:
    """A count with the address of the list that shows the same rows."""

    value: int
    url: str = ""

    def __str__(self) -> str:
        return vn_int(self.value)

    def __bool__(self) -> bool:
        return self.value != 0


def link(url_name: str, **params: Any) -> str:
    base = reverse(url_name)
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, False)})
    return f"{base}?{query}" if query else base


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def text(self) -> str:
        return f"từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"


@dataclass(frozen=True)
class Periods:
    """The month a page reports on, the year to date that ends with it, and today."""

    month: Period
    ytd: Period
    today: dt.date
    # The current month had no dossier figures yet, so the latest month with figures is shown.
    fallback: bool = False
    error: str = ""

    @property
    def month_label(self) -> str:
        return f"tháng {self.month.first:%m/%Y}"

    @property
    def month_value(self) -> str:
        return f"{self.month.first:%Y-%m}"

    @property
    def previous_month(self) -> Period:
        first, last = month_bounds(self.month.first - dt.timedelta(days=1))
        return Period(first, last)


ACTIVITY = Q(received__gt=0) | Q(finished_early__gt=0) | Q(finished_on_time__gt=0) | Q(finished_late__gt=0)


def parse_month(text: str) -> dt.date | None:
    """ "2022-08" → 1/8/2022; anything else → None."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def _periods_for(month_first: dt.date, today: dt.date, *, fallback: bool = False, error: str = "") -> Periods:
    first, last = month_bounds(month_first)
    last = min(last, today)
    return Periods(Period(first, last), Period(first.replace(month=1), last), today, fallback, error)


def periods(user: Any, requested: str = "", today: dt.date | None = None) -> Periods:
    """The month asked for (``?thang=2022-08``), else the current month. When the current month has no
    dossier figures yet (the first days of a month, an installation whose imports stop earlier, the 2022
    demo), the latest month with figures is shown instead, and the page says so."""
    today = today or timezone.localdate()
    error = ""
    if requested:
        month = parse_month(requested)
        if month is None:
            error = f"Tháng “{requested}” không hợp lệ; nhập theo dạng năm-tháng, ví dụ 2022-08."
        elif month > today:
            error = f"Tháng {month:%m/%Y} chưa đến; đang hiển thị tháng hiện tại."
        else:
            return _periods_for(month, today)
    current = today.replace(day=1)
    facts = UnitDailyFact.objects.filter(unit__in=dossier_units_for(user)).filter(ACTIVITY)
    if facts.filter(day__gte=current, day__lte=today).exists():
        return _periods_for(current, today, error=error)
    # Newest first through the (day, unit) index: stops at the first row, where MAX() would scan them all.
    latest = facts.filter(day__lte=today).order_by("-day").values_list("day", flat=True).first()
    if latest is None:
        return _periods_for(current, today, error=error)
    return _periods_for(latest.replace(day=1), today, fallback=True, error=error)


# --- dossiers, from the daily facts --------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFigure:
    """Dossiers finished in a period and the late ones among them; the rate only with enough of them
    (CCHC_LEAGUE_MIN_DOSSIERS, the league table's rule)."""

    finished: int
    late: int
    ranked: bool
    url: str
    min_finished: int

    @property
    def rate(self) -> float | None:
        return self.late / self.finished if self.finished and self.ranked else None

    @property
    def rate_text(self) -> str:
        return vn_percent(self.rate)

    @property
    def late_figure(self) -> Figure:
        return Figure(self.late, self.url)

    @property
    def finished_text(self) -> str:
        return vn_int(self.finished)


def _league_url(period: Period) -> str:
    return link("dossiers:league_units", date_from=period.first.isoformat(), date_to=period.last.isoformat())


def _by_code(league: League) -> dict[str, tuple[LeagueRow, bool]]:
    out = {r.key: (r, True) for r in league.ranked}
    out.update({r.key: (r, False) for r in league.too_few})
    return out


def _figure(found: tuple[LeagueRow, bool] | None, url: str, minimum: int) -> DossierFigure:
    if found is None:
        return DossierFigure(0, 0, False, url, minimum)
    row, ranked = found
    return DossierFigure(row.finished, row.late, ranked, url, minimum)


def _total_figure(league: League, url: str, minimum: int) -> DossierFigure:
    t = league.totals
    return DossierFigure(t.finished, t.late, t.finished >= minimum, url, minimum)


# --- tasks and petitions -------------------------------------------------------------------------------


def overdue_tasks(tasks: TaskQuerySet, today: dt.date) -> TaskQuerySet:
    """Tasks overdue today by the deadline machine's rule (``with_state``), as the overdue list has them.
    The due-date filter is implied by the state and lets the database use the deadline index."""
    return with_state(tasks.countable().filter(deadline__due__lt=today), today).filter(
        Q(state=State.OPEN_OVERDUE.value)
    )


def overdue_tasks_by_unit(tasks: TaskQuerySet, today: dt.date) -> dict[int, int]:
    rows = overdue_tasks(tasks, today).values_list("lead_unit").annotate(n=Count("pk")).order_by()
    return {unit_id: n for unit_id, n in rows}


def subtree_counts(counts: dict[int, int], units: Iterable[Unit]) -> dict[int, int]:
    """Per shown unit, the counts of the unit and every unit below it: the overdue-task list a figure
    links to (``?don_vi=``) lists the subtree, so the figure must count the same tasks."""
    paths = dict(Unit.objects.filter(pk__in=[k for k, n in counts.items() if n]).values_list("pk", "path"))
    below = lambda u: (n for pk, n in counts.items() if paths.get(pk, "\x00").startswith(u.path))  # noqa: E731
    return {u.pk: sum(below(u)) for u in units}


def overdue_petitions(petitions: QuerySet[Petition], today: dt.date) -> QuerySet[Petition]:
    """Open petitions past their due date, as the petition list's "Chỉ quá hạn" filter has them. The
    scope is applied as a subquery: its OR-ed joins must not multiply rows in the counts."""
    return Petition.objects.filter(pk__in=petitions.values("pk"), status__in=PETITION_OPEN, due_on__lt=today)


def overdue_petitions_by_unit(petitions: QuerySet[Petition], today: dt.date) -> dict[int, int]:
    rows = overdue_petitions(petitions, today).values_list("unit").annotate(n=Count("pk")).order_by()
    return {unit_id: n for unit_id, n in rows}


def _tasks_url(unit_id: int | None = None) -> str:
    return link("directives:overdue", don_vi=unit_id or "")


def _petitions_url(unit_id: int | None = None) -> str:
    return link("feedback:list", unit=unit_id or "", overdue="on")


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


def _behind(unit: DossierFigure, overall: DossierFigure) -> bool:
    return unit.rate is not None and overall.rate is not None and unit.rate > overall.rate


def slipping_units(user: Any, p: Periods) -> Slipping:
    """ "Đơn vị đang chậm": per unit, dossiers late in the month and the year to date (daily facts),
    tasks and petitions overdue today, and the head who answers for it; worst first (docs/dashboard.md,
    "Thứ tự")."""
    minimum = league_min_dossiers()
    month_league = unit_league(user, p.month.first, p.month.last, min_finished=minimum)
    ytd_league = unit_league(user, p.ytd.first, p.ytd.last, min_finished=minimum)
    month_url, ytd_url = _league_url(p.month), _league_url(p.ytd)
    by_month, by_ytd = _by_code(month_league), _by_code(ytd_league)
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
            month=_figure(by_month.get(u.code), month_url, minimum),
            ytd=_figure(by_ytd.get(u.code), ytd_url, minimum),
            tasks=Figure(task_figures.get(u.pk, 0), _tasks_url(u.pk)),
            petitions=Figure(petitions.get(u.pk, 0), _petitions_url(u.pk)),
            late_dossiers_url=link("dossiers:late", unit=u.pk),
            satisfaction=felt.get(u.pk, Distribution(0, 0, 0)),
            satisfaction_before=felt_before.get(u.pk, Distribution(0, 0, 0)),
        )
        for u in units
    ]
    month_total = _total_figure(month_league, month_url, minimum)
    ytd_total = _total_figure(ytd_league, ytd_url, minimum)
    for row in rows:
        row.month_behind = _behind(row.month, month_total)
        row.ytd_behind = not row.month.ranked and _behind(row.ytd, ytd_total)
    rows.sort(key=SlippingRow.sort_key)
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return Slipping(
        rows=rows,
        month=month_total,
        ytd=ytd_total,
        tasks=Figure(sum(tasks.values()), _tasks_url()),
        petitions=Figure(sum(petitions.values()), _petitions_url()),
        min_finished=minimum,
        periods=p,
    )


def late_lists_awaiting_approval(user: Any) -> list[LateList]:
    """Monthly late lists drafted by the Office and not yet approved (seed §2: published only after a
    leader approves)."""
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


# --- Office ---------------------------------------------------------------------------------------------


@dataclass
class UnitCount:
    unit: Unit
    head: Official | None
    figure: Figure


@dataclass
class TaskBoard:
    overdue: Figure
    by_unit: list[UnitCount]
    more_units: int
    awaiting: Figure
    extensions: Figure


def task_board(user: Any, today: dt.date) -> TaskBoard:
    """The Office's follow-up: overdue tasks by lead unit, completions waiting for its confirmation and
    extension requests waiting for its decision (both listed in its inbox)."""
    counts = overdue_tasks_by_unit(tasks_for(user), today)
    leading = list(Unit.objects.filter(pk__in=counts))
    rolled = subtree_counts(counts, leading)
    ranked = sorted(rolled.items(), key=lambda kv: -kv[1])
    shown = dict(ranked[:LIST_ROWS])
    units = {u.pk: u for u in leading if u.pk in shown}
    heads = heads_on(list(shown), today)
    by_unit = [
        UnitCount(units[pk], accountable(heads.get(pk, {})), Figure(n, _tasks_url(pk)))
        for pk, n in shown.items()
    ]
    by_unit.sort(key=lambda r: (-r.figure.value, r.unit.path))
    assigner = assigner_tasks_for(user)
    inbox = link("directives:inbox")
    return TaskBoard(
        overdue=Figure(sum(counts.values()), _tasks_url()),
        by_unit=by_unit,
        more_units=max(0, len(ranked) - LIST_ROWS),
        awaiting=Figure(assigner.filter(status=TaskStatus.AWAITING).count(), inbox),
        extensions=Figure(
            assigner.filter(deadline__extensions__status=ExtensionStatus.PENDING).distinct().count(), inbox
        ),
    )


@dataclass
class DossierStats:
    month: DossierFigure
    ytd: DossierFigure
    early: Figure
    on_time: Figure
    worst: list[LeagueRow]


def dossier_stats(user: Any, p: Periods) -> DossierStats:
    """Dossiers finished in the month by outcome and the units with the highest late rate (daily facts,
    the league table's figures)."""
    minimum = league_min_dossiers()
    month = unit_league(user, p.month.first, p.month.last, min_finished=minimum)
    ytd = unit_league(user, p.ytd.first, p.ytd.last, min_finished=minimum)
    totals = month.totals
    return DossierStats(
        month=_total_figure(month, _league_url(p.month), minimum),
        ytd=_total_figure(ytd, _league_url(p.ytd), minimum),
        early=Figure(totals.early or 0, _league_url(p.month)),
        on_time=Figure(totals.on_time or 0, _league_url(p.month)),
        worst=[r for r in month.ranked if r.late][:5],
    )


@dataclass
class LateListState:
    month: dt.date
    current: LateList | None
    unpublished: list[LateList] = field(default_factory=list)
    url: str = ""


def late_list_state(user: Any, today: dt.date) -> LateListState:
    """The list of last month (the one due now) and every list not yet published."""
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    lists = late_lists_for(user).select_related("jurisdiction")
    area = user_jurisdiction(user)
    mine = lists.filter(jurisdiction=area) if area is not None else lists
    return LateListState(
        month=month,
        current=mine.filter(month=month).first(),
        unpublished=list(
            lists.filter(status__in=[LateListStatus.DRAFT, LateListStatus.APPROVED]).order_by("-month")[
                :LIST_ROWS
            ]
        ),
        url=link("dossiers:latelist_index"),
    )


# --- secretariat ----------------------------------------------------------------------------------------


@dataclass
class OwnTasks:
    overdue: Figure
    due_soon: Figure
    rows: list[Task]  # overdue first, then by due date; the first ones only
    horizon: dt.date

    @property
    def more(self) -> int:
        return max(0, self.overdue.value + self.due_soon.value - len(self.rows))


def own_tasks(user: Any, tasks: TaskQuerySet, today: dt.date) -> OwnTasks:
    """Open tasks of one's own unit: overdue, and due within the next working days (the unit's
    calendar). Listed in full, with their status, in the unit's inbox."""
    unit = user_unit(user)
    horizon = today
    if unit is not None:
        horizon = calendar_for(unit.jurisdiction).add_working_days(today, due_soon_working_days())
    overdue, within = Q(state=State.OPEN_OVERDUE.value), Q(state=State.OPEN_WITHIN.value)
    qs = with_state(tasks.countable().filter(deadline__due__lte=horizon), today).filter(overdue | within)
    counts = qs.aggregate(o=Count("pk", filter=overdue), w=Count("pk", filter=within))
    inbox = link("directives:inbox")
    rows = qs.select_related("directive", "lead_unit", "deadline", "officer").order_by("deadline__due", "pk")
    return OwnTasks(
        overdue=Figure(counts["o"], inbox),
        due_soon=Figure(counts["w"], inbox),
        rows=list(rows[: 2 * LIST_ROWS]),
        horizon=horizon,
    )


@dataclass
class OverdueCheck:
    overdue: Figure
    units: int


def overdue_check(user: Any, today: dt.date) -> OverdueCheck:
    """Seed §4: Nội vụ checks how units carry out the tasks they were given; what is overdue, where."""
    counts = overdue_tasks_by_unit(tasks_for(user), today)
    return OverdueCheck(Figure(sum(counts.values()), _tasks_url()), len(counts))


@dataclass
class OrgHealth:
    without_head: list[Unit]
    without_officials: list[Unit]
    url: str


def organisation_health(user: Any, today: dt.date) -> OrgHealth:
    """Units in force with nobody to answer for them, and units with no active official on record."""
    units = list(
        units_for(user)
        .valid_on(today)
        .annotate(staffed=Exists(officials_for(user).filter(unit=OuterRef("pk"), is_active=True)))
        .order_by("path")
    )
    heads = heads_on([u.pk for u in units], today)
    return OrgHealth(
        without_head=[u for u in units if accountable(heads.get(u.pk, {})) is None],
        without_officials=[u for u in units if not u.staffed],
        url=link("org:unit_list"),
    )


# --- unit head: what the unit answers for --------------------------------------------------------------


@dataclass
class TasksOverdue:
    figure: Figure
    rows: list[Task]

    @property
    def more(self) -> int:
        return max(0, self.figure.value - len(self.rows))


def unit_tasks_overdue(user: Any, today: dt.date) -> TasksOverdue:
    """Overdue tasks one's own unit (or a unit below it) leads: the overdue list filtered to the unit
    shows the same tasks, with the head who answers for them."""
    unit = user_unit(user)
    qs = overdue_tasks(lead_tasks_for(user), today)
    rows = list(
        qs.select_related("directive", "lead_unit", "deadline").order_by("deadline__due", "pk")[:LIST_ROWS]
    )
    return TasksOverdue(Figure(qs.count(), _tasks_url(unit.pk if unit else None)), rows)


@dataclass
class LateDossiers:
    figure: DossierFigure
    rows: list[tuple[Dossier, list[dict[str, str]]]]
    causes: list[tuple[str, int]]
    list_url: str

    @property
    def more(self) -> int:
        return max(0, self.figure.late - len(self.rows))


def late_this_month(user: Any, p: Periods) -> LateDossiers:
    """The month's late dossiers of one's own units: the count from the daily facts (what the league
    table shows), the dossiers themselves with their recorded causes from the ledger."""
    minimum = league_min_dossiers()
    league = unit_league(user, p.month.first, p.month.last, min_finished=minimum)
    figure = _total_figure(league, _league_url(p.month), minimum)
    qs = dossiers_for(user).filter(
        handling_unit__in=dossier_units_for(user).values("pk"),
        outcome=Outcome.LATE,
        finished_on__gte=p.month.first,
        finished_on__lte=p.month.last,
    )
    causes: Counter[str] = Counter()
    for d in qs.only("pk", "late_causes")[:5000]:
        for c in causes_of(d) or [{"label": "Chưa xác định được nguyên nhân"}]:
            causes[c["label"]] += 1
    rows = [
        (d, causes_of(d))
        for d in qs.select_related("procedure", "handling_unit").order_by("-finished_on", "code")[:LIST_ROWS]
    ]
    unit = user_unit(user)
    return LateDossiers(
        figure=figure,
        rows=rows,
        causes=causes.most_common(),
        list_url=link("dossiers:late", unit=unit.pk if unit else ""),
    )


@dataclass
class PetitionsDue:
    by_unit: list[UnitCount]
    rows: list[Petition]
    total: Figure


def petitions_overdue(user: Any, today: dt.date) -> PetitionsDue:
    """Petitions routed to one's own units and past their due date (the write scope: what the unit
    must answer), per unit with the list filtered to it."""
    scope = petitions_for(user, write=True)
    counts = overdue_petitions_by_unit(scope, today)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=counts)}
    by_unit = [
        UnitCount(units[pk], None, Figure(n, _petitions_url(pk)))
        for pk, n in sorted(counts.items(), key=lambda kv: units[kv[0]].path)
    ]
    rows = list(
        overdue_petitions(scope, today)
        .select_related("unit", "official")
        .order_by("due_on", "pk")[:LIST_ROWS]
    )
    # One unit (the usual case): its filtered list, which leaves out petitions the head merely entered.
    url = by_unit[0].figure.url if len(by_unit) == 1 else _petitions_url()
    return PetitionsDue(by_unit, rows, Figure(sum(counts.values()), url))


# --- unit officer ---------------------------------------------------------------------------------------


@dataclass
class OfficerWork:
    tasks: OwnTasks
    petitions: list[Petition]
    petitions_count: Figure
    steps: list[DossierStep]
    steps_count: Figure
    today: dt.date


def officer_work(user: Any, today: dt.date) -> OfficerWork:
    """An officer's own desk: the unit's tasks overdue or due soon, open petitions assigned to them,
    and dossier steps in their name past the step's deadline."""
    me = getattr(user, "official", None)
    petitions = petitions_for(user, write=True).filter(official=me, status__in=PETITION_OPEN)
    steps = DossierStep.objects.filter(
        dossier__in=dossiers_for(user).filter(status__in=OPEN_STATUSES).values("pk"),
        official=me,
        finished_at__isnull=True,
        deadline_at__lt=timezone.now(),
    )
    if me is None:
        petitions, steps = petitions.none(), steps.none()
    return OfficerWork(
        tasks=own_tasks(user, tasks_for(user, write=True), today),
        petitions=list(petitions.select_related("unit").order_by("due_on", "pk")[: 2 * LIST_ROWS]),
        petitions_count=Figure(petitions.count()),
        steps=list(steps.select_related("dossier__procedure").order_by("deadline_at")[: 2 * LIST_ROWS]),
        steps_count=Figure(steps.count()),
        today=today,
    )


# --- one-stop officer -----------------------------------------------------------------------------------


@dataclass
class Desk:
    due_soon: list[Dossier]
    due_soon_count: Figure
    horizon: dt.date
    missing_apology: Figure
    missing_rows: list[Dossier]
    received_today: Figure


def one_stop_desk(user: Any, today: dt.date) -> Desk:
    """The one-stop desk: open dossiers whose appointment falls in the next working days, late dossiers
    without an apology letter (as the late list's filter has them), and today's receipts."""
    now = timezone.now()
    unit = user_unit(user)
    cal = calendar_for(unit.jurisdiction) if unit is not None else None
    horizon = cal.add_working_days(today, due_soon_working_days()) if cal is not None else today
    mine = dossiers_for(user)
    due = deadline_before(
        deadline_from(mine.filter(status__in=OPEN_STATUSES), now),
        local_day_start(horizon + dt.timedelta(days=1)),
    )
    due = with_deadline(due).select_related("procedure", "handling_unit").order_by(DEADLINE, "code")
    missing = without_apology(mine.filter(late_q(now)))
    tomorrow = local_day_start(today + dt.timedelta(days=1))
    received = mine.filter(received_at__gte=local_day_start(today), received_at__lt=tomorrow)
    return Desk(
        due_soon=list(due[:30]),
        due_soon_count=Figure(due.count(), "#den-han"),
        horizon=horizon,
        missing_apology=Figure(missing.count(), link("dossiers:late", missing_apology="on")),
        missing_rows=list(
            with_deadline(missing).select_related("procedure").order_by(DEADLINE.desc(), "-pk")[:LIST_ROWS]
        ),
        received_today=Figure(
            received.count(),
            link("dossiers:list", received_from=today.isoformat(), received_to=today.isoformat()),
        ),
    )


# --- Front ----------------------------------------------------------------------------------------------


@dataclass
class Opinions:
    by_status: list[tuple[str, Figure]]
    total: Figure
    overdue: Figure
    recent: list[Petition]
    today: dt.date


def front_opinions(user: Any, today: dt.date) -> Opinions:
    """Opinions the Front forwarded and where each stands (``petitions_for`` gives the Front what it
    submitted)."""
    scope = Petition.objects.filter(pk__in=petitions_for(user).values("pk"))
    counts = dict(scope.values_list("status").annotate(n=Count("pk")).order_by())
    by_status = [
        (str(label), Figure(counts[value], link("feedback:list", status=value)))
        for value, label in PetitionStatus.choices
        if counts.get(value)
    ]
    recent = list(scope.select_related("unit").order_by("-received_at", "-pk")[:LIST_ROWS])
    return Opinions(
        by_status=by_status,
        total=Figure(sum(counts.values()), link("feedback:list")),
        overdue=Figure(overdue_petitions(scope, today).count()),
        recent=recent,
        today=today,
    )
