"""Cause ``step_overrun``: each step that finished after its own deadline, or is unfinished past it,
named with its unit and official; an external step names the external unit."""

from datetime import date

from cchc.lib.outcomes import Cause, CauseKind, OutcomeKind, Step, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

AS_OF = date(2022, 6, 30)


def step(unit, official, started, finished, deadline, external=False):
    return Step(unit, official, at(started), at(finished) if finished else None, at(deadline), external)


def test_each_step_finished_after_its_deadline_is_a_cause_with_its_unit_and_official():
    steps = (
        step("Bộ phận Một cửa", "Trần Thị B", "2022-03-07 09:00", "2022-03-07 10:00", "2022-03-07 17:00"),
        step(
            "Phòng Tài nguyên và Môi trường",
            "Lê Văn C",
            "2022-03-07 10:00",
            "2022-03-11 09:00",
            "2022-03-09 17:00",
        ),
        step("Lãnh đạo UBND", "Phạm Văn D", "2022-03-11 09:00", "2022-03-14 09:00", "2022-03-10 12:00"),
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00", steps=steps)
    result = judge(d, vn(), AS_OF)
    assert result.outcome == OutcomeKind.LATE
    assert result.causes == (
        Cause(CauseKind.STEP_OVERRUN, "Phòng Tài nguyên và Môi trường", "Lê Văn C"),
        Cause(CauseKind.STEP_OVERRUN, "Lãnh đạo UBND", "Phạm Văn D"),
    )


def test_a_step_finished_one_minute_after_its_deadline_overran():
    # Step deadlines are instants (the process-control sheet records hour and minute,
    # docs/rules/dossier-deadlines.md).
    s = step("Phòng Tư pháp", "Ngô Văn E", "2022-03-07 09:00", "2022-03-09 17:01", "2022-03-09 17:00")
    d = dossier(9, "2022-03-07 09:00", "2022-03-08 17:00", "2022-03-09 17:30", steps=(s,))
    assert judge(d, vn(), AS_OF).causes == (Cause(CauseKind.STEP_OVERRUN, "Phòng Tư pháp", "Ngô Văn E"),)


def test_an_unfinished_step_past_its_deadline_is_a_cause_of_an_overdue_open_dossier():
    s = step("Phòng Quản lý đô thị", "Đỗ Văn G", "2022-03-07 09:00", None, "2022-03-09 17:00")
    d = dossier(4, "2022-03-07 09:00", "2022-03-10 17:00", steps=(s,))
    result = judge(d, vn(), date(2022, 3, 11))
    assert result.outcome == OutcomeKind.OPEN_OVERDUE
    assert result.causes == (Cause(CauseKind.STEP_OVERRUN, "Phòng Quản lý đô thị", "Đỗ Văn G"),)


def test_an_external_step_is_attributed_to_the_external_unit_not_to_a_person():
    steps = (
        step(
            "Phòng Tài chính - Kế hoạch",
            "Vũ Thị H",
            "2022-03-07 09:00",
            "2022-03-08 09:00",
            "2022-03-08 17:00",
        ),
        step(
            "Chi cục Thuế khu vực",
            "Cán bộ thuế",
            "2022-03-08 09:00",
            "2022-03-14 09:00",
            "2022-03-10 17:00",
            True,
        ),
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-11 17:00", "2022-03-14 15:00", steps=steps, inter_agency=True)
    assert judge(d, vn(), AS_OF).causes == (Cause(CauseKind.STEP_OVERRUN, "Chi cục Thuế khu vực", None),)


def test_a_step_finished_by_its_deadline_is_not_a_cause():
    steps = (
        step("Phòng Tư pháp", "Ngô Văn E", "2022-03-07 09:00", "2022-03-09 09:00", "2022-03-09 17:00"),
        step("Lãnh đạo UBND", "Phạm Văn D", "2022-03-09 09:00", "2022-03-14 09:00", "2022-03-10 17:00"),
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-10 17:00", "2022-03-14 10:00", steps=steps)
    assert [c.unit for c in judge(d, vn(), AS_OF).causes] == ["Lãnh đạo UBND"]


def test_a_step_deadline_on_a_date_alone_lasts_the_whole_day():
    from cchc.lib.natsync import parse_instant

    s = Step(
        "Phòng Tư pháp",
        "Ngô Văn E",
        at("2022-03-07 09:00"),
        at("2022-03-09 16:00"),
        parse_instant("20220309", end_of_day=True),
    )
    d = dossier(9, "2022-03-07 09:00", "2022-03-09 17:00", "2022-03-10 09:00", steps=(s,))
    assert judge(d, vn(), AS_OF).causes[0].kind != CauseKind.STEP_OVERRUN
