import pytest
from django.db import transaction

from cchc.notify.actions import send
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification


class _Refused(Exception):
    pass


def test_a_change_that_raises_after_queuing_a_message_sends_nothing_and_keeps_no_row(
    db, django_capture_on_commit_callbacks
):
    RecordingChannel.reset()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(_Refused),
        transaction.atomic(),
    ):
        send("sms", "0912345678", "", "Hồ sơ đã có kết quả", dedupe_key="rolled-back")
        # Nothing leaves while the change is still open, even before it fails.
        assert RecordingChannel.outbox == []
        raise _Refused
    assert callbacks == []
    assert RecordingChannel.outbox == []
    assert not Notification.objects.filter(dedupe_key="rolled-back").exists()
    RecordingChannel.reset()
