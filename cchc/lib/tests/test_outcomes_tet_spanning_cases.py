"""Dossiers that run across Tết: only working days of the bundled table count (docs/rules/working-days.md)."""

from datetime import date

import pytest

from cchc.lib.outcomes import LegalLimit, LimitUnit, OutcomeKind, Supplement, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

FIVE_WORKING_DAYS = LegalLimit(5, LimitUnit.WORKING_DAYS)


@pytest.mark.parametrize(
    ("ended", "expected"),
    [
        ("2023-01-31 16:00", OutcomeKind.EARLY),
        ("2023-02-01 16:00", OutcomeKind.ON_TIME),
        ("2023-02-02 08:00", OutcomeKind.LATE),
    ],
)
def test_five_working_days_from_18_january_2023_run_to_1_february_across_tet(ended, expected):
    # Thu 19/1, then Tết 20–26/1, then Fri 27/1, Mon 30/1, Tue 31/1, Wed 1/2.
    d = dossier(9, "2023-01-18 09:00", None, ended, legal_limit=FIVE_WORKING_DAYS)
    result = judge(d, vn(), date(2023, 3, 31))
    assert result.deadline == date(2023, 2, 1)
    assert result.outcome == expected


def test_a_receipt_on_the_afternoon_before_tet_2022_counts_from_the_first_day_after_it():
    # Received Fri 28/1/2022 after the 17:00 cut-off: counting starts after Mon 7/2 is reached.
    d = dossier(4, "2022-01-28 17:30", None, legal_limit=LegalLimit(1, LimitUnit.WORKING_DAYS))
    assert judge(d, vn(), date(2022, 2, 7)).deadline == date(2022, 2, 8)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(date(2023, 1, 25), OutcomeKind.OPEN_WITHIN_TIME), (date(2023, 1, 30), OutcomeKind.OPEN_OVERDUE)],
)
def test_an_open_dossier_due_right_after_tet_is_within_time_during_tet(as_of, expected):
    d = dossier(4, "2023-01-16 09:00", "2023-01-27 17:00")
    assert judge(d, vn(), as_of).outcome == expected


def test_a_supplement_waited_for_over_tet_2023_takes_only_one_working_day():
    # Requested Thu 19/1, completed Fri 27/1: 27/1 is the only working day after the request.
    request = Supplement(at("2023-01-19 10:00"), at("2023-01-27 09:00"))
    d = dossier(9, "2023-01-16 09:00", "2023-01-30 17:00", "2023-01-31 10:00", supplements=(request,))
    result = judge(d, vn(), date(2023, 3, 31))
    assert result.deadline == date(2023, 1, 31)
    assert result.outcome == OutcomeKind.ON_TIME
