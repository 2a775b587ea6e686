"""docs/rules/dossier-deadlines.md: open dossiers use the last day of the reporting period; within time while
the appointment date is on or after it (PRACTICE: "NgayHenTra ≥ report end date")."""

from datetime import date

import pytest

from cchc.lib.outcomes import OutcomeKind, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import dossier, vn


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2022, 3, 9), OutcomeKind.OPEN_WITHIN_TIME),
        (date(2022, 3, 10), OutcomeKind.OPEN_WITHIN_TIME),
        (date(2022, 3, 11), OutcomeKind.OPEN_OVERDUE),
    ],
)
def test_an_open_dossier_is_within_time_up_to_and_including_its_appointment_date(as_of, expected):
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 08:00")
    assert judge(d, vn(), as_of).outcome == expected


def test_an_open_dossier_has_no_end():
    assert judge(dossier(6, "2022-03-07 09:00", "2022-03-10 08:00"), vn(), date(2022, 3, 9)).ended_at is None


def test_as_of_may_be_given_as_a_datetime_and_only_its_date_counts():
    from datetime import datetime

    d = dossier(4, "2022-03-07 09:00", "2022-03-10 08:00")
    assert judge(d, vn(), datetime(2022, 3, 10, 23, 0)).outcome == OutcomeKind.OPEN_WITHIN_TIME
