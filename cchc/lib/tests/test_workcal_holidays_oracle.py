"""Cross-check against the `holidays` package (docs/rules/working-days.md). The project's table wins; the
known differences are listed here so a new library release that changes them is noticed."""

from datetime import date, timedelta

import holidays

from cchc.lib.tests.test_workcal_answer_key import vn_calendar

# Days the project's table and holidays 0.109 disagree on, and why (docs/rules/working-days.md).
ONLY_IN_OUR_TABLE = {date(2026, 1, 2)}  # swap of CV 12729/VPCP-KGVX, not in the library
ONLY_IN_LIBRARY = {date(2026, 11, 24)}  # Ngày Văn hóa Việt Nam: pending amendment of Art. 112, not enacted


def test_weekday_days_off_2022_to_2026_agree_with_the_holidays_package_except_known_differences():
    library = holidays.country_holidays("VN", years=range(2022, 2027))
    cal = vn_calendar()
    ours: set[date] = set()
    theirs: set[date] = set()
    day = date(2022, 1, 1)
    while day.year <= 2026:
        if day.weekday() < 5:
            if not cal.is_working_day(day):
                ours.add(day)
            if day in library:
                theirs.add(day)
        day += timedelta(days=1)
    assert ours - theirs == ONLY_IN_OUR_TABLE
    assert theirs - ours == ONLY_IN_LIBRARY


def test_make_up_saturdays_agree_with_the_holidays_package_except_january_2026():
    library = holidays.country_holidays("VN", years=range(2022, 2027))
    theirs = {d for d in getattr(library, "weekend_workdays", set()) if 2022 <= d.year <= 2026}
    ours = set(vn_calendar().extra_workdays)
    assert ours - theirs == {date(2026, 1, 10)}
    assert theirs <= ours
