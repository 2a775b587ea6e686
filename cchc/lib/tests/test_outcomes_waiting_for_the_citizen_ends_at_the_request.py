"""docs/rules/dossier-deadlines.md: a dossier waiting for the citizen's supplement ends at the time of the
request."""

from datetime import date

from cchc.lib.outcomes import OutcomeKind, Supplement, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

AS_OF = date(2022, 6, 30)


def test_a_dossier_in_status_5_with_an_open_request_ends_at_that_request():
    d = dossier(5, "2022-03-07 09:00", "2022-03-10 10:00", supplements=(Supplement(at("2022-03-09 10:00")),))
    result = judge(d, vn(), AS_OF)
    assert result.ended_at == at("2022-03-09 10:00")
    assert result.outcome == OutcomeKind.EARLY


def test_a_request_made_after_the_appointment_makes_the_waiting_dossier_late():
    d = dossier(5, "2022-03-07 09:00", "2022-03-10 10:00", supplements=(Supplement(at("2022-03-11 10:00")),))
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.LATE


def test_a_request_still_open_at_the_end_of_the_period_counts_even_if_answered_later():
    # At 30/6 the citizen had not come back; the completion on 4/7 lies after the period.
    request = Supplement(at("2022-06-28 10:00"), at("2022-07-04 09:00"))
    d = dossier(4, "2022-06-27 09:00", "2022-06-30 17:00", supplements=(request,))
    result = judge(d, vn(), AS_OF)
    assert result.outcome == OutcomeKind.EARLY
    assert result.ended_at == at("2022-06-28 10:00")


def test_status_5_without_an_open_request_is_judged_as_open():
    # No request time is known, so there is nothing to end the dossier at (docs/outcomes.md).
    d = dossier(5, "2022-03-07 09:00", "2022-03-10 10:00")
    assert judge(d, vn(), date(2022, 3, 9)).outcome == OutcomeKind.OPEN_WITHIN_TIME


def test_an_unanswered_request_on_a_dossier_back_in_processing_does_not_end_it():
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 10:00", supplements=(Supplement(at("2022-03-08 10:00")),))
    assert judge(d, vn(), date(2022, 3, 9)).outcome == OutcomeKind.OPEN_WITHIN_TIME
