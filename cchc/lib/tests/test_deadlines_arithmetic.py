"""Known answers for the shared deadline clock (cchc/lib/deadlines.py) through the real 2022–2027 calendar."""

import datetime as dt
from pathlib import Path

import pytest

from cchc.lib import deadlines as dl
from cchc.lib.workdays_csv import calendar_from_csv

CSV = Path(__file__).resolve().parents[2] / "calendar" / "data" / "vn-workdays-2022-2027.csv"


@pytest.fixture(scope="module")
def cal():
    return calendar_from_csv(CSV)


def test_working_day_limit_skips_the_tet_break(cal):
    # Received Thu 19/1/2023; the Tết break runs 20–26/1 (docs/calendar.md's own example).
    assert dl.due_date(dt.date(2023, 1, 19), dl.Limit(3), cal) == dt.date(2023, 1, 31)


def test_calendar_day_limit_ending_in_tet_moves_to_the_next_working_day(cal):
    # 15 calendar days after 2/2/2024 is 17/2/2024, a Saturday → Monday 19/2 (BLDS Art. 148).
    assert dl.due_date(dt.date(2024, 2, 2), dl.Limit(15, dl.LimitUnit.DAYS), cal) == dt.date(2024, 2, 19)


def test_a_suspension_does_not_count_toward_the_limit(cal):
    start = dt.date(2022, 8, 15)
    plain = dl.effective_due(start, dl.Limit(5), cal, today=dt.date(2022, 9, 30))
    paused = dl.effective_due(
        start,
        dl.Limit(5),
        cal,
        pauses=[dl.Pause(dt.date(2022, 8, 16), dt.date(2022, 8, 18))],
        today=dt.date(2022, 9, 30),
    )
    assert plain == dt.date(2022, 8, 22)
    assert paused == cal.add_working_days(plain, 2)


def test_an_open_pause_keeps_pushing_the_due_date_until_today(cal):
    start = dt.date(2022, 8, 15)
    pauses = [dl.Pause(dt.date(2022, 8, 16), None)]
    early = dl.effective_due(start, dl.Limit(5), cal, pauses=pauses, today=dt.date(2022, 8, 17))
    later = dl.effective_due(start, dl.Limit(5), cal, pauses=pauses, today=dt.date(2022, 8, 24))
    assert later > early


def test_states_follow_the_government_categories():
    due = dt.date(2022, 9, 30)
    today = dt.date(2022, 10, 5)
    assert dl.state_of(due, today=dt.date(2022, 9, 1)) == dl.State.OPEN_WITHIN
    assert dl.state_of(due, today=today) == dl.State.OPEN_OVERDUE
    assert dl.state_of(None, today=today) == dl.State.OPEN_NO_DEADLINE
    assert dl.state_of(due, today=today, reported_on=dt.date(2022, 9, 29)) == dl.State.AWAITING_CONFIRMATION
    assert (
        dl.state_of(due, today=today, done_on=today, reported_on=dt.date(2022, 9, 29))
        == dl.State.DONE_ON_TIME
    )
    assert (
        dl.state_of(due, today=today, done_on=today, reported_on=dt.date(2022, 10, 3)) == dl.State.DONE_LATE
    )
    assert dl.state_of(None, today=today, done_on=today) == dl.State.DONE_NO_DEADLINE


def test_reminders_before_the_deadline_count_back_over_holidays(cal):
    # Due Tue 6/9/2022; 1–2/9 are National Day: the working days before it are 5/9, 31/8, 30/8.
    step = dl.LadderStep("before_3", -3, "officer")
    fired = dl.fire_date(dt.date(2022, 9, 6), step, cal)
    assert fired == dt.date(2022, 8, 30)
    assert cal.working_days_between(fired, dt.date(2022, 9, 6)) == 3


def test_escalation_rungs_arrive_in_order_and_before_rungs_stop_after_the_deadline(cal):
    due = dt.date(2022, 9, 30)
    ladder = dl.DEFAULT_LADDER
    assert [s.key for s in dl.steps_due(due, dt.date(2022, 9, 27), ladder, cal)] == ["before_3"]
    assert [s.key for s in dl.steps_due(due, dt.date(2022, 9, 29), ladder, cal)] == ["before_3", "before_1"]
    assert [s.key for s in dl.steps_due(due, dt.date(2022, 10, 3), ladder, cal)] == ["after_1"]
    assert [s.key for s in dl.steps_due(due, dt.date(2022, 10, 7), ladder, cal)] == [
        "after_1",
        "after_3",
        "after_5",
    ]


def test_days_overdue_counts_working_days(cal):
    assert dl.days_overdue(dt.date(2022, 8, 31), dt.date(2022, 9, 5), cal) == 1  # 1–2/9 holidays, 3–4 weekend


def test_ladder_setting_is_parsed_and_rejects_unknown_audiences():
    steps = dl.parse_ladder("-2:officer, 1:unit_head,4:leader")
    assert [(s.key, s.offset, s.audience) for s in steps] == [
        ("before_2", -2, "officer"),
        ("after_1", 1, "unit_head"),
        ("after_4", 4, "leader"),
    ]
    with pytest.raises(ValueError, match="không hợp lệ"):
        dl.parse_ladder("1:mayor")
