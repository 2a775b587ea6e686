"""docs/rules/dossier-deadlines.md: only dossiers that were received count; 1 (submitted) and 3 (refused) are
excluded."""

from datetime import date

import pytest

from cchc.lib.outcomes import OutcomeKind, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import dossier, vn


@pytest.mark.parametrize("status", [1, 3])
def test_submitted_and_refused_dossiers_are_excluded(status):
    d = dossier(status, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-25 09:00")
    result = judge(d, vn(), date(2022, 6, 30))
    assert result.outcome == OutcomeKind.EXCLUDED
    assert result.causes == ()


def test_a_submitted_dossier_needs_no_receipt_time_to_be_excluded():
    d = dossier(1, received=None)
    assert judge(d, vn(), date(2022, 6, 30)).outcome == OutcomeKind.EXCLUDED


def test_a_dossier_received_after_the_reporting_period_is_excluded_from_it():
    d = dossier(4, "2022-07-01 08:00", "2022-07-05 17:00")
    assert judge(d, vn(), date(2022, 6, 30)).outcome == OutcomeKind.EXCLUDED
    assert judge(d, vn(), date(2022, 7, 1)).outcome == OutcomeKind.OPEN_WITHIN_TIME


@pytest.mark.parametrize("status", [2, 4, 5, 6])
def test_received_open_statuses_are_counted(status):
    d = dossier(status, "2022-03-07 09:00", "2022-03-10 10:00")
    assert judge(d, vn(), date(2022, 3, 8)).outcome == OutcomeKind.OPEN_WITHIN_TIME
