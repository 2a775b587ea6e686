"""docs/rules/dossier-deadlines.md: "More than one supplement request ⇒ counted as late" — cause
``second_supplement``."""

from datetime import date

from cchc.lib.outcomes import Cause, CauseKind, OutcomeKind, Supplement, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

TWO = (
    Supplement(at("2022-03-08 10:00"), at("2022-03-08 15:00")),
    Supplement(at("2022-03-09 10:00"), at("2022-03-09 15:00")),
)


def test_a_dossier_finished_early_after_two_requests_is_late_because_of_the_second_request():
    d = dossier(9, "2022-03-07 09:00", "2022-03-18 10:00", "2022-03-10 10:00", supplements=TWO)
    result = judge(d, vn(), date(2022, 6, 30))
    assert result.outcome == OutcomeKind.LATE
    assert result.causes == (Cause(CauseKind.SECOND_SUPPLEMENT),)


def test_an_open_dossier_with_two_requests_is_overdue():
    d = dossier(4, "2022-03-07 09:00", "2022-03-18 10:00", supplements=TWO)
    result = judge(d, vn(), date(2022, 3, 11))
    assert result.outcome == OutcomeKind.OPEN_OVERDUE
    assert result.causes == (Cause(CauseKind.SECOND_SUPPLEMENT),)


def test_a_second_request_made_after_the_period_does_not_count_in_it():
    late_second = (TWO[0], Supplement(at("2022-03-14 10:00")))
    d = dossier(5, "2022-03-07 09:00", "2022-03-18 10:00", supplements=late_second)
    assert judge(d, vn(), date(2022, 3, 11)).outcome == OutcomeKind.OPEN_WITHIN_TIME
    assert judge(d, vn(), date(2022, 3, 14)).outcome == OutcomeKind.LATE


def test_the_second_request_is_listed_before_the_other_causes():
    from cchc.lib.outcomes import Step

    step = Step(
        "Phòng Tư pháp",
        "Nguyễn Văn A",
        at("2022-03-07 09:00"),
        at("2022-03-21 09:00"),
        at("2022-03-16 17:00"),
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-18 10:00", "2022-03-21 10:00", supplements=TWO, steps=(step,))
    kinds = [c.kind for c in judge(d, vn(), date(2022, 6, 30)).causes]
    assert kinds == [CauseKind.SECOND_SUPPLEMENT, CauseKind.STEP_OVERRUN]
