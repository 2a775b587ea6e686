"""Reporting periods and due dates of the periodic reports (quarter, six months, year).

Both are settings (docs/reports.md, "Schedules"): no text found fixes one calendar for every People's
Committee. ``CCHC_REPORT_CUTOFF_DAY`` = 0 (the default) takes calendar periods (a quarter is January to
March); a day d between 1 and 28 moves every period to run from the day after d of the month before
to day d of its last month — the data cut-off that Nghị định 09/2019/NĐ-CP, Article 12 sets for
periodic reports (d = 14). ``CCHC_REPORT_DUE_DAYS_QUARTER`` / ``_HALF`` / ``_YEAR`` are the calendar
days after the period's last day by which a unit sends its report to the city.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.utils.translation import gettext

from cchc.lib.dossier_period import Period
from cchc.reports.models import Kind

PARTS: Final = {Kind.QUARTER: 4, Kind.HALF: 2, Kind.YEAR: 1}
MONTHS: Final = {Kind.QUARTER: 3, Kind.HALF: 6, Kind.YEAR: 12}
DUE_SETTINGS: Final = {
    Kind.QUARTER: "CCHC_REPORT_DUE_DAYS_QUARTER",
    Kind.HALF: "CCHC_REPORT_DUE_DAYS_HALF",
    Kind.YEAR: "CCHC_REPORT_DUE_DAYS_YEAR",
}


class ScheduleError(ValueError):
    """A period that does not exist (the message is Vietnamese)."""


@dataclass(frozen=True)
class Slot:
    kind: str
    year: int
    part: int
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def slot(kind: str, year: int, part: int) -> Slot:
    if kind not in PARTS:
        raise ScheduleError(
            gettext("Loại báo cáo «%(kind)s» không có; chọn quý, 6 tháng hoặc năm.") % {"kind": kind}
        )
    if not 1 <= part <= PARTS[Kind(kind)]:
        raise ScheduleError(gettext("Kỳ %(part)s không có trong loại báo cáo đã chọn.") % {"part": part})
    if not 2000 <= year <= 2100:
        raise ScheduleError(gettext("Năm %(year)s nằm ngoài khoảng 2000–2100.") % {"year": year})
    months = MONTHS[Kind(kind)]
    first_month = (part - 1) * months + 1
    last_month = first_month + months - 1
    cutoff = int(getattr(settings, "CCHC_REPORT_CUTOFF_DAY", 0))
    if cutoff:
        end = dt.date(year, last_month, cutoff)
        before = dt.date(year - (first_month == 1), (first_month - 2) % 12 + 1, cutoff)
        start = before + dt.timedelta(days=1)
    else:
        start, end = dt.date(year, first_month, 1), _month_end(year, last_month)
    due = end + dt.timedelta(days=int(getattr(settings, DUE_SETTINGS[Kind(kind)])))
    return Slot(kind, year, part, start, end, due)


def containing(kind: str, day: dt.date) -> Slot:
    """The period of this kind that ``day`` falls in."""
    for year in (day.year, day.year + 1):
        for part in range(1, PARTS[Kind(kind)] + 1):
            s = slot(kind, year, part)
            if s.start <= day <= s.end:
                return s
    raise ScheduleError(gettext("Không tìm được kỳ báo cáo chứa ngày này."))


def last_finished(kind: str, today: dt.date) -> Slot:
    """The latest period of this kind that has ended before ``today``."""
    current = containing(kind, today)
    return containing(kind, current.start - dt.timedelta(days=1))
