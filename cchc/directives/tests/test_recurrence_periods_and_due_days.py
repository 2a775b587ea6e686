"""cchc.lib.recurrence: the periods of recurring tasks and the due day of each occurrence (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cchc.lib.recurrence import Every, Period, next_period, period_containing, periods_to_spawn

D = dt.date


def test_labels_are_written_as_directives_write_them():
    assert period_containing(D(2022, 9, 14), Every.MONTH).label == "Tháng 9/2022"
    assert period_containing(D(2022, 9, 14), Every.QUARTER).label == "Quý III/2022"
    assert period_containing(D(2022, 9, 14), Every.HALF_YEAR).label == "6 tháng cuối năm 2022"
    assert period_containing(D(2022, 3, 1), Every.HALF_YEAR).label == "6 tháng đầu năm 2022"
    assert period_containing(D(2022, 9, 14), Every.YEAR).label == "Năm 2022"


def test_occurrences_are_due_on_the_25th_of_the_last_month_by_default():
    # ND 09/2019 Art. 13 (docs/rules/directive-tasks.md): regular reports by the 25th of the period's last
    # month.
    assert period_containing(D(2022, 8, 2), Every.QUARTER).due(25) == D(2022, 9, 25)
    assert period_containing(D(2022, 2, 2), Every.MONTH).due(31) == D(2022, 2, 28)
    assert period_containing(D(2022, 2, 2), Every.YEAR).due(25) == D(2022, 12, 25)


def test_a_series_owes_every_begun_period_and_nothing_after_its_end():
    got = periods_to_spawn(D(2022, 8, 15), D(2022, 12, 1), Every.MONTH, due_day=25, until=D(2022, 11, 30))
    assert [p.label for p in got] == ["Tháng 8/2022", "Tháng 9/2022", "Tháng 10/2022", "Tháng 11/2022"]


def test_a_series_given_after_the_due_day_skips_that_period():
    got = periods_to_spawn(D(2022, 8, 28), D(2022, 10, 1), Every.MONTH, due_day=25)
    assert [p.label for p in got] == ["Tháng 9/2022", "Tháng 10/2022"]


def test_a_series_entered_late_does_not_owe_reports_due_before_it_was_entered():
    got = periods_to_spawn(
        D(2022, 8, 15), D(2023, 2, 1), Every.QUARTER, due_day=25, not_due_before=D(2022, 12, 1)
    )
    assert [p.label for p in got] == ["Quý IV/2022", "Quý I/2023"]


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), st.sampled_from(list(Every)))
def test_periods_tile_time_without_gaps_or_overlaps(day, every):
    p = period_containing(day, every)
    assert p.start <= day <= p.end
    q = next_period(p)
    assert q.start == p.end + dt.timedelta(days=1)
    assert isinstance(q, Period) and q.every == every
