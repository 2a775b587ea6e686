"""Property tests (hypothesis): round trips, monotonicity, no deadline on a day off, arrays = scalars.

Calendars are random (random days off, make-up days and weekly rest), and dates range far beyond the
precomputed table (1850–2300) so the closed-form fallback is exercised too. A naive day-by-day walk
serves as the reference.
"""

from datetime import date, datetime, time, timedelta

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cchc.lib.tests.test_workcal_answer_key import vn_calendar
from cchc.lib.workcal import OfficeHours, WorkCalendar

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

near_dates = st.dates(min_value=date(2021, 6, 1), max_value=date(2028, 6, 30))
any_dates = st.one_of(near_dates, st.dates(min_value=date(1850, 1, 1), max_value=date(2300, 12, 31)))
# Office-hour edges and cut-offs are where off-by-one mistakes live, so they are drawn often.
EDGES = [time(7), time(11), time(11, 30), time(13, 30), time(15), time(16, 59), time(17), time(17, 1)]
clock = st.one_of(
    st.sampled_from(EDGES),
    st.times(min_value=time(0, 0), max_value=time(23, 59)).map(lambda t: t.replace(second=0)),
)
instants = st.builds(datetime.combine, near_dates, clock)
starts = st.one_of(any_dates, instants)
steps = st.integers(min_value=0, max_value=60)


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    if draw(st.booleans()):
        return vn_calendar()
    specials = draw(st.sets(near_dates, max_size=40))
    extra = {d for d in specials if draw(st.booleans())}
    # Occasionally a special day far out, which stretches the table.
    if draw(st.booleans()):
        specials.add(draw(st.dates(min_value=date(2150, 1, 1), max_value=date(2200, 1, 1))))
    rest = draw(st.sets(st.integers(0, 6), max_size=3))
    assume(len(rest) < 7)
    cutoff = draw(st.sampled_from([time(17, 0), time(15, 0), time(11, 0)]))
    return WorkCalendar(
        days_off=specials - extra, extra_workdays=extra, weekly_rest=rest, hours=OfficeHours(cutoff=cutoff)
    )


def naive_add(cal: WorkCalendar, start: date, n: int) -> date:
    if n == 0:
        while not cal.is_working_day(start):
            start += timedelta(days=1)
        return start
    day, left = start, n
    while left:
        day += timedelta(days=1)
        left -= cal.is_working_day(day)
    return day


@SETTINGS
@given(calendars(), any_dates, st.integers(min_value=0, max_value=40))
def test_adding_days_agrees_with_a_day_by_day_walk(cal, start, n):
    assert cal.add_working_days(start, n) == naive_add(cal, start, n)


@SETTINGS
@given(calendars(), starts, steps)
def test_between_undoes_add(cal, start, n):
    assume(n > 0 or cal.is_working_day(cal.received_day(start)))
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@SETTINGS
@given(calendars(), any_dates, st.integers(min_value=-40, max_value=40))
def test_negative_and_positive_steps_round_trip_from_a_working_day(cal, start, n):
    start = cal.next_working_day(start)
    assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


@SETTINGS
@given(calendars(), starts, steps)
def test_deadlines_grow_strictly_with_n(cal, start, n):
    assert cal.add_working_days(start, n) <= cal.add_working_days(start, n + 1)
    if n >= 1:
        assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)


@SETTINGS
@given(calendars(), st.one_of(st.tuples(any_dates, any_dates), st.tuples(instants, instants)), steps)
def test_a_later_start_never_gives_an_earlier_deadline(cal, pair, n):
    a, b = sorted(pair)
    assert cal.add_working_days(a, n) <= cal.add_working_days(b, n)
    assert cal.add_calendar_days(a, n) <= cal.add_calendar_days(b, n)


@SETTINGS
@given(calendars())
def test_make_up_saturdays_are_working_days(cal):
    for day in cal.extra_workdays:
        assert cal.is_working_day(day)
    for day in cal.days_off:
        assert not cal.is_working_day(day)


@SETTINGS
@given(
    calendars(), starts, st.integers(min_value=-30, max_value=60), st.integers(min_value=-12, max_value=24)
)
def test_no_deadline_ever_ends_on_a_non_working_day(cal, start, n, months):
    assert cal.is_working_day(cal.add_working_days(start, n))
    assert cal.is_working_day(cal.add_calendar_days(start, n))
    assert cal.is_working_day(cal.add_months(start, months))


@SETTINGS
@given(
    calendars(), instants, st.floats(min_value=0, max_value=200, allow_nan=False).map(lambda h: round(h, 2))
)
def test_hour_deadlines_end_inside_office_hours_on_a_working_day(cal, start, hours):
    end = cal.add_working_hours(start, hours)
    h = cal.hours
    assert cal.is_working_day(end.date())
    assert (
        h.morning_start <= end.time() <= h.morning_end or h.afternoon_start <= end.time() <= h.afternoon_end
    )
    begin = cal.received_instant(start)
    assert end >= begin
    assert abs(cal.working_hours_between(begin, end) - hours) < 1e-6


@SETTINGS
@given(calendars(), st.tuples(instants, instants))
def test_working_hours_between_is_antisymmetric_and_additive(cal, pair):
    a, b = pair
    mid = a + (b - a) / 2
    assert cal.working_hours_between(a, b) == -cal.working_hours_between(b, a)
    total = cal.working_hours_between(a, mid) + cal.working_hours_between(mid, b)
    assert abs(cal.working_hours_between(a, b) - total) < 1e-9


@SETTINGS
@given(calendars(), st.booleans(), st.data())
def test_array_versions_equal_the_scalar_versions(cal, use_instants, data):
    size = data.draw(st.integers(1, 30))
    values = data.draw(st.lists(instants if use_instants else any_dates, min_size=size, max_size=size))
    ns = data.draw(st.lists(st.integers(-30, 60), min_size=size, max_size=size))
    ends = data.draw(st.lists(any_dates, min_size=size, max_size=size))
    arr = np.array(values, dtype="datetime64[us]" if use_instants else "datetime64[D]")
    got = cal.add_working_days_array(arr, np.array(ns))
    assert [d.astype(object) for d in got] == [
        cal.add_working_days(v, n) for v, n in zip(values, ns, strict=True)
    ]
    got_scalar_n = cal.add_working_days_array(arr, ns[0])
    assert [d.astype(object) for d in got_scalar_n] == [cal.add_working_days(v, ns[0]) for v in values]
    between = cal.working_days_between_array(arr, np.array(ends, dtype="datetime64[D]"))
    assert between.tolist() == [cal.working_days_between(v, e) for v, e in zip(values, ends, strict=True)]
    days = [v.date() if isinstance(v, datetime) else v for v in values]
    assert cal.is_working_day_array(np.array(days, dtype="datetime64[D]")).tolist() == [
        cal.is_working_day(d) for d in days
    ]
