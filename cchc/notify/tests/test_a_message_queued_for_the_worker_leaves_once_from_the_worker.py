"""A message queued for the worker is not delivered by the process that made the change: after the
commit its job waits in the queue; the worker delivers it once even when the job runs twice; nothing is
queued for a rolled-back change; a job the queue lost is delivered by the retry run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cchc.notify.actions import deliver_queued, retry_failed, send
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification, NotificationStatus


@pytest.fixture(autouse=True)
def _outbox():
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def test_the_change_queues_the_job_and_the_worker_sends_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = send("sms", "0909000111", "", "Hồ sơ đã có kết quả", dedupe_key="w1", in_worker=True)
    assert note is not None
    assert RecordingChannel.outbox == []  # not by the process that made the change
    assert DBTaskResult.objects.filter(task_path="cchc.notify.actions.deliver_message").count() == 1
    assert deliver_queued(note.pk) is True
    assert deliver_queued(note.pk) is False  # the same job run again, or by a second worker
    assert [m.body for m in RecordingChannel.outbox] == ["Hồ sơ đã có kết quả"]
    note.refresh_from_db()
    assert note.status == NotificationStatus.SENT and note.attempts == 1


def test_a_rolled_back_change_queues_no_job(db, django_capture_on_commit_callbacks):
    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        send("sms", "0909000111", "", "x", dedupe_key="w2", in_worker=True)
        raise Undo
    assert not DBTaskResult.objects.exists() and not Notification.objects.exists()


def test_a_job_the_queue_lost_is_delivered_by_the_retry_run(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note = send("sms", "0909000111", "", "Hồ sơ cần bổ sung", dedupe_key="w3", in_worker=True)
    assert note is not None
    assert retry_failed() == 0  # queued a moment ago: the worker's job is still expected
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    assert retry_failed() == 1
    assert len(RecordingChannel.outbox) == 1
