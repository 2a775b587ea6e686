"""The early-warning models of dossiers, their steps, tasks and petitions (pure, no Django).

Each model is a ``Levelled`` history: finished items are added under a list of keys from narrow to
wide (this unit's, then everyone's), and an open item is judged at the narrowest key with enough
comparable history (``survival.estimate``). Times are working days on one axis (``office_days``), so
"6 ngày làm việc" on screen means six days of office hours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from cchc.lib.earlywarning.survival import (
    LEVEL_LABELS,
    LEVEL_SHARE,
    LEVEL_UNIT,
    LEVEL_WIDE,
    Estimate,
    History,
    estimate,
    gettext_noop,
)

DEFAULT_WINDOW_DAYS: Final = 180
DEFAULT_MIN_ALIVE: Final = 20
# Shares of a time limit are measured only from points with more than this many working days left.
SHARE_MIN_DAYS: Final = 0.05
_ORIGIN: Final = dt.datetime(2000, 1, 1)


class _Hours(Protocol):
    @property
    def hours_per_day(self) -> float: ...


class HoursCalendar(Protocol):
    @property
    def hours(self) -> _Hours: ...
    def working_hours_between(self, a: dt.datetime, b: dt.datetime) -> float: ...


def office_days(cal: HoursCalendar, t: dt.datetime) -> float:
    """``t`` (naive local time) on the working-day axis: office time since a fixed origin, in days."""
    return cal.working_hours_between(_ORIGIN, t) / cal.hours.hours_per_day


def net_of_waits(x: float, waits: Sequence[tuple[float, float]]) -> float:
    """``x`` on the axis of one dossier with its waits for the citizen taken out: the time between a
    supplement request and its completion does not count (as in the outcome rules, docs/outcomes.md), so
    past dossiers that waited do not look slower than they were."""
    total = 0.0
    # A plain running sum, not ``sum()`` (compensated since Python 3.12), so the array version
    # (``vector.net_of_waits``) gives the same float.
    for a, b in waits:
        if a < x:
            total += max(0.0, min(x, b) - a)
    return x - total


def day_start(d: dt.date) -> dt.datetime:
    """The morning of ``d``, when the daily risk is computed (before office hours)."""
    return dt.datetime.combine(d, dt.time(0, 0))


class Levelled:
    """A ``History`` per level; an item's keys are given narrowest first, one per level."""

    def __init__(
        self,
        level_names: Sequence[str] = (LEVEL_UNIT, LEVEL_WIDE),
        *,
        window_days: int = DEFAULT_WINDOW_DAYS,
        min_alive: int = DEFAULT_MIN_ALIVE,
    ) -> None:
        self.level_names = tuple(level_names)
        self.history = History(window_days)
        self.min_alive = min_alive

    def add(self, keys: Sequence[Hashable], finished_on: dt.date, duration: float) -> None:
        for level, key in zip(self.level_names, keys, strict=True):
            self.history.add((level, key), finished_on.toordinal(), duration)

    def estimate(
        self, keys: Sequence[Hashable], today: dt.date, *, elapsed: float, left: float, legal: float
    ) -> Estimate:
        day = today.toordinal()
        levels = [
            (level, self.history.durations((level, key), day))
            for level, key in zip(self.level_names, keys, strict=True)
        ]
        return estimate(levels, elapsed=elapsed, left=left, legal=legal, min_alive=self.min_alive)


# --- dossiers and their steps --------------------------------------------------------------------------


@dataclass(frozen=True)
class FinishedStep:
    seq: int
    unit: Hashable
    start: float  # working-day axis (``office_days``)
    finish: float


@dataclass(frozen=True)
class OpenDossier:
    """An open dossier as the model sees it on one morning (all times on the working-day axis)."""

    procedure: Hashable
    handling_unit: Hashable
    now: float
    appointment: float  # after supplement shifts
    seq: int = 0  # the step in progress (0: none recorded, counted from receipt)
    step_unit: Hashable = None
    step_start: float | None = None  # the receipt when seq is 0
    step_deadline: float | None = None


class DossierModel:
    """Two histories: the rest of a dossier from the start of step k (for the appointment) and one step
    alone (for the step's own deadline)."""

    def __init__(self, *, window_days: int = DEFAULT_WINDOW_DAYS, min_alive: int = DEFAULT_MIN_ALIVE) -> None:
        self.rest = Levelled(window_days=window_days, min_alive=min_alive)
        self.step = Levelled(window_days=window_days, min_alive=min_alive)
        # The fallback before the legal time: every procedure together, each dossier's remaining time as a
        # share of the time it had left by law at that step (1 = used exactly its time).
        self.share = Levelled((LEVEL_SHARE,), window_days=window_days, min_alive=min_alive)

    def add_finished(
        self,
        procedure: Hashable,
        handling_unit: Hashable,
        received: float,
        end: float,
        finished_on: dt.date,
        steps: Sequence[FinishedStep] = (),
        appointment: float | None = None,
    ) -> None:
        """One finished dossier: its whole span (as "step 0") and each step's share of it."""
        self.rest.add(((procedure, handling_unit, 0), (procedure, 0)), finished_on, max(end - received, 0.0))
        if appointment is not None:
            for start in (received, *(s.start for s in steps)):
                if appointment - start > SHARE_MIN_DAYS:
                    self.share.add(("all",), finished_on, max(end - start, 0.0) / (appointment - start))
        for s in steps:
            self.rest.add(
                ((procedure, handling_unit, s.seq), (procedure, s.seq)), finished_on, max(end - s.start, 0.0)
            )
            self.step.add(
                ((procedure, s.seq, s.unit), (procedure, s.seq)), finished_on, max(s.finish - s.start, 0.0)
            )

    def dossier_risk(self, d: OpenDossier, today: dt.date) -> Estimate:
        """Risk of missing the appointment: time left before it against how long the rest took."""
        start = d.step_start if d.step_start is not None else d.now
        elapsed = max(d.now - start, 0.0)
        left = d.appointment - d.now
        # Legal fallback: the open step uses its own time limit (or what it already took, when past it),
        # then the steps after it use the time between its deadline and the appointment.
        if d.step_deadline is not None:
            legal = max(elapsed, d.step_deadline - start) + max(d.appointment - d.step_deadline, 0.0)
        else:
            legal = d.appointment - start
        keys = ((d.procedure, d.handling_unit, d.seq), (d.procedure, d.seq))
        e = self.rest.estimate(keys, today, elapsed=elapsed, left=left, legal=legal)
        scale = d.appointment - start
        if not e.insufficient or scale <= SHARE_MIN_DAYS:
            return e
        s = self.share.estimate(("all",), today, elapsed=elapsed / scale, left=left / scale, legal=1.0)
        if s.level != LEVEL_SHARE:
            return e
        return Estimate(
            s.risk, LEVEL_SHARE, s.compared, s.typical * scale, s.expected_more * scale, elapsed, left
        )

    def step_risk(self, d: OpenDossier, today: dt.date) -> Estimate | None:
        """Risk of the open step missing its own deadline (None without a step deadline)."""
        if d.step_start is None or d.step_deadline is None or d.seq == 0:
            return None
        elapsed = max(d.now - d.step_start, 0.0)
        keys = ((d.procedure, d.seq, d.step_unit), (d.procedure, d.seq))
        return self.step.estimate(
            keys, today, elapsed=elapsed, left=d.step_deadline - d.now, legal=d.step_deadline - d.step_start
        )


# --- tasks and petitions -------------------------------------------------------------------------------


class SpanModel:
    """Tasks (keys: lead unit, then every unit) and petitions (keys: unit and kind, then kind): working
    days from start to the answer or completion, against the working days left before the due date."""

    def __init__(self, *, window_days: int = DEFAULT_WINDOW_DAYS, min_alive: int = DEFAULT_MIN_ALIVE) -> None:
        self.levels = Levelled(window_days=window_days, min_alive=min_alive)

    def add_finished(self, unit_key: Hashable, wide_key: Hashable, finished_on: dt.date, took: float) -> None:
        self.levels.add((unit_key, wide_key), finished_on, max(took, 0.0))

    def risk(
        self,
        unit_key: Hashable,
        wide_key: Hashable,
        today: dt.date,
        *,
        elapsed: float,
        left: float,
        legal: float,
    ) -> Estimate:
        return self.levels.estimate((unit_key, wide_key), today, elapsed=elapsed, left=left, legal=legal)


# --- words for the screen ------------------------------------------------------------------------------


def _same(text: str) -> str:
    return text


def _days(x: float, tr: Callable[[str], str] = _same) -> str:
    r = round(x, 1)
    text = f"{r:.0f}" if r == int(r) else f"{r:.1f}".replace(".", ",")
    return tr(gettext_noop("{n} ngày làm việc")).format(n=text)


def explain(e: Estimate, what: str, tr: Callable[[str], str] = _same) -> str:
    """One sentence a civil servant can check: "Bước thẩm định ở Phòng TN&MT thường mất 6 ngày làm việc
    (lịch sử của đơn vị, 42 hồ sơ); đã qua 2 ngày làm việc, còn 3 ngày làm việc đến hạn.".

    ``tr`` translates each message (Django's ``gettext`` on a page in English); the default keeps the
    Vietnamese, which is what every stored or sent text uses."""

    def days(x: float) -> str:
        return _days(x, tr)

    if e.left <= 0:
        tail = tr(gettext_noop("đã quá hạn {days}")).format(days=days(-e.left))
    else:
        tail = tr(gettext_noop("còn {days} đến hạn")).format(days=days(e.left))
    if e.level == LEVEL_SHARE:
        return tr(
            gettext_noop(
                "{what}: chưa đủ dữ liệu của thủ tục này; theo mọi thủ tục, phần việc còn lại thường mất "
                "{typical}; đã qua {elapsed}, dự kiến cần thêm {more}, {tail}."
            )
        ).format(
            what=what, typical=days(e.typical), elapsed=days(e.elapsed), more=days(e.expected_more), tail=tail
        )
    if e.insufficient:
        return tr(
            gettext_noop(
                "{what}: chưa đủ dữ liệu lịch sử, tính theo thời hạn quy định {typical}; "
                "đã qua {elapsed}, {tail}."
            )
        ).format(what=what, typical=days(e.typical), elapsed=days(e.elapsed), tail=tail)
    return tr(
        gettext_noop(
            "{what} thường mất {typical} ({level}, {compared} trường hợp so sánh); đã qua {elapsed}, "
            "dự kiến cần thêm {more}, {tail}."
        )
    ).format(
        what=what,
        typical=days(e.typical),
        level=tr(LEVEL_LABELS[e.level]),
        compared=e.compared,
        elapsed=days(e.elapsed),
        more=days(e.expected_more),
        tail=tail,
    )
