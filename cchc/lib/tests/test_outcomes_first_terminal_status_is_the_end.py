"""docs/rules/dossier-deadlines.md: the end of processing is the first terminal status; "processed" wins over
"returned"."""

from datetime import date

from cchc.lib.outcomes import OutcomeKind, StatusEvent, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

AS_OF = date(2022, 6, 30)


def test_the_earliest_terminal_status_in_the_history_is_the_end():
    history = (
        StatusEvent(4, at("2022-03-08 09:00")),
        StatusEvent(8, at("2022-03-09 15:00")),
        StatusEvent(10, at("2022-03-15 09:00")),
    )
    d = dossier(10, "2022-03-07 09:00", "2022-03-10 10:00", None, status_events=history)
    result = judge(d, vn(), AS_OF)
    assert result.ended_at == at("2022-03-09 15:00")
    assert result.outcome == OutcomeKind.EARLY


def test_processed_is_used_when_both_processed_and_returned_exist():
    # A "returned" recorded (wrongly) before "processed": the rule still takes "processed".
    history = (StatusEvent(10, at("2022-03-09 09:00")), StatusEvent(9, at("2022-03-11 09:00")))
    d = dossier(10, "2022-03-07 09:00", "2022-03-10 10:00", None, status_events=history)
    result = judge(d, vn(), AS_OF)
    assert result.ended_at == at("2022-03-11 09:00")
    assert result.outcome == OutcomeKind.LATE


def test_ngay_ket_thuc_xu_ly_is_the_end_when_there_is_no_history():
    d = dossier(10, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-10 11:00")
    assert judge(d, vn(), AS_OF).ended_at == at("2022-03-10 11:00")


def test_an_earlier_terminal_event_wins_over_a_later_ngay_ket_thuc_xu_ly():
    history = (StatusEvent(9, at("2022-03-10 09:00")),)
    d = dossier(10, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-12 11:00", status_events=history)
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.ON_TIME


def test_a_dossier_that_ended_after_the_period_was_still_open_at_its_end():
    d = dossier(9, "2022-06-20 09:00", "2022-06-27 17:00", "2022-07-04 09:00")
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.OPEN_OVERDUE
    assert judge(d, vn(), date(2022, 7, 4)).outcome == OutcomeKind.LATE
