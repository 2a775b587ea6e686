"""Periods of recurring tasks (hằng tháng, hằng quý, 6 tháng, hằng năm) and their occurrences (no Django).

A recurring task is a series; each period it spawns one dated occurrence. The occurrence is due on a
fixed day of the period's last month: ND 09/2019 Art. 13 puts regular reports "by the 25th of the last
month of the period" (docs/rules/directive-tasks.md [CONFIRMED]); that it applies to every recurring task is
not written anywhere, so the day is a setting (``CCHC_OCCURRENCE_DUE_DAY``, default 25). A due day on a
holiday is moved by the deadline machine, not here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class Every(StrEnum):
    MONTH = "monthly"
    QUARTER = "quarterly"
    HALF_YEAR = "half_yearly"
    YEAR = "yearly"


MONTHS_IN: dict[Every, int] = {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF_YEAR: 6, Every.YEAR: 12}
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    every: Every

    @property
    def label(self) -> str:
        y = self.start.year
        if self.every == Every.MONTH:
            return f"Tháng {self.start.month}/{y}"
        if self.every == Every.QUARTER:
            return f"Quý {ROMAN[(self.start.month - 1) // 3]}/{y}"
        if self.every == Every.HALF_YEAR:
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        return f"Năm {y}"

    def due(self, due_day: int) -> dt.date:
        """Day ``due_day`` of the period's last month (the month's last day if it is shorter)."""
        last = calendar.monthrange(self.end.year, self.end.month)[1]
        return dt.date(self.end.year, self.end.month, min(max(due_day, 1), last))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def period_containing(day: dt.date, every: Every) -> Period:
    size = MONTHS_IN[every]
    first_month = ((day.month - 1) // size) * size + 1
    start = dt.date(day.year, first_month, 1)
    end_year, end_month = _add_months(day.year, first_month, size - 1)
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return Period(start, end, every)


def next_period(period: Period) -> Period:
    return period_containing(period.end + dt.timedelta(days=1), period.every)


def periods_from(first_day: dt.date, every: Every) -> Iterator[Period]:
    period = period_containing(first_day, every)
    while True:
        yield period
        period = next_period(period)


def periods_to_spawn(
    series_start: dt.date,
    today: dt.date,
    every: Every,
    *,
    due_day: int,
    until: dt.date | None = None,
    not_due_before: dt.date | None = None,
) -> list[Period]:
    """Every period of a series that should have its occurrence by ``today``: the period has begun,
    its due day is not before the series started (a series given on the 28th does not owe that month's
    report due on the 25th) nor before ``not_due_before`` (a series entered late does not owe reports
    nobody asked for), and it begins no later than ``until`` when the series has an end."""
    floor = max(series_start, not_due_before) if not_due_before else series_start
    out: list[Period] = []
    for period in periods_from(series_start, every):
        if period.start > today or (until is not None and period.start > until):
            break
        if period.due(due_day) < floor:
            continue
        out.append(period)
    return out
