"""The issue's examples and the day-count rules of docs/rules/working-days.md (BLDS 2015 Art. 147–148)."""

from datetime import UTC, date, datetime, time

import pytest

from cchc.lib.tests.test_workcal_answer_key import vn_calendar
from cchc.lib.workcal import OfficeHours, WorkCalendar
from cchc.lib.workdays_csv import calendar_from_rows


def test_three_working_days_after_19_january_2023_skip_the_whole_tet_break():
    assert vn_calendar().add_working_days(date(2023, 1, 19), 3) == date(2023, 1, 31)


def test_two_working_days_lie_between_13_and_24_february_2026():
    assert vn_calendar().working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_eight_working_hours_from_friday_3_may_2024_end_on_the_make_up_saturday():
    # 29/4–1/5 off, Thu 2/5 and Fri 3/5 working, Sat 4/5 a make-up working day (CV 2450/VPCP-KGVX).
    assert vn_calendar().add_working_hours(datetime(2024, 5, 3, 10, 0), 8) == datetime(2024, 5, 4, 10, 0)


def test_the_day_of_receipt_is_not_counted():
    cal = vn_calendar()
    assert cal.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)  # Mon → Tue
    assert cal.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri → Mon


def test_zero_days_pushes_the_start_to_a_working_day():
    cal = vn_calendar()
    assert cal.add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert cal.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)


def test_a_receipt_on_a_day_off_counts_the_first_working_day_after_it_as_day_one():
    assert vn_calendar().add_working_days(date(2026, 2, 17), 1) == date(2026, 2, 23)


def test_negative_days_count_backwards():
    cal = vn_calendar()
    assert cal.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert cal.add_working_days(date(2026, 2, 21), -1) == date(2026, 2, 13)


def test_between_is_negative_when_the_end_is_before_the_start():
    assert vn_calendar().working_days_between(date(2026, 2, 24), date(2026, 2, 13)) == -2


def test_make_up_saturday_counts_as_a_working_day_in_a_deadline():
    # Fri 3/5/2024 + 1 working day is the make-up Saturday 4/5, not Monday 6/5.
    assert vn_calendar().add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)


def test_calendar_day_limit_ending_on_a_day_off_moves_to_the_next_working_day():
    cal = vn_calendar()
    assert cal.add_calendar_days(date(2024, 4, 19), 10) == date(2024, 5, 2)  # 29/4 swap day, then 30/4, 1/5
    assert cal.add_calendar_days(date(2026, 3, 2), 5) == date(2026, 3, 9)  # Sat 7/3 → Mon 9/3
    assert cal.add_calendar_days(date(2026, 3, 2), 3) == date(2026, 3, 5)


def test_month_limits_use_the_corresponding_day_or_the_last_day_of_the_month():
    cal = vn_calendar()
    assert cal.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert cal.add_months(date(2026, 1, 16), 1) == date(2026, 2, 23)  # 16/2/2026 is in Tết
    assert cal.add_months(date(2025, 11, 10), 3) == date(2026, 2, 10)
    assert cal.add_months(date(2026, 3, 31), -1) == date(2026, 3, 2)  # 28/2 is a Saturday


class TestCutOff:
    def test_a_receipt_after_the_cut_off_counts_from_the_next_working_day(self):
        cal = vn_calendar()
        assert cal.add_working_days(datetime(2026, 3, 2, 16, 59), 1) == date(2026, 3, 3)
        assert cal.add_working_days(datetime(2026, 3, 2, 17, 0), 1) == date(2026, 3, 3)
        assert cal.add_working_days(datetime(2026, 3, 2, 17, 1), 1) == date(2026, 3, 4)

    def test_same_day_certification_after_15h_moves_to_the_next_working_day(self):
        # ND 23/2015 Art. 7 (docs/rules/working-days.md): same day, or the next working day if received after
        # 15:00.
        cal = calendar_from_rows([], hours=OfficeHours(cutoff=time(15, 0)))
        assert cal.add_working_days(datetime(2026, 3, 2, 14, 59), 0) == date(2026, 3, 2)
        assert cal.add_working_days(datetime(2026, 3, 2, 15, 1), 0) == date(2026, 3, 3)
        assert cal.add_working_days(datetime(2026, 3, 6, 15, 30), 0) == date(2026, 3, 9)

    def test_a_receipt_on_a_saturday_is_treated_like_a_friday_evening_one(self):
        cal = vn_calendar()
        friday_evening = cal.add_working_days(datetime(2026, 3, 6, 18, 0), 1)
        saturday_morning = cal.add_working_days(datetime(2026, 3, 7, 9, 0), 1)
        assert friday_evening == saturday_morning == date(2026, 3, 10)

    def test_a_receipt_on_a_make_up_saturday_counts_from_that_saturday(self):
        assert vn_calendar().add_working_days(datetime(2024, 5, 4, 9, 0), 1) == date(2024, 5, 6)

    def test_work_finished_on_the_evening_of_the_last_day_is_still_on_time(self):
        # BLDS 2015 Art. 148: a limit in days ends at the end of its last day.
        cal = vn_calendar()
        received = datetime(2026, 3, 2, 10, 0)
        due = cal.add_working_days(received, 1)
        assert cal.working_days_between(received, datetime.combine(due, time(19, 0))) == 1

    def test_between_from_an_evening_receipt_to_the_same_evening_is_zero_not_negative(self):
        t = datetime(2026, 3, 2, 18, 0)
        assert vn_calendar().working_days_between(t, t) == 0


class TestConstruction:
    def test_a_day_cannot_be_both_off_and_a_make_up_day(self):
        with pytest.raises(ValueError, match="vừa là ngày nghỉ vừa là ngày làm bù"):
            WorkCalendar(days_off=[date(2026, 1, 10)], extra_workdays=[date(2026, 1, 10)])

    def test_a_week_without_working_days_is_refused(self):
        with pytest.raises(ValueError):
            WorkCalendar(weekly_rest=range(7))

    def test_office_hours_must_be_in_order(self):
        with pytest.raises(ValueError, match="Giờ làm việc"):
            OfficeHours(morning_start=time(12, 0))

    def test_aware_datetimes_are_refused(self):
        with pytest.raises(ValueError, match="localtime"):
            vn_calendar().add_working_days(datetime(2026, 3, 2, 10, tzinfo=UTC), 1)

    def test_unknown_kind_is_refused_with_the_row_number(self):
        with pytest.raises(ValueError, match="Dòng 2"):
            calendar_from_rows([(date(2026, 1, 1), "holiday"), (date(2026, 1, 2), "nghỉ")])

    def test_dates_far_outside_the_table_follow_the_weekly_pattern(self):
        cal = vn_calendar()
        assert cal.add_working_days(date(1900, 1, 5), 1) == date(1900, 1, 8)  # Fri → Mon
        assert cal.add_working_days(date(2300, 1, 1), 5) == date(2300, 1, 8)
        assert cal.working_days_between(date(1960, 1, 1), date(2200, 1, 1)) == len(
            cal.working_days_in(date(1960, 1, 2), date(2200, 1, 1))
        )
