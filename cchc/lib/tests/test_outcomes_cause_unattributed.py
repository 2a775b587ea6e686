"""Cause ``unattributed``: a late or overdue dossier with no data to say why."""

from datetime import date

from cchc.lib.outcomes import Cause, CauseKind, Step, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn


def test_a_late_dossier_without_steps_is_unattributed():
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00")
    assert judge(d, vn(), date(2022, 6, 30)).causes == (Cause(CauseKind.UNATTRIBUTED),)


def test_a_late_dossier_whose_steps_carry_no_deadlines_and_ran_past_the_appointment_is_unattributed():
    s = Step("Phòng Tư pháp", "Ngô Văn E", at("2022-03-07 10:00"), at("2022-03-14 09:00"), None)
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00", steps=(s,))
    assert judge(d, vn(), date(2022, 6, 30)).causes == (Cause(CauseKind.UNATTRIBUTED),)


def test_an_overdue_open_dossier_without_steps_is_unattributed():
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 17:00")
    assert judge(d, vn(), date(2022, 3, 11)).causes == (Cause(CauseKind.UNATTRIBUTED),)
