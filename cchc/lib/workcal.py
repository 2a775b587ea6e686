"""Vietnamese working-day calendar: pure date arithmetic, no Django.

Every deadline in the product goes through ``WorkCalendar``. The rules and their sources
(docs/rules/working-days.md) are summarised in docs/calendar.md:

* A working day is a day outside the weekly rest days (Saturday, Sunday) that is not a holiday or a
  day off in lieu, plus every make-up working day (làm bù), which is a working day even on a Saturday.
  A holiday that falls on a weekend is simply a day off (docs/rules/working-days.md; the compensation day is
  its own ``day-off-in-lieu`` entry).
* Day-based limits follow Bộ luật Dân sự 2015 Art. 147–148 (docs/rules/working-days.md, CONFIRMED): the day
  of the triggering event is not counted, and a period ending on a non-working day ends on the next
  working day.
* Hour-based limits count only time inside office hours, whose defaults (07:00–11:30, 13:30–17:00)
  come from real provincial practice (docs/rules/working-days.md, PRACTICE); they are configuration.

Datetimes are **naive local wall-clock times** (Asia/Ho_Chi_Minh). Aware datetimes are refused so a
UTC instant can never be read as local time by mistake: Django code converts first with
``django.utils.timezone.localtime(value).replace(tzinfo=None)``.

When is a dossier "received"? A ``date`` is taken as it stands. A ``datetime`` received after the
cut-off, or on a non-working day, is treated as received on the next working day (the brief of issue
2; docs/rules/working-days.md PRACTICE: "received after 17:00 counts from the next day"). Non-working days
have to be treated like evenings, otherwise a Saturday-morning receipt would get an earlier deadline than a
Friday-evening one.

Implementation: every query is answered through the rank ``C(x)`` = number of working days before
epoch day ``x``. Inside a wide precomputed range, ``C`` is a table lookup and the inverse is an index
into the sorted array of working days; outside it only the weekly pattern applies, which has a
closed form. The numpy versions use the same tables, so scalar and array answers cannot drift apart.
"""

from __future__ import annotations

import calendar as _stdcal
import math
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt

KIND_HOLIDAY: Final = "holiday"
KIND_DAY_OFF_IN_LIEU: Final = "day-off-in-lieu"
KIND_MAKE_UP_WORKING_DAY: Final = "make-up-working-day"
KINDS: Final = (KIND_HOLIDAY, KIND_DAY_OFF_IN_LIEU, KIND_MAKE_UP_WORKING_DAY)
DAY_OFF_KINDS: Final = frozenset({KIND_HOLIDAY, KIND_DAY_OFF_IN_LIEU})
KIND_LABELS: Final = {
    KIND_HOLIDAY: "Ngày nghỉ lễ, Tết",
    KIND_DAY_OFF_IN_LIEU: "Ngày nghỉ bù, nghỉ hoán đổi",
    KIND_MAKE_UP_WORKING_DAY: "Ngày làm bù",
}
WEEKDAY_NAMES: Final = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

_EPOCH_ORDINAL: Final = date(1970, 1, 1).toordinal()
# 1970-01-01 was a Thursday (weekday 3, Monday = 0): epoch day x has weekday (x + 3) % 7.
_EPOCH_WEEKDAY: Final = 3
# The precomputed tables cover at least these years (more if special days lie outside); beyond them the
# weekly pattern alone applies and is computed in closed form.
TABLE_FIRST_YEAR: Final = 1970
TABLE_LAST_YEAR: Final = 2100
_US_PER_HOUR: Final = 3_600_000_000

DateLike = date | datetime


def _epoch(d: date) -> int:
    return d.toordinal() - _EPOCH_ORDINAL


def _from_epoch(x: int) -> date:
    return date.fromordinal(x + _EPOCH_ORDINAL)


def _us_of_day(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _time_from_us(us: int) -> time:
    seconds, micro = divmod(us, 1_000_000)
    minutes, sec = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return time(hour, minute, sec, micro)


def _require_naive(t: datetime) -> None:
    if t.tzinfo is not None:
        raise ValueError(
            "WorkCalendar nhận giờ địa phương không kèm múi giờ; hãy chuyển bằng "
            "timezone.localtime(value).replace(tzinfo=None)"
        )


def as_day(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_day(value)


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` or the Vietnamese ``DD/MM/YYYY``; ValueError with a Vietnamese message otherwise."""
    raw = text.strip()
    try:
        if "/" in raw:
            day, month, year = (int(part) for part in raw.split("/"))
            return date(year, month, day)
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"ngày '{text}' không hợp lệ (dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY)") from None


@dataclass(frozen=True)
class OfficeHours:
    """Office hours with a lunch break, and the afternoon cut-off for receipts (docs/rules/working-days.md
    PRACTICE)."""

    morning_start: time = time(7, 0)
    morning_end: time = time(11, 30)
    afternoon_start: time = time(13, 30)
    afternoon_end: time = time(17, 0)
    cutoff: time = time(17, 0)  # received after this → counts from the next working day

    def __post_init__(self) -> None:
        if not (self.morning_start < self.morning_end <= self.afternoon_start < self.afternoon_end):
            raise ValueError(
                "Giờ làm việc không hợp lệ: cần giờ bắt đầu sáng < kết thúc sáng ≤ bắt đầu chiều "
                "< kết thúc chiều"
            )
        for t in (
            self.morning_start,
            self.morning_end,
            self.afternoon_start,
            self.afternoon_end,
            self.cutoff,
        ):
            if t.tzinfo is not None:
                raise ValueError("Giờ làm việc là giờ địa phương, không kèm múi giờ")

    @property
    def morning_us(self) -> int:
        return _us_of_day(self.morning_end) - _us_of_day(self.morning_start)

    @property
    def afternoon_us(self) -> int:
        return _us_of_day(self.afternoon_end) - _us_of_day(self.afternoon_start)

    @property
    def day_us(self) -> int:
        return self.morning_us + self.afternoon_us

    @property
    def hours_per_day(self) -> float:
        return self.day_us / _US_PER_HOUR

    def office_us_before(self, t: time) -> int:
        """Office time elapsed on a working day before wall-clock time ``t``."""
        us = _us_of_day(t)
        morning = min(max(us - _us_of_day(self.morning_start), 0), self.morning_us)
        afternoon = min(max(us - _us_of_day(self.afternoon_start), 0), self.afternoon_us)
        return morning + afternoon

    def time_at_office_us(self, offset: int) -> time:
        """The wall-clock time after ``offset`` µs of office time, 0 < offset ≤ day_us.

        An offset ending exactly at the end of the morning gives 11:30, not 13:30: a limit that runs out
        at noon runs out at noon.
        """
        if offset <= self.morning_us:
            return _time_from_us(_us_of_day(self.morning_start) + offset)
        return _time_from_us(_us_of_day(self.afternoon_start) + offset - self.morning_us)

    def is_inside(self, t: time) -> bool:
        return (self.morning_start <= t < self.morning_end) or (
            self.afternoon_start <= t < self.afternoon_end
        )


IntArray = npt.NDArray[np.int64]


class WorkCalendar:
    """Working days, deadlines and office hours for one calendar (see the module docstring)."""

    def __init__(
        self,
        *,
        days_off: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
        weekly_rest: Iterable[int] = (5, 6),
        hours: OfficeHours = OfficeHours(),
    ) -> None:
        off = frozenset(as_day(d) for d in days_off)
        extra = frozenset(as_day(d) for d in extra_workdays)
        clash = off & extra
        if clash:
            listed = ", ".join(d.isoformat() for d in sorted(clash))
            raise ValueError(f"Ngày vừa là ngày nghỉ vừa là ngày làm bù: {listed}")
        rest = frozenset(operator.index(w) for w in weekly_rest)
        if not rest <= set(range(7)):
            raise ValueError("Ngày nghỉ hằng tuần phải là số từ 0 (thứ Hai) đến 6 (Chủ nhật)")
        if len(rest) == 7:
            raise ValueError("Tuần phải có ít nhất một ngày làm việc")
        self.days_off: frozenset[date] = off
        self.extra_workdays: frozenset[date] = extra
        self.weekly_rest: frozenset[int] = rest
        self.hours = hours

        working_weekdays = [w for w in range(7) if w not in rest]
        self._k = len(working_weekdays)
        self._week_working = np.array(working_weekdays, dtype=np.int64)
        prefix = [0]
        for w in range(7):
            prefix.append(prefix[-1] + (w not in rest))
        self._week_prefix = np.array(prefix, dtype=np.int64)
        self._build_tables()

    # --- tables ---------------------------------------------------------------------------------

    def _build_tables(self) -> None:
        special = [_epoch(d) for d in (*self.days_off, *self.extra_workdays)]
        lo = _epoch(date(TABLE_FIRST_YEAR, 1, 1))
        hi = _epoch(date(TABLE_LAST_YEAR, 12, 31)) + 1
        if special:
            lo = min(lo, min(special))
            hi = max(hi, max(special) + 1)
        days = np.arange(lo, hi, dtype=np.int64)
        working = ~np.isin((days + _EPOCH_WEEKDAY) % 7, list(self.weekly_rest))
        if self.days_off:
            working[np.array([_epoch(d) for d in self.days_off], dtype=np.int64) - lo] = False
        if self.extra_workdays:
            working[np.array([_epoch(d) for d in self.extra_workdays], dtype=np.int64) - lo] = True
        self._lo = lo  # first epoch day of the table
        self._hi = hi  # one past the last; ranks are tabulated for lo..hi inclusive
        # No special day lies before lo, so there C is the weekly count; past hi it is shifted by _delta.
        self._c_lo = int(self._weekly_rank(np.array([lo]))[0])
        ranks = np.empty(hi - lo + 1, dtype=np.int64)
        ranks[0] = self._c_lo
        np.cumsum(working, out=ranks[1:])
        ranks[1:] += self._c_lo
        self._rank_at = ranks
        self._working_at = working
        self._working_days = days[working]
        self._delta = int(ranks[-1]) - int(self._weekly_rank(np.array([hi]))[0])

    def _weekly_rank(self, x: IntArray) -> IntArray:
        """Working days before epoch day x under the weekly pattern alone (plus a constant)."""
        y = x + _EPOCH_WEEKDAY
        return (y // 7) * self._k + self._week_prefix[y % 7]

    def _weekly_unrank(self, r: IntArray) -> IntArray:
        q, m = np.divmod(r, self._k)
        return 7 * q + self._week_working[m] - _EPOCH_WEEKDAY

    def _rank(self, x: IntArray) -> IntArray:
        """C(x): the number of working days before epoch day x (an offset rank; differences matter)."""
        if x.size and int(x.min()) >= self._lo and int(x.max()) <= self._hi:
            return self._rank_at[x - self._lo]
        inside = (x >= self._lo) & (x <= self._hi)
        out = self._weekly_rank(x) + np.where(x > self._hi, self._delta, 0)
        out[inside] = self._rank_at[x[inside] - self._lo]
        return out

    def _unrank(self, r: IntArray) -> IntArray:
        """The working day w with C(w) == r."""
        i = r - self._c_lo
        size = self._working_days.size
        if i.size and int(i.min()) >= 0 and int(i.max()) < size:
            return self._working_days[i]
        inside = (i >= 0) & (i < size)
        out = self._weekly_unrank(np.where(i >= size, r - self._delta, r))
        out[inside] = self._working_days[i[inside]]
        return out

    def _is_working(self, x: IntArray) -> npt.NDArray[np.bool_]:
        if x.size and int(x.min()) >= self._lo and int(x.max()) < self._hi:
            return self._working_at[x - self._lo]
        return self._rank(x + 1) != self._rank(x)

    def _rank1(self, x: int) -> int:
        if self._lo <= x <= self._hi:
            return int(self._rank_at[x - self._lo])
        return int(self._rank(np.array([x], dtype=np.int64))[0])

    def _unrank1(self, r: int) -> int:
        i = r - self._c_lo
        if 0 <= i < self._working_days.size:
            return int(self._working_days[i])
        return int(self._unrank(np.array([r], dtype=np.int64))[0])

    # --- days -----------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        day = as_day(d)
        if day in self.extra_workdays:
            return True
        if day in self.days_off:
            return False
        return day.weekday() not in self.weekly_rest

    def next_working_day(self, d: date) -> date:
        """``d`` itself if it is a working day, else the first working day after it."""
        x = _epoch(as_day(d))
        return _from_epoch(self._unrank1(self._rank1(x)))

    def previous_working_day(self, d: date) -> date:
        """``d`` itself if it is a working day, else the last working day before it."""
        x = _epoch(as_day(d))
        return _from_epoch(self._unrank1(self._rank1(x + 1) - 1))

    def received_day(self, start: DateLike) -> date:
        """The day a receipt counts from: a date as it stands; a datetime after the cut-off or on a
        non-working day → the next working day (module docstring)."""
        if isinstance(start, datetime):
            _require_naive(start)
            day = start.date()
            if self.is_working_day(day) and start.time() <= self.hours.cutoff:
                return day
            return self.next_working_day(day + timedelta(days=1))
        return start

    def add_working_days(self, start: DateLike, n: int) -> date:
        """The n-th working day after ``start`` (BLDS 2015 Art. 147: the start day is not counted).

        n = 0 gives the start day pushed to a working day (same-day procedures, e.g. chứng thực with a
        15:00 cut-off, ND 23/2015 Art. 7); n < 0 counts back (the |n|-th working day before it).
        """
        n = operator.index(n)
        x = _epoch(self.received_day(start))
        r = self._rank1(x + 1) + n - 1 if n >= 1 else self._rank1(x) + n
        return _from_epoch(self._unrank1(r))

    def working_days_between(self, a: DateLike, b: DateLike) -> int:
        """Working days after ``a`` (as received, see ``received_day``) up to and including ``b``'s date.

        ``working_days_between(a, add_working_days(a, n)) == n`` for every n ≥ 1, and for n = 0 when the
        start counts from a working day. Negative when b is before a; never negative when b is not before
        a (a receipt that counts from a later day than b gives 0). ``b`` is taken by its date: a limit in
        days ends at the end of its last day (BLDS 2015 Art. 148), so work finished that evening is on time.
        """
        start = self.received_day(a)
        end = as_day(b)
        if isinstance(b, datetime):
            _require_naive(b)
        raw = self._rank1(_epoch(end) + 1) - self._rank1(_epoch(start) + 1)
        if raw < 0 and _instant_key(b) >= _instant_key(a):
            return 0
        return raw

    def add_calendar_days(self, start: DateLike, n: int) -> date:
        """For limits in "ngày": n calendar days after the start day, moved to the next working day if
        the result is not one (BLDS 2015 Art. 148, docs/rules/working-days.md)."""
        n = operator.index(n)
        return self.next_working_day(self.received_day(start) + timedelta(days=n))

    def add_months(self, start: DateLike, n: int) -> date:
        """For limits in months: the corresponding day n months later (the month's last day if it has
        no such day), moved to the next working day if needed."""
        n = operator.index(n)
        day = self.received_day(start)
        month_index = day.year * 12 + day.month - 1 + n
        year, month = divmod(month_index, 12)
        month += 1
        last = _stdcal.monthrange(year, month)[1]
        return self.next_working_day(date(year, month, min(day.day, last)))

    def working_days_in(self, first: date, last: date) -> list[date]:
        """Every working day from ``first`` to ``last`` inclusive."""
        a, b = _epoch(as_day(first)), _epoch(as_day(last))
        if b < a:
            return []
        xs = np.arange(a, b + 1, dtype=np.int64)
        return [_from_epoch(int(x)) for x in xs[self._is_working(xs)]]

    # --- hours ----------------------------------------------------------------------------------

    def next_working_instant(self, t: datetime) -> datetime:
        """``t`` itself if inside office hours on a working day, else the next moment office hours begin."""
        _require_naive(t)
        h = self.hours
        day = t.date()
        if self.is_working_day(day):
            clock = t.time()
            if clock < h.morning_start:
                return datetime.combine(day, h.morning_start)
            if clock < h.morning_end:
                return t
            if clock < h.afternoon_start:
                return datetime.combine(day, h.afternoon_start)
            if clock < h.afternoon_end:
                return t
        return datetime.combine(self.next_working_day(day + timedelta(days=1)), h.morning_start)

    def received_instant(self, t: datetime) -> datetime:
        """Where an hour-based limit starts: the next working instant, or the next working day's opening
        if ``t`` is after the cut-off."""
        _require_naive(t)
        if self.is_working_day(t.date()) and t.time() > self.hours.cutoff:
            return datetime.combine(
                self.next_working_day(t.date() + timedelta(days=1)), self.hours.morning_start
            )
        return self.next_working_instant(t)

    def _office_position(self, t: datetime) -> int:
        """Office µs elapsed from the rank origin to ``t`` (every working day has the same hours)."""
        _require_naive(t)
        x = _epoch(t.date())
        within = self.hours.office_us_before(t.time()) if self.is_working_day(t.date()) else 0
        return self._rank1(x) * self.hours.day_us + within

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The instant ``hours`` office hours after ``start``, counting only inside office hours.

        Counting starts at ``received_instant(start)``. A limit that runs out exactly at the end of a
        morning or afternoon ends there (11:30, 17:00), not at the next opening.
        """
        if hours < 0 or not math.isfinite(hours):
            raise ValueError("Số giờ phải là số không âm")
        begin = self.received_instant(start)
        amount = round(hours * _US_PER_HOUR)
        if amount == 0:
            return begin
        day_us = self.hours.day_us
        target = self._office_position(begin) + amount
        rank = (target - 1) // day_us
        offset = target - rank * day_us
        day = _from_epoch(self._unrank1(rank))
        return datetime.combine(day, self.hours.time_at_office_us(offset))

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Office hours between two instants (negative if b is before a). No cut-off is applied: this
        measures time elapsed, so ``working_hours_between(s, add_working_hours(s, h)) == h`` whenever s is
        already at its received instant (always, with the default cut-off at the end of the afternoon)."""
        return (self._office_position(b) - self._office_position(a)) / _US_PER_HOUR

    # --- arrays ---------------------------------------------------------------------------------

    def _received_days_array(self, starts: npt.ArrayLike) -> tuple[IntArray, npt.NDArray[np.bool_]]:
        """Epoch days each start counts from, and the NaT mask."""
        arr = _as_datetime64(starts)
        unit = np.datetime_data(arr.dtype)[0]
        nat = np.isnat(arr)
        days = arr.astype("datetime64[D]")
        x = days.view(np.int64)
        if nat.any():
            x = np.where(nat, self._lo, x)
        if unit in ("Y", "M", "W", "D", "generic"):
            return x, nat
        # Instants: after the cut-off or on a non-working day → the next working day.
        time_of_day = (arr - days).astype("timedelta64[us]").view(np.int64)
        late = time_of_day > _us_of_day(self.hours.cutoff)
        late |= ~self._is_working(x)
        if late.any():
            x = np.where(late, self._unrank(self._rank(x + 1)), x)
        return x, nat

    def add_working_days_array(
        self, starts: npt.ArrayLike, n: int | npt.ArrayLike
    ) -> npt.NDArray[np.datetime64]:
        """Vectorised ``add_working_days``: datetime64 in (days, or finer units for instants, which then
        follow the cut-off rule), datetime64[D] out; NaT stays NaT. ``n`` is a scalar or broadcasts."""
        x, nat = self._received_days_array(starts)
        steps = np.asarray(n)
        if steps.dtype.kind not in "iu":
            raise TypeError("n phải là số nguyên")
        steps = steps.astype(np.int64, copy=False)
        if steps.ndim == 0:
            k = int(steps)
            r = self._rank(x + 1) + (k - 1) if k >= 1 else self._rank(x) + k
        elif steps.size and int(steps.min()) >= 1:
            r = self._rank(x + 1) + (steps - 1)
        else:
            r = np.where(steps >= 1, self._rank(x + 1) + steps - 1, self._rank(x) + steps)
        out = self._unrank(r).view("datetime64[D]")
        if nat.any():
            out = out.copy()
            out[np.broadcast_to(nat, out.shape)] = np.datetime64("NaT", "D")
        return out

    def working_days_between_array(self, a: npt.ArrayLike, b: npt.ArrayLike) -> IntArray:
        """Vectorised ``working_days_between`` (int64; NaT gives 0 — mask NaT yourself if it matters)."""
        start, nat_a = self._received_days_array(a)
        b_arr = _as_datetime64(b)
        nat_b = np.isnat(b_arr)
        end = np.where(nat_b, self._lo, b_arr.astype("datetime64[D]").view(np.int64))
        raw = self._rank(end + 1) - self._rank(start + 1)
        a_arr = _as_datetime64(a)
        not_before = b_arr.astype("datetime64[us]") >= a_arr.astype("datetime64[us]")
        out = np.where((raw < 0) & not_before, 0, raw)
        return np.where(nat_a | nat_b, 0, out)

    def is_working_day_array(self, days: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        arr = _as_datetime64(days)
        nat = np.isnat(arr)
        x = arr.astype("datetime64[D]").view(np.int64)
        if nat.any():
            x = np.where(nat, self._lo, x)
        return self._is_working(x) & ~nat

    # --- description ----------------------------------------------------------------------------

    def special_days(self, year: int | None = None) -> list[tuple[date, bool]]:
        """(date, is_working) for every listed day off and make-up day, sorted; optionally one year."""
        rows = [(d, False) for d in self.days_off] + [(d, True) for d in self.extra_workdays]
        if year is not None:
            rows = [row for row in rows if row[0].year == year]
        return sorted(rows)

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(days_off={len(self.days_off)}, extra_workdays={len(self.extra_workdays)}, "
            f"weekly_rest={sorted(self.weekly_rest)}, hours={self.hours})"
        )


def _instant_key(value: DateLike) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time.min)


def _as_datetime64(values: npt.ArrayLike) -> npt.NDArray[np.datetime64]:
    arr = np.asarray(values)
    if arr.dtype.kind == "M":
        return arr
    if arr.dtype.kind in "OU":
        return arr.astype("datetime64")
    raise TypeError(f"cần mảng datetime64, nhận được {arr.dtype}")
