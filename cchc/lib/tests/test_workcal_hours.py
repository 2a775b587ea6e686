"""Working hours: only inside office hours, lunch break skipped (docs/rules/working-days.md PRACTICE)."""

from datetime import datetime, time

import pytest

from cchc.lib.tests.test_workcal_answer_key import vn_calendar
from cchc.lib.workcal import OfficeHours, WorkCalendar

MON = (2026, 3, 2)


def at(h: int, m: int = 0, day: tuple[int, int, int] = MON) -> datetime:
    return datetime(*day, h, m)


@pytest.mark.parametrize(
    ("start", "hours", "end"),
    [
        (at(10), 2, at(14)),  # 1.5 h before lunch, 0.5 h after
        (at(12), 1, at(14, 30)),  # received over lunch → counts from 13:30
        (at(6), 1, at(8)),  # before opening → counts from 07:00
        (at(7), 4.5, at(11, 30)),  # ends exactly at noon: noon, not 13:30
        (at(7), 8, at(17)),  # a full day ends the same afternoon
        (at(7), 8.5, at(7, 30, (2026, 3, 3))),
        (at(18), 1, at(8, 0, (2026, 3, 3))),  # after hours → next morning
        (at(16, 0, (2026, 3, 6)), 2, at(8, 0, (2026, 3, 9))),  # Friday → Monday
        (at(16, 0, (2026, 2, 13)), 2, at(8, 0, (2026, 2, 23))),  # across Tết 2026
        (at(10), 0, at(10)),
        (at(12), 0, at(13, 30)),
        (at(10), 0.25, at(10, 15)),
    ],
)
def test_working_hours_skip_lunch_nights_and_days_off(start, hours, end):
    cal = vn_calendar()
    assert cal.add_working_hours(start, hours) == end
    assert cal.working_hours_between(cal.received_instant(start), end) == pytest.approx(hours)


def test_a_day_has_eight_office_hours_by_default():
    assert OfficeHours().hours_per_day == 8
    assert vn_calendar().working_hours_between(at(10), at(10, 0, (2026, 3, 3))) == 8


def test_hours_between_ignore_time_outside_office_hours():
    cal = vn_calendar()
    assert cal.working_hours_between(at(11), at(14)) == 1.0  # 11:00–11:30 and 13:30–14:00
    assert cal.working_hours_between(at(18), at(6, 0, (2026, 3, 3))) == 0
    assert cal.working_hours_between(at(16, 0, (2026, 3, 6)), at(8, 0, (2026, 3, 9))) == 2
    assert cal.working_hours_between(at(14), at(11)) == -1.0


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (at(6, 59), at(7)),
        (at(7), at(7)),
        (at(11, 29), at(11, 29)),
        (at(11, 30), at(13, 30)),
        (at(16, 59), at(16, 59)),
        (at(17), at(7, 0, (2026, 3, 3))),
        (at(9, 0, (2026, 3, 7)), at(7, 0, (2026, 3, 9))),  # Saturday
        (at(9, 0, (2024, 5, 4)), at(9, 0, (2024, 5, 4))),  # make-up Saturday
        (at(9, 0, (2026, 2, 17)), at(7, 0, (2026, 2, 23))),  # Tết
    ],
)
def test_next_working_instant(t, expected):
    assert vn_calendar().next_working_instant(t) == expected


def test_a_cut_off_before_closing_moves_hour_counts_to_the_next_morning():
    cal = WorkCalendar(hours=OfficeHours(cutoff=time(15, 0)))
    assert cal.add_working_hours(at(14, 30), 1) == at(15, 30)
    assert cal.add_working_hours(at(15, 30), 1) == at(8, 0, (2026, 3, 3))


def test_custom_office_hours_are_honoured():
    hours = OfficeHours(time(8), time(12), time(13), time(17), time(17))
    cal = WorkCalendar(hours=hours)
    assert cal.add_working_hours(at(11), 2) == at(14)
    assert cal.add_working_hours(at(7), 8) == at(17)


def test_negative_hours_are_refused():
    with pytest.raises(ValueError):
        vn_calendar().add_working_hours(at(10), -1)
