import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.deadlines.actions import decide_extension, request_extension


def test_approved_extension_moves_due_and_keeps_the_original(world, task_deadline):
    ext = request_extension(
        world.users["unit_head"],
        task_deadline,
        proposed_due=dt.date(2022, 10, 14),
        reason="Chờ ý kiến của Phòng Tư pháp",
    )
    decide_extension(world.users["office"], ext, approve=True, note="Đồng ý")
    task_deadline.refresh_from_db()
    assert task_deadline.original_due == dt.date(2022, 9, 30)
    assert task_deadline.due == dt.date(2022, 10, 14)
    assert AuditEvent.objects.filter(
        verb="deadline.extension_approved", object_id=str(task_deadline.pk)
    ).exists()


def test_refused_extension_leaves_the_due_date(world, task_deadline):
    ext = request_extension(
        world.users["unit_head"], task_deadline, proposed_due=dt.date(2022, 10, 14), reason="Thiếu nhân lực"
    )
    decide_extension(world.users["office"], ext, approve=False, note="Không có căn cứ")
    task_deadline.refresh_from_db()
    assert task_deadline.due == dt.date(2022, 9, 30)


def test_a_second_pending_request_and_an_earlier_date_are_refused(world, task_deadline):
    request_extension(
        world.users["unit_head"], task_deadline, proposed_due=dt.date(2022, 10, 14), reason="Lý do"
    )
    with pytest.raises(ValidationError, match="đang chờ"):
        request_extension(
            world.users["unit_head"], task_deadline, proposed_due=dt.date(2022, 10, 20), reason="x"
        )


def test_proposed_date_must_be_after_the_current_due_date(world, task_deadline):
    with pytest.raises(ValidationError):
        request_extension(
            world.users["unit_head"], task_deadline, proposed_due=dt.date(2022, 9, 20), reason="x"
        )


def test_an_extension_shorter_than_a_pause_is_still_accepted(world, task_deadline):
    from cchc.deadlines.actions import pause, resume

    pause(world.users["office"], task_deadline, start=dt.date(2022, 9, 5), reason="Chờ ý kiến Sở")
    resume(world.users["office"], task_deadline, end=dt.date(2022, 9, 19))  # 10 working days paused
    task_deadline.refresh_from_db()
    assert task_deadline.due > dt.date(2022, 10, 7)
    ext = request_extension(
        world.users["unit_head"], task_deadline, proposed_due=dt.date(2022, 10, 7), reason="x"
    )
    decide_extension(world.users["office"], ext, approve=True)
    task_deadline.refresh_from_db()
    assert task_deadline.original_due == dt.date(2022, 9, 30)
    assert task_deadline.due > dt.date(2022, 10, 7)  # the paused time is added on top of the new date
