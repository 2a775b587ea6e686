"""docs/rules/dossier-deadlines.md: the citizen's supplement time is subtracted — the appointment moves by it,
counted in working days through the calendar (default) or in working hours (Rules)."""

from datetime import date

import pytest

from cchc.lib.outcomes import OutcomeKind, Rules, Supplement, SupplementShift, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

AS_OF = date(2022, 6, 30)
HOURS = Rules(SupplementShift.WORKING_HOURS)


def test_the_appointment_moves_by_the_working_days_after_the_request_up_to_the_completion():
    # Requested Tue 8/3, completed Thu 10/3: Wed and Thu → two working days; Thu 10/3 → Mon 14/3.
    request = Supplement(at("2022-03-08 10:00"), at("2022-03-10 09:00"))
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 10:00", "2022-03-14 16:00", supplements=(request,))
    result = judge(d, vn(), AS_OF)
    assert result.deadline == date(2022, 3, 14)
    assert result.outcome == OutcomeKind.ON_TIME


def test_a_supplement_answered_the_same_day_moves_nothing_in_working_days():
    request = Supplement(at("2022-03-08 10:00"), at("2022-03-08 15:00"))
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 16:00", "2022-03-11 09:00", supplements=(request,))
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.LATE


def test_with_hour_precision_the_same_supplement_moves_the_appointment_by_three_office_hours():
    # 10:00–11:30 and 13:30–15:00: 3 h; from 16:00 on Thu 10/3 that ends at 09:00 on Fri 11/3.
    request = Supplement(at("2022-03-08 10:00"), at("2022-03-08 15:00"))
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 16:00", "2022-03-11 09:00", supplements=(request,))
    result = judge(d, vn(), AS_OF, rules=HOURS)
    assert result.deadline == date(2022, 3, 11)
    assert result.outcome == OutcomeKind.ON_TIME


def test_a_request_made_after_office_hours_counts_from_the_next_working_day():
    # Fri 18:00 → counts from Mon; answered Mon morning: no working day taken.
    request = Supplement(at("2022-03-11 18:00"), at("2022-03-14 08:00"))
    d = dossier(9, "2022-03-07 09:00", "2022-03-15 16:00", "2022-03-16 09:00", supplements=(request,))
    assert judge(d, vn(), AS_OF).deadline == date(2022, 3, 15)


def test_a_supplement_across_tet_2022_moves_the_appointment_by_working_days_only():
    # Requested Thu 27/1, completed Mon 7/2: Fri 28/1 and Mon 7/2 are the only working days between
    # (31/1–4/2 is Tết); Tue 8/2 + 2 working days = Thu 10/2, not 8/2 + 11 calendar days.
    request = Supplement(at("2022-01-27 10:00"), at("2022-02-07 09:00"))
    d = dossier(9, "2022-01-24 09:00", "2022-02-08 10:00", "2022-02-10 15:00", supplements=(request,))
    result = judge(d, vn(), AS_OF)
    assert result.deadline == date(2022, 2, 10)
    assert result.outcome == OutcomeKind.ON_TIME


def test_a_supplement_completed_after_the_period_does_not_move_the_appointment_yet():
    request = Supplement(at("2022-06-20 10:00"), at("2022-07-05 09:00"))
    d = dossier(9, "2022-06-13 09:00", "2022-06-29 10:00", "2022-07-08 10:00", supplements=(request,))
    # At 30/6 the dossier waits for the citizen: it ends at the request (20/6), before the appointment.
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.EARLY


@pytest.mark.parametrize("rules", [Rules(), HOURS])
def test_the_shift_applies_to_open_dossiers_too(rules):
    request = Supplement(at("2022-03-08 10:00"), at("2022-03-14 10:00"))
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 16:00", supplements=(request,))
    assert judge(d, vn(), date(2022, 3, 14), rules=rules).outcome == OutcomeKind.OPEN_WITHIN_TIME
