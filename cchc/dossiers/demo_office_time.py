"""Office time as integer minutes over a calendar's working days: the demo generator's hot path."""

from __future__ import annotations

import bisect
import datetime as dt

from cchc.lib.workcal import WorkCalendar


class OfficeClock:
    """Instants as office minutes counted over the working days of ``cal`` (the generator's hot path:
    the same arithmetic as ``WorkCalendar.add_working_hours``, in integers)."""

    def __init__(self, cal: WorkCalendar, first: dt.date, last: dt.date) -> None:
        self.days = cal.working_days_in(first, last)
        h = cal.hours
        self.morning_start = _minutes(h.morning_start)
        self.morning = _minutes(h.morning_end) - self.morning_start
        self.afternoon_start = _minutes(h.afternoon_start)
        self.per_day = self.morning + _minutes(h.afternoon_end) - self.afternoon_start
        self.working = frozenset(self.days)

    def pos(self, t: dt.datetime) -> int:
        """Office minutes elapsed before ``t`` since the first day."""
        rank = bisect.bisect_left(self.days, t.date())
        within = 0
        if t.date() in self.working:
            m = t.hour * 60 + t.minute
            if m <= self.morning_start:
                within = 0
            elif m <= self.morning_start + self.morning:
                within = m - self.morning_start
            elif m <= self.afternoon_start:
                within = self.morning
            else:
                within = min(self.morning + m - self.afternoon_start, self.per_day)
        return rank * self.per_day + within

    def at(self, pos: int) -> dt.datetime:
        """The instant ``pos`` office minutes in: the end of the afternoon stays on its day (17:00), the end
        of the morning is written as the start of the afternoon (the same office time)."""
        rank, offset = divmod(pos - 1, self.per_day)
        offset += 1
        m = (
            self.morning_start + offset
            if offset < self.morning
            else self.afternoon_start + offset - self.morning
        )
        return dt.datetime.combine(self.days[rank], dt.time(m // 60, m % 60))


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute
