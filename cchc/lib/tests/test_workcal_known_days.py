"""Known answers for every special day of 2022–2026 and the days either side of it
(docs/rules/working-days.md)."""

from datetime import date, timedelta

import pytest

from cchc.lib.tests.test_workcal_answer_key import DAYS_OFF, MAKE_UP_DAYS, expected_working, vn_calendar

SPECIAL = sorted(DAYS_OFF | MAKE_UP_DAYS)
NEIGHBOURS = sorted({d + timedelta(days=k) for d in SPECIAL for k in (-1, 1)} - set(SPECIAL))


@pytest.mark.parametrize("day", SPECIAL, ids=str)
def test_each_special_day_of_2022_to_2026_is_classified_as_the_table_says(day):
    assert vn_calendar().is_working_day(day) is (day in MAKE_UP_DAYS)


@pytest.mark.parametrize("day", NEIGHBOURS, ids=str)
def test_the_days_beside_each_special_day_follow_the_weekly_pattern(day):
    assert vn_calendar().is_working_day(day) is (day.weekday() < 5)


def test_every_day_of_2022_to_2026_matches_the_answer_key():
    cal = vn_calendar()
    day = date(2022, 1, 1)
    while day.year <= 2026:
        assert cal.is_working_day(day) is expected_working(day), day
        day += timedelta(days=1)


def test_make_up_saturdays_are_working_days():
    cal = vn_calendar()
    for day in MAKE_UP_DAYS:
        assert day.weekday() == 5
        assert cal.is_working_day(day)


def test_holidays_on_weekends_are_just_days_off_and_their_in_lieu_day_is_off_too():
    cal = vn_calendar()
    assert not cal.is_working_day(date(2022, 4, 10))  # Giỗ Tổ on a Sunday
    assert not cal.is_working_day(date(2022, 4, 11))  # its day in lieu, Monday
    assert cal.is_working_day(date(2022, 4, 12))


def test_tet_2026_runs_from_monday_16_to_friday_20_february():
    cal = vn_calendar()
    assert cal.working_days_in(date(2026, 2, 13), date(2026, 2, 24)) == [
        date(2026, 2, 13),
        date(2026, 2, 23),
        date(2026, 2, 24),
    ]


def test_working_days_per_year_match_the_table():
    cal = vn_calendar()
    # 2024: 262 weekdays − 12 weekday days off + 1 make-up Saturday.
    assert len(cal.working_days_in(date(2024, 1, 1), date(2024, 12, 31))) == 262 - 12 + 1
    for year in range(2022, 2027):
        first, last = date(year, 1, 1), date(year, 12, 31)
        expected = sum(expected_working(first + timedelta(days=i)) for i in range((last - first).days + 1))
        assert len(cal.working_days_in(date(year, 1, 1), date(year, 12, 31))) == expected
