from django.db import transaction
from django.test import override_settings

from cchc.notify.actions import send
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification, NotificationStatus

RECORDING = {"email": "cchc.notify.channels.RecordingChannel"}
NOWHERE = {"email": "cchc.notify.channels.SmsHttpChannel"}  # fails: no gateway URL configured


def test_a_message_queued_under_a_recording_channel_is_recorded_after_commit(
    db, settings, django_capture_on_commit_callbacks
):
    # The demo swaps in a recording channel only while it runs; delivery after commit must keep it.
    settings.CCHC_NOTIFY_CHANNELS = NOWHERE
    settings.CCHC_SMS_URL = ""
    RecordingChannel.reset()
    # The override ends before the commit, as the demo's does, so delivery runs under NOWHERE.
    with (
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
        override_settings(CCHC_NOTIFY_CHANNELS=RECORDING),
    ):
        send("email", "cong.dan@example.vn", "Đã nhận", "Đã nhận phản ánh", dedupe_key="demo-1")
    assert [m.recipient for m in RecordingChannel.outbox] == ["cong.dan@example.vn"]
    assert Notification.objects.get(dedupe_key="demo-1").status == NotificationStatus.SENT
    RecordingChannel.reset()
