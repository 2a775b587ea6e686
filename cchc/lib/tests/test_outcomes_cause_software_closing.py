"""Cause ``software_closing``: every step was done by the appointment, but the end of processing was
recorded after it — the founding letter's "slow closing in the software"."""

from datetime import date

from cchc.lib.outcomes import Cause, CauseKind, OutcomeKind, Step, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

STEPS = (
    Step(
        "Bộ phận Một cửa",
        "Trần Thị B",
        at("2022-03-07 09:00"),
        at("2022-03-07 10:00"),
        at("2022-03-07 17:00"),
    ),
    Step(
        "Phòng Tư pháp", "Ngô Văn E", at("2022-03-07 10:00"), at("2022-03-10 11:00"), at("2022-03-10 17:00")
    ),
)


def test_steps_done_by_the_appointment_but_closed_after_it_blame_the_software_closing():
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-15 09:00", steps=STEPS)
    result = judge(d, vn(), date(2022, 6, 30))
    assert result.outcome == OutcomeKind.LATE
    # The holder of the last step is the one whose action closes the dossier (docs/outcomes.md).
    assert result.causes == (Cause(CauseKind.SOFTWARE_CLOSING, "Phòng Tư pháp", "Ngô Văn E"),)


def test_an_open_dossier_whose_steps_are_all_done_but_not_closed_is_overdue_for_software_closing():
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 17:00", steps=STEPS)
    result = judge(d, vn(), date(2022, 3, 14))
    assert result.outcome == OutcomeKind.OPEN_OVERDUE
    assert [c.kind for c in result.causes] == [CauseKind.SOFTWARE_CLOSING]


def test_a_step_finished_after_the_appointment_is_not_software_closing():
    late_step = Step("Phòng Tư pháp", "Ngô Văn E", at("2022-03-07 10:00"), at("2022-03-11 09:00"), None)
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-11 10:00", steps=(STEPS[0], late_step))
    assert [c.kind for c in judge(d, vn(), date(2022, 6, 30)).causes] == [CauseKind.UNATTRIBUTED]


def test_an_unfinished_step_rules_out_software_closing():
    open_step = Step("Phòng Tư pháp", "Ngô Văn E", at("2022-03-07 10:00"), None, None)
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00", steps=(STEPS[0], open_step))
    assert [c.kind for c in judge(d, vn(), date(2022, 6, 30)).causes] == [CauseKind.UNATTRIBUTED]


def test_a_step_that_overran_its_own_deadline_but_ended_before_the_appointment_is_listed_too():
    slow = Step(
        "Phòng Tư pháp", "Ngô Văn E", at("2022-03-07 10:00"), at("2022-03-09 11:00"), at("2022-03-08 17:00")
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00", steps=(STEPS[0], slow))
    assert [c.kind for c in judge(d, vn(), date(2022, 6, 30)).causes] == [
        CauseKind.STEP_OVERRUN,
        CauseKind.SOFTWARE_CLOSING,
    ]
