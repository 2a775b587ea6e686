import datetime as dt

import pytest
from django.core import mail
from django.db import connection

from cchc.deadlines import reminders
from cchc.deadlines.actions import confirm_done, report_done
from cchc.deadlines.models import ReminderSent
from cchc.notify.models import Notification
from cchc.testing.concurrency import at_once


def test_three_days_before_the_officer_is_reminded_once(
    world, task_deadline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(dt.date(2022, 9, 27)) == 1
        assert reminders.run(dt.date(2022, 9, 27)) == 0
        assert reminders.run(dt.date(2022, 9, 28)) == 0
    assert [m.to for m in mail.outbox] == [[world.officials["ward_officer"].email]]
    assert "còn 3 ngày làm việc" in mail.outbox[0].subject


def test_after_the_deadline_escalation_climbs_to_the_head_the_office_and_the_leader(
    world, task_deadline, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reminders.run(dt.date(2022, 10, 7))  # 5 working days after Fri 30/9
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert world.officials["unit_head"].email in recipients  # the accountable head
    assert world.users["office"].email in recipients
    assert world.users["leader"].email in recipients
    body = mail.outbox[0].body
    assert "Hoàng Minh Đức" in body  # the head who answers for the delay (Công văn 7190/UBND-NV, mục 1)


def test_a_reported_or_completed_task_gets_no_more_reminders(world, task_deadline):
    report_done(world.users["ward_officer"], task_deadline, on=dt.date(2022, 9, 26))
    assert reminders.run(dt.date(2022, 10, 7)) == 0
    confirm_done(world.users["office"], task_deadline, on=dt.date(2022, 9, 28))
    assert reminders.run(dt.date(2022, 10, 7)) == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_at_once_send_each_reminder_once(world, task_deadline):
    if connection.vendor == "sqlite":
        # SQLite serialises writers anyway; the ledger's unique constraint is what is under test.
        reminders.run(dt.date(2022, 10, 7))
        reminders.run(dt.date(2022, 10, 7))
    else:
        _, errors = at_once(lambda: reminders.run(dt.date(2022, 10, 7)))
        assert errors == []
    assert ReminderSent.objects.count() == 3
    keys = list(Notification.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == len(set(keys)) == 3


def test_a_paused_clock_chases_nobody_until_it_resumes(world, task_deadline):
    from cchc.deadlines.actions import pause, resume

    pause(world.users["office"], task_deadline, start=dt.date(2022, 9, 20), reason="Tạm đình chỉ")
    assert reminders.run(dt.date(2022, 10, 7)) == 0
    resume(world.users["office"], task_deadline, end=dt.date(2022, 9, 22))
    task_deadline.refresh_from_db()
    assert reminders.run(task_deadline.due + dt.timedelta(days=7)) > 0
