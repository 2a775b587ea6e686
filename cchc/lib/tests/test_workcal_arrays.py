"""The numpy versions: units, NaT, and numpy.busday_offset as an oracle where it applies."""

from datetime import date

import numpy as np
import pytest

from cchc.lib.tests.test_workcal_answer_key import DAYS_OFF, vn_calendar
from cchc.lib.workcal import WorkCalendar


def test_array_addition_returns_days_and_keeps_nat():
    cal = vn_calendar()
    starts = np.array(["2023-01-19", "NaT", "2026-02-13"], dtype="datetime64[D]")
    out = cal.add_working_days_array(starts, 3)
    assert out.dtype == np.dtype("datetime64[D]")
    assert str(out[0]) == "2023-01-31"
    assert np.isnat(out[1])
    assert str(out[2]) == "2026-02-25"


def test_instants_after_the_cut_off_count_from_the_next_working_day():
    cal = vn_calendar()
    starts = np.array(["2026-03-02T16:59", "2026-03-02T17:01", "2026-03-07T09:00"], dtype="datetime64[s]")
    assert cal.add_working_days_array(starts, 1).astype(str).tolist() == [
        "2026-03-03",
        "2026-03-04",
        "2026-03-10",
    ]


def test_object_arrays_of_dates_are_accepted():
    cal = vn_calendar()
    out = cal.add_working_days_array(np.array([date(2023, 1, 19)], dtype=object), 3)
    assert out.astype(str).tolist() == ["2023-01-31"]


def test_non_date_arrays_are_refused():
    with pytest.raises(TypeError):
        vn_calendar().add_working_days_array(np.array([1, 2, 3]), 1)


def test_without_make_up_days_the_result_equals_numpy_busday_offset_rolling_backward():
    # numpy cannot express a working Saturday, so compare on a calendar without make-up days. Rolling
    # backward then stepping n is exactly "the n-th working day after d" for n >= 1.
    cal = WorkCalendar(days_off=DAYS_OFF)
    rng = np.random.default_rng(7)
    starts = np.datetime64("2022-01-01") + rng.integers(0, 5 * 365, 20_000).astype("timedelta64[D]")
    n = rng.integers(1, 31, starts.size)
    holidays = np.array(sorted(DAYS_OFF), dtype="datetime64[D]")
    expected = np.busday_offset(starts, n, roll="backward", holidays=holidays)
    assert (cal.add_working_days_array(starts, n) == expected).all()


def test_numpy_busday_offset_misses_the_make_up_saturday():
    holidays = np.array(sorted(DAYS_OFF), dtype="datetime64[D]")
    numpy_answer = np.busday_offset(np.datetime64("2024-05-03"), 1, roll="backward", holidays=holidays)
    ours = vn_calendar().add_working_days_array(np.array(["2024-05-03"], dtype="datetime64[D]"), 1)[0]
    assert str(numpy_answer) == "2024-05-06"
    assert str(ours) == "2024-05-04"


def test_between_array_matches_the_issue_example():
    cal = vn_calendar()
    a = np.array(["2026-02-13"], dtype="datetime64[D]")
    b = np.array(["2026-02-24"], dtype="datetime64[D]")
    assert cal.working_days_between_array(a, b).tolist() == [2]
