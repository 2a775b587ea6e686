"""Pure deadline arithmetic shared by tasks, petitions and accountability requests (no Django).

One clock for every item (architecture.md "One machine for every deadline"): it starts, may pause,
may be extended (the original due date is kept), and ends. Before the end someone is reminded, after
it someone is escalated to; afterwards the item counts as on time or late.

Day-based limits end at the end of their last day (BLDS 2015 Art. 147–148, docs/rules/working-days.md), so a
due date, not an instant, is what the limit produces; hour-based limits produce an instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class CalendarLike(Protocol):
    def is_working_day(self, d: dt.date) -> bool: ...
    def add_working_days(self, start: dt.date | dt.datetime, n: int) -> dt.date: ...
    def add_calendar_days(self, start: dt.date | dt.datetime, n: int) -> dt.date: ...
    def add_months(self, start: dt.date | dt.datetime, n: int) -> dt.date: ...
    def working_days_between(self, a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> int: ...


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"
    DAYS = "days"
    MONTHS = "months"


@dataclass(frozen=True)
class Limit:
    value: int
    unit: LimitUnit = LimitUnit.WORKING_DAYS


@dataclass(frozen=True)
class Pause:
    """A span during which the clock stops (e.g. ND 59/2019 Art. 14(1): suspension does not count)."""

    start: dt.date
    end: dt.date | None  # None: still paused


def due_date(start: dt.date | dt.datetime, limit: Limit, cal: CalendarLike) -> dt.date:
    """The last day of a limit counted from ``start`` (the start day itself is not counted)."""
    if limit.unit == LimitUnit.WORKING_DAYS:
        return cal.add_working_days(start, limit.value)
    if limit.unit == LimitUnit.DAYS:
        return cal.add_calendar_days(start, limit.value)
    return cal.add_months(start, limit.value)


def paused_length(pauses: Iterable[Pause], unit: LimitUnit, cal: CalendarLike, today: dt.date) -> int:
    """How many days (of the limit's own kind) the clock stood still. An open pause counts up to today."""
    total = 0
    for p in pauses:
        end = p.end or today
        if end <= p.start:
            continue
        if unit == LimitUnit.WORKING_DAYS:
            total += max(0, cal.working_days_between(p.start, end))
        else:
            total += (end - p.start).days
    return total


def effective_due(
    start: dt.date | dt.datetime,
    limit: Limit,
    cal: CalendarLike,
    *,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
    today: dt.date | None = None,
) -> dt.date:
    """The due date after pauses and an approved extension (both counted in the limit's own unit)."""
    today = today or dt.date.today()
    shift = paused_length(pauses, limit.unit, cal, today) + extension_days
    base = due_date(start, limit, cal)
    if shift == 0:
        return base
    if limit.unit == LimitUnit.WORKING_DAYS:
        return cal.add_working_days(base, shift)
    return cal.add_calendar_days(base, shift)


class State(StrEnum):
    # docs/rules/directive-tasks.md [CONFIRMED]: done on time / done late; not done within time / overdue /
    # without a deadline; plus "awaiting the assigner's confirmation" [PRACTICE].
    OPEN_WITHIN = "open_within"
    OPEN_OVERDUE = "open_overdue"
    OPEN_NO_DEADLINE = "open_no_deadline"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    DONE_NO_DEADLINE = "done_no_deadline"


def state_of(
    due: dt.date | None,
    *,
    today: dt.date,
    done_on: dt.date | None = None,
    reported_on: dt.date | None = None,
) -> State:
    """Where an item stands. ``reported_on`` is the day the unit reported completion (awaiting the
    assigner's confirmation); ``done_on`` the day the completion was confirmed, judged by the day the
    unit reported it when known, since the unit should not pay for the assigner's slowness."""
    if done_on is not None:
        finished = reported_on or done_on
        if due is None:
            return State.DONE_NO_DEADLINE
        return State.DONE_ON_TIME if finished <= due else State.DONE_LATE
    if reported_on is not None:
        return State.AWAITING_CONFIRMATION
    if due is None:
        return State.OPEN_NO_DEADLINE
    return State.OPEN_WITHIN if today <= due else State.OPEN_OVERDUE


def days_overdue(due: dt.date, today: dt.date, cal: CalendarLike, *, working: bool = True) -> int:
    if today <= due:
        return 0
    return cal.working_days_between(due, today) if working else (today - due).days


def working_days_before(day: dt.date, n: int, cal: CalendarLike) -> dt.date:
    """The n-th working day before ``day`` (n ≥ 0; n = 0 gives ``day`` moved back to a working day)."""
    d = day
    while not cal.is_working_day(d):
        d -= dt.timedelta(days=1)
    for _ in range(n):
        d -= dt.timedelta(days=1)
        while not cal.is_working_day(d):
            d -= dt.timedelta(days=1)
    return d


@dataclass(frozen=True)
class LadderStep:
    """One rung of the reminder/escalation ladder: ``offset`` working days relative to the due date
    (negative: before it), and who hears about it."""

    key: str
    offset: int
    audience: str  # "officer" | "unit_head" | "office" | "leader"


# Reminders before the deadline, escalation after it (unit officer → unit head → Office →
# leader). The offsets are not fixed by any text read (docs/rules/directive-tasks.md UNCONFIRMED): settings
# override them.
DEFAULT_LADDER: tuple[LadderStep, ...] = (
    LadderStep("before_3", -3, "officer"),
    LadderStep("before_1", -1, "unit_head"),
    LadderStep("after_1", 1, "unit_head"),
    LadderStep("after_3", 3, "office"),
    LadderStep("after_5", 5, "leader"),
)


def fire_date(due: dt.date, step: LadderStep, cal: CalendarLike) -> dt.date:
    if step.offset < 0:
        return working_days_before(due, -step.offset, cal)
    if step.offset == 0:
        return working_days_before(due, 0, cal)
    return cal.add_working_days(due, step.offset)


def steps_due(
    due: dt.date, today: dt.date, ladder: Sequence[LadderStep], cal: CalendarLike
) -> list[LadderStep]:
    """Every rung whose day has come. Rungs before the deadline are dropped once it has passed: a
    "3 days left" message sent late would mislead; the escalation rungs take over."""
    out = []
    for step in ladder:
        when = fire_date(due, step, cal)
        if when > today:
            continue
        if step.offset < 0 and today > due:
            continue
        out.append(step)
    return out


def parse_ladder(spec: str) -> tuple[LadderStep, ...]:
    """Parse a ladder setting like ``"-3:officer,-1:unit_head,1:unit_head,3:office,5:leader"``."""
    steps = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        offset_text, _, audience = part.partition(":")
        offset = int(offset_text)
        if audience not in {"officer", "unit_head", "office", "leader"}:
            raise ValueError(f"Đối tượng nhắc việc không hợp lệ: {audience!r}")
        key = f"before_{-offset}" if offset < 0 else f"after_{offset}"
        steps.append(LadderStep(key, offset, audience))
    return tuple(steps)
