"""Loading the demo sends nothing: its officials and citizens are fictitious, so every message its
steps raise (an oversight case's request for an explanation, a training invitation, a petition's
answer) is kept as a recorded notification, never handed to the e-mail backend — which in the demo
prints on the terminal of whoever runs ``make demo``."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from cchc.notify.channels import messages_recorded
from cchc.notify.models import Notification
from cchc.oversight.models import ResponsibilityCase

pytestmark = pytest.mark.django_db


def test_the_oversight_year_requests_an_explanation_without_mailing_the_official(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CCHC_DEMO = True
    settings.CCHC_NOTIFY_CHANNELS = {
        **settings.CCHC_NOTIFY_CHANNELS,
        "email": "cchc.notify.channels.EmailChannel",
    }
    monkeypatch.setenv("CCHC_DEMO_TODAY", "2026-12-06")
    # Messages leave after the commit; the test's own transaction never commits, so run them here.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--only", "org,calendar,oversight", verbosity=0)

    assert ResponsibilityCase.objects.filter(explanation_requested_on__isnull=False).exists()
    assert Notification.objects.filter(object_type="oversight.responsibilitycase").exists()
    assert mail.outbox == []


def test_every_configured_channel_is_recorded_inside_the_block(settings):
    settings.CCHC_NOTIFY_CHANNELS = {
        "email": "cchc.notify.channels.EmailChannel",
        "sms": "cchc.notify.channels.SmsHttpChannel",
        "zalo": "cchc.notify.zalo.ZaloZnsChannel",
    }
    with messages_recorded():
        from django.conf import settings as live

        assert set(live.CCHC_NOTIFY_CHANNELS) == {"email", "sms", "zalo"}
        assert set(live.CCHC_NOTIFY_CHANNELS.values()) == {"cchc.notify.channels.RecordingChannel"}
    assert settings.CCHC_NOTIFY_CHANNELS["email"] == "cchc.notify.channels.EmailChannel"
