"""docs/rules/directive-tasks.md: every way a task moves between statuses, read from the deadline machine.

open (within time / overdue / no deadline) → awaiting confirmation → done (on time / late)
                                     ↖ sent back ↙
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cchc.directives import actions
from cchc.directives.models import Task, TaskStatus
from cchc.directives.queries import with_state
from cchc.directives.tests.conftest import make_task
from cchc.lib.deadlines import State

DUE = dt.date(2022, 9, 30)


def state(task: Task, today: dt.date) -> tuple[str, str]:
    t: Any = with_state(Task.objects.filter(pk=task.pk), today).get()
    return t.state, t.state_original


@pytest.fixture
def people(world):
    return world.users["ward_officer"], world.users["office"]


def test_a_new_task_is_open_within_time_until_its_last_day(world, p1_task):
    assert p1_task.status == TaskStatus.OPEN
    assert state(p1_task, dt.date(2022, 9, 1))[0] == State.OPEN_WITHIN
    assert state(p1_task, DUE)[0] == State.OPEN_WITHIN  # the due day itself is still in time


def test_an_open_task_becomes_overdue_the_day_after_its_deadline(world, p1_task):
    assert state(p1_task, DUE + dt.timedelta(days=1))[0] == State.OPEN_OVERDUE


def test_a_task_without_deadline_stays_open_without_deadline(world, directive):
    task = make_task(world, directive, due=None)
    assert state(task, dt.date(2030, 1, 1))[0] == State.OPEN_NO_DEADLINE


def test_reported_completion_waits_for_the_assigner(world, p1_task, people):
    officer, _ = people
    actions.report_completion(officer, p1_task, note="Đã cập nhật đủ 30 văn bản", on=dt.date(2022, 9, 20))
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.AWAITING and p1_task.progress == 100
    # Waiting, even after the deadline: the unit reported in time.
    assert state(p1_task, dt.date(2022, 10, 20))[0] == State.AWAITING_CONFIRMATION


def test_confirmed_completion_reported_in_time_is_done_on_time_even_if_confirmed_late(world, p1_task, people):
    officer, office = people
    actions.report_completion(officer, p1_task, note="Xong", on=dt.date(2022, 9, 29))
    actions.confirm_completion(office, p1_task, on=dt.date(2022, 10, 5))
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.DONE
    assert state(p1_task, dt.date(2023, 1, 1)) == (State.DONE_ON_TIME, State.DONE_ON_TIME)


def test_completion_reported_after_the_deadline_is_done_late(world, p1_task, people):
    officer, office = people
    actions.report_completion(officer, p1_task, note="Xong muộn", on=dt.date(2022, 10, 3))
    actions.confirm_completion(office, p1_task, on=dt.date(2022, 10, 4))
    assert state(p1_task, dt.date(2023, 1, 1))[0] == State.DONE_LATE


def test_a_task_without_deadline_is_done_without_deadline(world, directive, people):
    officer, office = people
    task = make_task(world, directive, due=None)
    actions.report_completion(officer, task, note="Xong", on=dt.date(2022, 12, 1))
    actions.confirm_completion(office, task, on=dt.date(2022, 12, 2))
    assert state(task, dt.date(2023, 1, 1))[0] == State.DONE_NO_DEADLINE


def test_sent_back_completion_reopens_the_task_with_the_same_deadline(world, p1_task, people):
    officer, office = people
    actions.add_progress(officer, p1_task, percent=60, note="Đã rà soát 18/30")
    actions.report_completion(officer, p1_task, note="Xong", on=dt.date(2022, 9, 25))
    actions.send_back(office, p1_task, note="Còn thiếu văn bản của Sở Tư pháp")
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.OPEN
    assert p1_task.progress == 60  # back to the last progress reported before completion
    assert p1_task.deadline.due == DUE and p1_task.deadline.reported_on is None
    assert state(p1_task, dt.date(2022, 10, 3))[0] == State.OPEN_OVERDUE
    # Reported again after the deadline: judged by the second report.
    actions.report_completion(officer, p1_task, note="Đã bổ sung", on=dt.date(2022, 10, 3))
    actions.confirm_completion(office, p1_task, on=dt.date(2022, 10, 3))
    assert state(p1_task, dt.date(2022, 10, 4))[0] == State.DONE_LATE


def test_an_approved_extension_turns_overdue_into_within_time_but_not_against_the_original(
    world, p1_task, people
):
    _, office = people
    ext = actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 14), reason="Chờ số liệu"
    )
    actions.decide_extension(office, ext, approve=True, note="Đồng ý")
    assert state(p1_task, dt.date(2022, 10, 3)) == (State.OPEN_WITHIN, State.OPEN_OVERDUE)


def test_a_refused_extension_leaves_the_task_overdue(world, p1_task, people):
    _, office = people
    ext = actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 14), reason="Chờ số liệu"
    )
    actions.decide_extension(office, ext, approve=False, note="Không có căn cứ")
    assert state(p1_task, dt.date(2022, 10, 3))[0] == State.OPEN_OVERDUE


def test_steps_out_of_order_are_refused_with_a_vietnamese_message(world, p1_task, people):
    officer, office = people
    with pytest.raises(ValidationError, match="chờ xác nhận"):
        actions.confirm_completion(office, p1_task)
    with pytest.raises(ValidationError, match="chờ xác nhận"):
        actions.send_back(office, p1_task, note="x")
    actions.report_completion(officer, p1_task, note="Xong", on=dt.date(2022, 9, 20))
    with pytest.raises(ValidationError, match="đang thực hiện"):
        actions.report_completion(officer, p1_task, note="Lần nữa")
    with pytest.raises(ValidationError, match="đang thực hiện"):
        actions.request_extension(officer, p1_task, proposed_due=dt.date(2022, 11, 1), reason="x")
    with pytest.raises(ValidationError, match="trước ngày báo cáo"):
        actions.confirm_completion(office, p1_task, on=dt.date(2022, 9, 19))
    actions.confirm_completion(office, p1_task, on=dt.date(2022, 9, 21))
    with pytest.raises(ValidationError, match="kết thúc"):
        actions.add_progress(officer, p1_task, percent=10, note="x")


def test_each_transition_writes_an_audit_event(world, p1_task, people):
    from cchc.core.models import AuditEvent

    officer, office = people
    actions.report_completion(officer, p1_task, note="Xong", on=dt.date(2022, 9, 20))
    actions.send_back(office, p1_task, note="Thiếu")
    actions.report_completion(officer, p1_task, note="Đủ", on=dt.date(2022, 9, 22))
    actions.confirm_completion(office, p1_task, on=dt.date(2022, 9, 23))
    verbs = list(
        AuditEvent.objects.filter(object_type="directives.task", object_id=str(p1_task.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "task.created",
        "task.reported_done",
        "task.sent_back",
        "task.reported_done",
        "task.confirmed",
    ]
