"""Who reads and changes which directives and tasks, and the reads the screens share.

Scope (docs/architecture.md, "Rules of the house"): leader, Office, secretariat and auditor read every
directive and task of their jurisdiction; every other role reads the tasks its own unit (or a unit
below it) leads, coordinates or assigned, and the directives those tasks come from. A unit updates only
its own tasks (lead or coordinating, own subtree); the leader and the auditor update nothing. Only the
assigner (the Office, or the unit named as assigner) confirms, sends back or decides extensions. Only
the Office keeps the register.

Statuses come from the deadline machine: ``with_state`` is ``cchc.lib.deadlines.state_of`` written as a
SQL expression so lists can filter and count by status on any engine; a test holds the two equal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext_noop

from cchc.core.roles import JURISDICTION_WIDE, Role, is_active_user
from cchc.directives.models import Directive, DirectiveUpload, Task, TaskQuerySet, TaskStatus
from cchc.lib.deadlines import State
from cchc.lib.names import natural_key
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.org.queries import user_jurisdiction, user_unit

CANCELLED = "cancelled"
# docs/rules/directive-tasks.md [CONFIRMED] with "chờ xác nhận" [PRACTICE].
STATE_LABELS: dict[str, str] = {
    State.OPEN_WITHIN: gettext_noop("Chưa hoàn thành – trong hạn"),
    State.OPEN_OVERDUE: gettext_noop("Chưa hoàn thành – quá hạn"),
    State.OPEN_NO_DEADLINE: gettext_noop("Chưa hoàn thành – không có thời hạn"),
    State.AWAITING_CONFIRMATION: gettext_noop("Chờ xác nhận hoàn thành"),
    State.DONE_ON_TIME: gettext_noop("Hoàn thành đúng hạn"),
    State.DONE_LATE: gettext_noop("Hoàn thành quá hạn"),
    State.DONE_NO_DEADLINE: gettext_noop("Hoàn thành – không có thời hạn"),
    CANCELLED: gettext_noop("Đã hủy"),
}
STATE_SHORT: dict[str, str] = {
    State.OPEN_WITHIN: gettext_noop("Trong hạn"),
    State.OPEN_OVERDUE: gettext_noop("Quá hạn"),
    State.OPEN_NO_DEADLINE: gettext_noop("Không thời hạn"),
    State.AWAITING_CONFIRMATION: gettext_noop("Chờ xác nhận"),
    State.DONE_ON_TIME: gettext_noop("Xong đúng hạn"),
    State.DONE_LATE: gettext_noop("Xong quá hạn"),
    State.DONE_NO_DEADLINE: gettext_noop("Xong (không hạn)"),
    CANCELLED: gettext_noop("Đã hủy"),
}
STATE_BADGES: dict[str, str] = {
    State.OPEN_WITHIN: "text-bg-primary",
    State.OPEN_OVERDUE: "text-bg-danger",
    State.OPEN_NO_DEADLINE: "text-bg-secondary",
    State.AWAITING_CONFIRMATION: "text-bg-warning",
    State.DONE_ON_TIME: "text-bg-success",
    State.DONE_LATE: "text-bg-dark",
    State.DONE_NO_DEADLINE: "text-bg-success",
    CANCELLED: "text-bg-light",
}
STATE_ORDER = [
    State.OPEN_OVERDUE,
    State.OPEN_WITHIN,
    State.OPEN_NO_DEADLINE,
    State.AWAITING_CONFIRMATION,
    State.DONE_ON_TIME,
    State.DONE_LATE,
    State.DONE_NO_DEADLINE,
]
DONE_STATES = (State.DONE_ON_TIME, State.DONE_LATE, State.DONE_NO_DEADLINE)
# Roles that may never change a task, whatever their unit (the leader's unit is the committee, whose
# subtree is every unit: reading all is right, writing all is not).
NEVER_WRITE = frozenset({Role.LEADER, Role.AUDITOR})


# --- directives -----------------------------------------------------------------------------------


def directives_for(user: Any, *, write: bool = False) -> QuerySet[Directive]:
    if not is_active_user(user):
        return Directive.objects.none()
    if user.is_superuser:
        return Directive.objects.all()
    area = user_jurisdiction(user)
    if write:
        if user.role != Role.OFFICE or area is None:
            return Directive.objects.none()
        return Directive.objects.filter(jurisdiction__path__startswith=area.path)
    if user.role in JURISDICTION_WIDE:
        if area is None:
            return Directive.objects.none()
        return Directive.objects.filter(jurisdiction__path__startswith=area.path)
    return Directive.objects.filter(pk__in=tasks_for(user).values("directive_id"))


def uploads_in(area: Jurisdiction) -> QuerySet[DirectiveUpload]:
    """Directive files uploaded for the reader in ``area`` or the areas below it: what the register
    keeper of ``area`` may review."""
    return DirectiveUpload.objects.filter(jurisdiction__path__startswith=area.path)


def can_keep_register(user: Any) -> bool:
    """May this person add directives at all (before any exists)?"""
    if not is_active_user(user):
        return False
    return bool(user.is_superuser or (user.role == Role.OFFICE and user_jurisdiction(user) is not None))


# --- tasks ----------------------------------------------------------------------------------------


def _in_units(unit: Unit, *, assigned: bool) -> Q:
    """Tasks led or coordinated (and, with ``assigned``, given) by ``unit`` or a unit below it."""
    coordinated = Task.coordinating_units.through.objects.filter(unit__path__startswith=unit.path).values(
        "task_id"
    )
    q = Q(lead_unit__path__startswith=unit.path) | Q(pk__in=coordinated)
    if assigned:
        q |= Q(assigner_unit__path__startswith=unit.path)
    return q


def tasks_for(user: Any, *, write: bool = False) -> TaskQuerySet:
    """Tasks a person may read, or (``write``) update: progress reports on tasks their unit leads or
    coordinates."""
    if not is_active_user(user):
        return Task.objects.none()
    if user.is_superuser:
        return Task.objects.all()
    if not write and user.role in JURISDICTION_WIDE:
        area = user_jurisdiction(user)
        if area is None:
            return Task.objects.none()
        return Task.objects.filter(directive__jurisdiction__path__startswith=area.path)
    if not user.role or (write and user.role in NEVER_WRITE):
        return Task.objects.none()
    unit = user_unit(user)
    if unit is None:
        return Task.objects.none()
    return Task.objects.filter(_in_units(unit, assigned=not write))


def lead_tasks_for(user: Any) -> TaskQuerySet:
    """Tasks a person answers for as the lead unit: report completion, ask for more time, name the
    officer in charge. Coordinating units report progress only (ND 39/2022: one lead per task)."""
    if not is_active_user(user):
        return Task.objects.none()
    if user.is_superuser:
        return Task.objects.all()
    if not user.role or user.role in NEVER_WRITE:
        return Task.objects.none()
    unit = user_unit(user)
    if unit is None:
        return Task.objects.none()
    return Task.objects.filter(lead_unit__path__startswith=unit.path)


def assigner_tasks_for(user: Any) -> TaskQuerySet:
    """Tasks on which a person acts for the assigner: the Office for its jurisdiction, or anyone of the
    unit named as assigner (only the assigner confirms, sends back or decides extensions)."""
    if not is_active_user(user):
        return Task.objects.none()
    if user.is_superuser:
        return Task.objects.all()
    if not user.role or user.role in NEVER_WRITE:
        return Task.objects.none()
    area = user_jurisdiction(user)
    if user.role == Role.OFFICE and area is not None:
        return Task.objects.filter(directive__jurisdiction__path__startswith=area.path)
    unit = user_unit(user)
    if unit is None:
        return Task.objects.none()
    return Task.objects.filter(assigner_unit=unit)


def can_update(user: Any, task: Task) -> bool:
    return tasks_for(user, write=True).filter(pk=task.pk).exists()


def can_lead(user: Any, task: Task) -> bool:
    return lead_tasks_for(user).filter(pk=task.pk).exists()


def can_assign(user: Any, task: Task) -> bool:
    return assigner_tasks_for(user).filter(pk=task.pk).exists()


# --- statuses as SQL ------------------------------------------------------------------------------


def state_expression(today: dt.date, *, original: bool = False) -> Case:
    """``cchc.lib.deadlines.state_of`` over the task's deadline, as SQL. With ``original`` it judges
    against the first due date, ignoring approved extensions (the "late against the original deadline"
    figures: the original deadline stays in the statistics)."""
    due = "deadline__original_due" if original else "deadline__due"
    done = Q(deadline__done_on__isnull=False)
    # Judged by the day the unit reported, when known (the unit does not pay for the assigner's delay).
    on_time = Q(deadline__reported_on__isnull=False, deadline__reported_on__lte=F(due)) | Q(
        deadline__reported_on__isnull=True, deadline__done_on__lte=F(due)
    )
    return Case(
        When(status=TaskStatus.CANCELLED, then=Value(CANCELLED)),
        When(done & Q(**{f"{due}__isnull": True}), then=Value(State.DONE_NO_DEADLINE.value)),
        When(done & on_time, then=Value(State.DONE_ON_TIME.value)),
        When(done, then=Value(State.DONE_LATE.value)),
        When(deadline__reported_on__isnull=False, then=Value(State.AWAITING_CONFIRMATION.value)),
        When(Q(**{f"{due}__isnull": True}), then=Value(State.OPEN_NO_DEADLINE.value)),
        When(Q(**{f"{due}__gte": today}), then=Value(State.OPEN_WITHIN.value)),
        default=Value(State.OPEN_OVERDUE.value),
        output_field=CharField(),
    )


def with_state(qs: TaskQuerySet, today: dt.date) -> TaskQuerySet:
    return qs.annotate(state=state_expression(today), state_original=state_expression(today, original=True))


def overdue_tasks(tasks: TaskQuerySet, today: dt.date) -> TaskQuerySet:
    """THE overdue tasks (the figure on every home page, the overdue list and its export, the operations
    centre): countable tasks still open past their current due date, by the deadline machine's rule
    (``with_state``). The due-date filter is implied by the state and lets the database use the
    deadline index."""
    return with_state(tasks.countable().filter(deadline__due__lt=today), today).filter(
        Q(state=State.OPEN_OVERDUE.value)
    )


def received_between(qs: TaskQuerySet, first: dt.date | None, last: dt.date | None) -> TaskQuerySet:
    """Tasks given (clock started) within a period."""
    if first is not None:
        qs = qs.filter(deadline__start_date__gte=first)
    if last is not None:
        qs = qs.filter(deadline__start_date__lte=last)
    return qs


# --- figures --------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts of one group of tasks (a unit, a directive, everything) by status."""

    states: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    late_vs_original: int = 0  # done late or overdue now, judged against the original due date
    extended: int = 0

    @property
    def total(self) -> int:
        return sum(n for s, n in self.states.items() if s != CANCELLED)

    def __getitem__(self, state: str) -> int:
        # Unknown keys raise, so templates fall back to attributes ({{ t.total }}).
        if state not in STATE_LABELS:
            raise KeyError(state)
        return self.states.get(state, 0)

    @property
    def done(self) -> int:
        return sum(self[s] for s in DONE_STATES)

    @property
    def open(self) -> int:
        return self[State.OPEN_WITHIN] + self[State.OPEN_OVERDUE] + self[State.OPEN_NO_DEADLINE]

    @property
    def overdue(self) -> int:
        return self[State.OPEN_OVERDUE]

    @property
    def done_pct(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0

    def add(self, other: Tally) -> None:
        for s, n in other.states.items():
            self.states[s] += n
        self.late_vs_original += other.late_vs_original
        self.extended += other.extended


def tally_by(qs: TaskQuerySet, key: str, today: dt.date) -> dict[Any, Tally]:
    """{value of ``key``: Tally} over countable tasks, in three grouped queries."""
    base = with_state(qs.countable(), today)
    out: dict[Any, Tally] = defaultdict(Tally)
    for row in base.values(key, "state").annotate(n=Count("pk")).order_by():
        out[row[key]].states[row["state"]] += row["n"]
    late = Q(state_original__in=[State.DONE_LATE.value, State.OPEN_OVERDUE.value])
    for row in base.filter(late).values(key).annotate(n=Count("pk")).order_by():
        out[row[key]].late_vs_original += row["n"]
    extended = base.exclude(deadline__original_due=F("deadline__due")).exclude(deadline__due__isnull=True)
    for row in extended.values(key).annotate(n=Count("pk")).order_by():
        out[row[key]].extended += row["n"]
    return dict(out)


def total_of(tallies: dict[Any, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.add(t)
    return total


_KIND_ORDER: dict[str, int] = {
    str(k): i for i, k in enumerate([UnitKind.AGENCY, UnitKind.WARD_COMMITTEE, UnitKind.FRONT])
}


def unit_sort_key(unit: Unit) -> tuple[Any, ...]:
    """Agencies, then wards, then the Front; by name within each as people read names (``natural_key``:
    letters before diacritics, Phường 2 before Phường 10), the same on every database."""
    return _KIND_ORDER.get(unit.kind, 9), natural_key(unit.name)
