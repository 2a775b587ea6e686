"""The panels of the working roles: the Office's task board and dossier figures, the secretariat's own
tasks, what a unit head answers for, an officer's work, the one-stop desk, the Front's opinions
(docs/dashboard.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cchc.deadlines.actions import calendar_for
from cchc.deadlines.models import ExtensionStatus
from cchc.directives.models import Task, TaskQuerySet, TaskStatus
from cchc.directives.queries import assigner_tasks_for, lead_tasks_for, tasks_for, with_state
from cchc.dossiers.figures import late_finished_dossiers
from cchc.dossiers.late_rows import LateFilters, late_rows
from cchc.dossiers.models import Dossier, DossierStep, LateList, LateListStatus
from cchc.dossiers.queries import (
    DEADLINE,
    OPEN_STATUSES,
    causes_of,
    deadline_before,
    deadline_from,
    dossiers_for,
    local_day_start,
    with_deadline,
    without_apology,
)
from cchc.dossiers.rankings import LeagueRow, late_lists_for, league_min_dossiers, unit_league
from cchc.feedback.models import OPEN_STATUSES as PETITION_OPEN
from cchc.feedback.models import Petition
from cchc.feedback.models import Status as PetitionStatus
from cchc.feedback.queries import petitions_for
from cchc.home.figures import (
    LIST_ROWS,
    DossierFigure,
    Figure,
    Periods,
    due_soon_working_days,
    late_url,
    league_url,
    link,
    overdue_petitions,
    overdue_petitions_by_unit,
    overdue_tasks,
    overdue_tasks_by_unit,
    petitions_url,
    subtree_counts,
    tasks_url,
    total_figure,
)
from cchc.lib.deadlines import State
from cchc.org.models import Official, Unit
from cchc.org.queries import accountable, heads_on, officials_for, units_for, user_jurisdiction, user_unit

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
        UnitCount(units[pk], accountable(heads.get(pk, {})), Figure(n, tasks_url(pk)))
        for pk, n in shown.items()
    ]
    by_unit.sort(key=lambda r: (-r.figure.value, r.unit.path))
    assigner = assigner_tasks_for(user)
    inbox = link("directives:inbox")
    return TaskBoard(
        overdue=Figure(sum(counts.values()), tasks_url()),
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
        month=total_figure(month, league_url(p.month), minimum, late_url(p.month)),
        ytd=total_figure(ytd, league_url(p.ytd), minimum, late_url(p.ytd)),
        early=Figure(totals.early or 0, league_url(p.month)),
        on_time=Figure(totals.on_time or 0, league_url(p.month)),
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
    """Công văn 7190/UBND-NV, mục 4: Nội vụ checks how units carry out the tasks they were given; what is
    overdue, where."""
    counts = overdue_tasks_by_unit(tasks_for(user), today)
    return OverdueCheck(Figure(sum(counts.values()), tasks_url()), len(counts))


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
    return TasksOverdue(Figure(qs.count(), tasks_url(unit.pk if unit else None)), rows)


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
    unit = user_unit(user)
    figure = total_figure(league, league_url(p.month), minimum, late_url(p.month))
    qs = late_finished_dossiers(user, p.month.first, p.month.last)
    causes: Counter[str] = Counter()
    for d in qs.only("pk", "late_causes")[:5000]:
        for c in causes_of(d) or [{"label": gettext("Chưa xác định được nguyên nhân")}]:
            causes[c["label"]] += 1
    rows = [
        (d, causes_of(d))
        for d in qs.select_related("procedure", "handling_unit").order_by("-finished_on", "code")[:LIST_ROWS]
    ]
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
        UnitCount(units[pk], None, Figure(n, petitions_url(pk)))
        for pk, n in sorted(counts.items(), key=lambda kv: units[kv[0]].path)
    ]
    rows = list(
        overdue_petitions(scope, today)
        .select_related("unit", "official")
        .order_by("due_on", "pk")[:LIST_ROWS]
    )
    # One unit (the usual case): its filtered list, which leaves out petitions the head merely entered.
    url = by_unit[0].figure.url if len(by_unit) == 1 else petitions_url()
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
    # The day "received" counts: today, or the last working day when the office is closed today.
    received_day: dt.date
    received_day_is_today: bool


def one_stop_desk(user: Any, today: dt.date) -> Desk:
    """The one-stop desk: open dossiers whose appointment falls in the next working days, late dossiers
    without an apology letter (as the late list's filter has them), and today's receipts — on a day the
    office is closed (a weekend, a holiday) with nothing received, those of the last working day."""
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
    # The late list's rows without a filter, as its "no apology" filter narrows them.
    missing = without_apology(late_rows(user, LateFilters(), now, today)[1])

    def received_on(day: dt.date) -> QuerySet[Dossier]:
        return mine.filter(
            received_at__gte=local_day_start(day), received_at__lt=local_day_start(day + dt.timedelta(days=1))
        )

    day, received = today, received_on(today)
    if cal is not None and not cal.is_working_day(today) and not received.exists():
        day = today - dt.timedelta(days=1)
        while not cal.is_working_day(day) and day > today - dt.timedelta(days=30):
            day -= dt.timedelta(days=1)
        received = received_on(day)
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
            link("dossiers:list", received_from=day.isoformat(), received_to=day.isoformat()),
        ),
        received_day=day,
        received_day_is_today=day == today,
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
