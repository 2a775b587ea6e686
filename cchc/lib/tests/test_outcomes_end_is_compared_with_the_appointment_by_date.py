"""docs/rules/dossier-deadlines.md: end of processing vs appointment, compared by calendar date."""

from datetime import date

import pytest

from cchc.lib.outcomes import OutcomeKind, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import dossier, vn

AS_OF = date(2022, 6, 30)


@pytest.mark.parametrize(
    ("ended", "expected"),
    [
        ("2022-03-09 16:59", OutcomeKind.EARLY),
        ("2022-03-10 07:00", OutcomeKind.ON_TIME),
        # Later in the day than the appointment's hour is still the appointment's date: on time.
        ("2022-03-10 21:30", OutcomeKind.ON_TIME),
        ("2022-03-11 07:00", OutcomeKind.LATE),
    ],
)
def test_a_finished_dossier_is_early_on_time_or_late_by_the_date_it_ended(ended, expected):
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 10:00", ended)
    result = judge(d, vn(), AS_OF)
    assert result.outcome == expected
    assert result.deadline == date(2022, 3, 10)


def test_early_and_on_time_dossiers_carry_no_causes():
    d = dossier(10, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-08 10:00")
    assert judge(d, vn(), AS_OF).causes == ()


@pytest.mark.parametrize("status", [7, 8, 9, 10])
def test_every_terminal_status_after_receipt_is_judged_as_finished(status):
    d = dossier(status, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-14 09:00")
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.LATE
