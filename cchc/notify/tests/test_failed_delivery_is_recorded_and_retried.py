from cchc.notify.actions import retry_failed, send
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification, NotificationStatus


def test_sms_failure_is_kept_as_failed_then_retried_once_the_gateway_works(
    db, django_capture_on_commit_callbacks
):
    RecordingChannel.reset()
    RecordingChannel.fail_for.add("0912345678")
    with django_capture_on_commit_callbacks(execute=True):
        note = send("sms", "0912345678", "", "Hồ sơ của ông/bà đã có kết quả", dedupe_key="k1")
    assert note is not None and note.status == NotificationStatus.FAILED
    assert "gateway" in note.error
    RecordingChannel.fail_for.clear()
    assert retry_failed() == 1
    assert Notification.objects.get(pk=note.pk).status == NotificationStatus.SENT
    assert [m.recipient for m in RecordingChannel.outbox] == ["0912345678"]
    RecordingChannel.reset()


def test_the_same_dedupe_key_is_never_sent_twice(db, django_capture_on_commit_callbacks):
    RecordingChannel.reset()
    with django_capture_on_commit_callbacks(execute=True):
        assert send("zalo", "u1", "", "a", dedupe_key="same") is not None
        assert send("zalo", "u1", "", "a", dedupe_key="same") is None
    assert len(RecordingChannel.outbox) == 1
    RecordingChannel.reset()
