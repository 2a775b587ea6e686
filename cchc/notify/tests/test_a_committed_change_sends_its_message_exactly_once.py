from django.db import transaction

from cchc.notify.actions import send
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification, NotificationStatus


def test_a_committed_change_sends_its_message_once_after_commit(db, django_capture_on_commit_callbacks):
    RecordingChannel.reset()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        note = send("zalo", "u1", "", "Đã tiếp nhận ý kiến", dedupe_key="committed")
        assert RecordingChannel.outbox == []  # queued, not yet sent
        assert note is not None and note.status == NotificationStatus.SENDING
    assert [m.recipient for m in RecordingChannel.outbox] == ["u1"]
    row = Notification.objects.get(dedupe_key="committed")
    assert row.status == NotificationStatus.SENT and row.attempts == 1
    RecordingChannel.reset()
