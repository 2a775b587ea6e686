"""Known answers for every legal limit of a petition, counted through the working-day calendar
(bundled 2022–2027 table: Tết 2023 was Fri 20/1 – Thu 26/1, back to work Fri 27/1)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.feedback import actions, clocks
from cchc.feedback.models import ClockKind, HandledHow, Status
from cchc.feedback.tests.conftest import local

D = dt.date


def due(petition, kind, round=1):
    return petition.clocks.get(kind=kind, round=round).deadline.due


# --- Decision 766 ind. 5.2: reject 2, ask for information 5, process 15, publish 2 working days -------


def test_a_rejection_limit_ending_in_the_tet_break_moves_past_it(file_petition):
    p = file_petition(at=local(2023, 1, 18))
    assert p.received_on == D(2023, 1, 18)
    assert due(p, ClockKind.TRIAGE) == D(2023, 1, 27)  # Thu 19 = day 1; Tết 20–26; Fri 27 = day 2


def test_the_processing_limit_counts_fifteen_working_days_around_tet(file_petition):
    p = file_petition(at=local(2023, 1, 18))
    assert due(p, ClockKind.PROCESS) == D(2023, 2, 15)
    assert p.due_on == D(2023, 2, 15)


def test_a_petition_sent_during_tet_counts_from_the_first_working_day(file_petition):
    p = file_petition(at=local(2023, 1, 21, 10))  # Saturday inside Tết
    assert p.received_on == D(2023, 1, 27)
    assert due(p, ClockKind.TRIAGE) == D(2023, 1, 31)


def test_a_petition_sent_after_office_hours_counts_from_the_next_working_day(file_petition):
    p = file_petition(at=local(2022, 6, 6, 19, 30))  # Monday evening, after the 17:00 cut-off
    assert p.received_on == D(2022, 6, 7)
    assert due(p, ClockKind.TRIAGE) == D(2022, 6, 9)


def test_rejection_on_the_last_day_is_on_time_and_the_day_after_is_late(world, file_petition):
    on_time = file_petition(at=local(2023, 1, 18))
    actions.reject(
        world.users["ward_officer"],
        on_time,
        reason="Nội dung không thuộc phạm vi phản ánh.",
        at=local(2023, 1, 27, 16),
    )
    late = file_petition(
        at=local(2023, 1, 18), citizen_phone="0987654321", text="Đèn đường hẻm 5 bị hỏng cả tháng nay."
    )
    actions.reject(
        world.users["ward_officer"],
        late,
        reason="Nội dung không thuộc phạm vi phản ánh.",
        at=local(2023, 1, 30, 8),
    )
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert (on_time.status, on_time.handled_how, on_time.handled_on_time) == (
        Status.REJECTED,
        HandledHow.REJECTED,
        True,
    )
    assert (late.handled_on, late.handled_on_time) == (D(2023, 1, 30), False)


def test_the_first_information_request_is_judged_against_five_working_days(world, file_petition):
    p = file_petition(at=local(2023, 1, 18))
    actions.request_info(
        world.users["ward_officer"], p, what="Xin cho biết số nhà cụ thể.", at=local(2023, 2, 1, 15)
    )
    p.refresh_from_db()
    assert p.info_request_on_time is True  # 18/1 + 5 working days = Wed 1/2
    q = file_petition(
        at=local(2023, 1, 18), citizen_phone="0987654321", text="Rác thải tồn đọng ở đầu hẻm 7 nhiều ngày."
    )
    actions.request_info(
        world.users["ward_officer"], q, what="Xin cho biết số nhà cụ thể.", at=local(2023, 2, 2, 9)
    )
    q.refresh_from_db()
    assert q.info_request_on_time is False


def test_waiting_for_the_citizen_stops_the_processing_clock(world, file_petition):
    p = file_petition(at=local(2023, 1, 18))
    officer = world.users["ward_officer"]
    actions.request_info(officer, p, what="Xin gửi ảnh chụp hiện trường.", at=local(2023, 2, 1, 10))
    actions.info_received(officer, p, text="Ảnh đã gửi qua Zalo của phường.", at=local(2023, 2, 8, 10))
    p.refresh_from_db()
    # Paused Wed 1/2 → Wed 8/2: 5 working days, so 15/2 becomes 22/2.
    assert p.due_on == D(2023, 2, 22)
    assert p.status == Status.PROCESSING


def test_an_answer_on_the_fifteenth_working_day_is_on_time(world, file_petition):
    p = file_petition(at=local(2023, 1, 18))
    answer = actions.draft_answer(
        world.users["ward_officer"],
        p,
        text="Phường đã lập biên bản và giải toả vỉa hè trước chợ.",
        at=local(2023, 2, 14),
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2023, 2, 15, 16))
    p.refresh_from_db()
    assert (p.status, p.handled_on, p.handled_on_time) == (Status.ANSWERED, D(2023, 2, 15), True)


def test_an_answer_a_day_late_counts_as_late(world, file_petition):
    p = file_petition(at=local(2023, 1, 18))
    answer = actions.draft_answer(
        world.users["ward_officer"],
        p,
        text="Phường đã lập biên bản và giải toả vỉa hè trước chợ.",
        at=local(2023, 2, 14),
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2023, 2, 16, 8))
    p.refresh_from_db()
    assert p.handled_on_time is False


def test_publication_is_due_two_working_days_after_the_answer(world, file_petition):
    p = file_petition(at=local(2023, 1, 18), consent_publish=True)
    answer = actions.draft_answer(
        world.users["ward_officer"],
        p,
        text="Phường đã lập biên bản và giải toả vỉa hè trước chợ.",
        at=local(2023, 2, 2),
    )
    actions.approve_answer(world.users["unit_head"], answer, at=local(2023, 2, 3, 10))  # Friday
    assert due(p, ClockKind.PUBLISH) == D(2023, 2, 7)  # Mon 6 = 1, Tue 7 = 2


def test_a_transfer_after_five_working_days_is_recorded_as_late(world, file_petition):
    from cchc.core.models import AuditEvent

    p = file_petition(at=local(2023, 1, 18), category="KHAC", ward=None)
    actions.transfer(
        world.users["office"], p, world.units["p1"], reason="Thuộc địa bàn Phường 1", at=local(2023, 2, 1)
    )
    q = file_petition(
        at=local(2023, 1, 18),
        category="KHAC",
        ward=None,
        citizen_phone="0987654321",
        text="Cống thoát nước ở đường Ba Cu bị tắc gây ngập.",
    )
    actions.transfer(
        world.users["office"], q, world.units["p1"], reason="Thuộc địa bàn Phường 1", at=local(2023, 2, 2)
    )
    flags = [e.data["on_time"] for e in AuditEvent.objects.filter(verb="feedback.transferred").order_by("id")]
    assert flags == [True, False]


# --- ND 59/2019: accept or refuse in 5 working days; explain in 15 days; suspension; one extension ----


@pytest.fixture
def request_for_explanation(file_petition):
    def make(at, **kw):
        return file_petition(
            kind="accountability",
            category="CB",
            ward=None,
            at=at,
            text="Đề nghị Phòng Nội vụ giải trình việc chậm giải quyết chế độ cho người có công.",
            **kw,
        )

    return make


def test_accepting_an_accountability_request_is_due_in_five_working_days(request_for_explanation):
    p = request_for_explanation(local(2023, 1, 10))
    assert due(p, ClockKind.ACCEPT) == D(2023, 1, 17)
    assert p.due_on == D(2023, 1, 17)


def test_the_explanation_limit_ending_in_tet_moves_to_the_first_working_day(world, request_for_explanation):
    p = request_for_explanation(local(2023, 1, 10))
    actions.accept(world.users["secretariat"], p, at=local(2023, 1, 10, 15))
    p.refresh_from_db()
    # 10/1 + 15 days = Wed 25/1, inside Tết → Fri 27/1 (BLDS 2015 Art. 148).
    assert due(p, ClockKind.ANSWER) == D(2023, 1, 27)
    assert p.due_on == D(2023, 1, 27)


def test_suspended_days_are_not_counted_and_one_extension_adds_at_most_fifteen_days(
    world, request_for_explanation
):
    officer, head = world.users["secretariat"], world.users["leader"]
    p = request_for_explanation(local(2023, 2, 27))
    actions.accept(officer, p, at=local(2023, 3, 1))
    p.refresh_from_db()
    assert p.due_on == D(2023, 3, 16)
    actions.suspend(
        officer, p, reason="Chờ kết luận thanh tra liên quan (Điều 14 NĐ 59).", at=local(2023, 3, 6)
    )
    actions.resume(officer, p, at=local(2023, 3, 13))
    p.refresh_from_db()
    assert p.due_on == D(2023, 3, 23)  # 7 suspended days added
    with pytest.raises(ValidationError, match="1 đến 15 ngày"):
        actions.request_extension(officer, p, days=16, reason="Nội dung phức tạp")
    actions.request_extension(
        officer, p, days=15, reason="Nội dung phức tạp, cần xác minh thêm", at=local(2023, 3, 20)
    )
    actions.decide_extension(head, p, approve=True, note="Đồng ý gia hạn", at=local(2023, 3, 21))
    p.refresh_from_db()
    deadline = p.clocks.get(kind=ClockKind.ANSWER).deadline
    assert deadline.original_due == D(2023, 3, 16)
    assert p.due_on == D(2023, 4, 7)  # 16/3 + 15 days = 31/3, + 7 suspended days
    with pytest.raises(ValidationError, match="một lần"):
        actions.request_extension(officer, p, days=5, reason="Lại phức tạp")


def test_refusing_an_accountability_request_late_is_recorded_as_late(world, request_for_explanation):
    p = request_for_explanation(local(2023, 1, 10))
    actions.reject(
        world.users["secretariat"],
        p,
        reason="Nội dung đã được giải trình tại văn bản số 12/NV.",
        at=local(2023, 1, 18),
    )
    p.refresh_from_db()
    assert (p.handled_how, p.handled_on_time) == (HandledHow.REFUSED, False)


def test_every_limit_is_a_setting(settings, file_petition):
    settings.CCHC_FEEDBACK_PROCESS_WORKING_DAYS = 10
    settings.CCHC_FEEDBACK_REJECT_WORKING_DAYS = 3
    p = file_petition(at=local(2023, 1, 18))
    assert due(p, ClockKind.PROCESS) == D(2023, 2, 8)
    assert due(p, ClockKind.TRIAGE) == D(2023, 1, 30)
    assert clocks.limit_for(ClockKind.ANSWER).value == 15
