"""End to end against a local fake of Zalo and the SMS gateway: only the dossier whose citizen consented
is announced, once per change, by Zalo (SMS when Zalo refuses), and a rolled-back change reaches no
gateway."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from cchc.dossiers.actions import set_status
from cchc.dossiers.actions.consents import consent
from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.dossiers.tests.status_message_helpers import received
from cchc.notify.models import ConsentPlace, Notification
from cchc.notify.tests.fake_gateway import serve

WORKER_AT_ONCE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway(settings):
    for g in serve():
        settings.TASKS = WORKER_AT_ONCE  # the worker's job runs as soon as it is queued
        settings.CCHC_NOTIFY_CHANNELS = {
            "zalo": "cchc.notify.zalo.ZaloZnsChannel",
            "sms": "cchc.notify.channels.SmsHttpChannel",
            "email": "cchc.notify.channels.EmailChannel",
        }
        settings.CCHC_ZALO_ACCESS_TOKEN = "oa-token"
        settings.CCHC_ZALO_ZNS_TEMPLATE_ID = "301234"
        settings.CCHC_ZALO_ZNS_URL = g.url("/zns")
        settings.CCHC_SMS_URL = g.url("/sms")
        yield g


def test_only_the_consenting_citizen_hears_each_change_once(
    world, gateway, django_capture_on_commit_callbacks
):
    make_catalogue()
    office, desk = world.users["office"], world.users["one_stop"]
    mine, other = received(world, "ZL1"), received(world, "ZL2")
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, mine, channel="zalo", address="0909000111", where=ConsentPlace.DESK)
    assert [r.body["phone"] for r in gateway.at("/zns")] == ["84909000111"]
    with django_capture_on_commit_callbacks(execute=True):
        for d in (mine, other):
            set_status(d, 5, actor=office, at=dt.datetime(2022, 3, 8, 9))
    with django_capture_on_commit_callbacks(execute=True):
        for d in (mine, other):
            set_status(d, 5, actor=office, at=dt.datetime(2022, 3, 8, 9))  # the same state again
    texts = [r.body["template_data"]["noi_dung"] for r in gateway.at("/zns")]
    assert len(texts) == 2 and "ZL1" in texts[1] and "cần bổ sung" in texts[1]
    assert not any("ZL2" in t for t in texts)
    assert gateway.at("/sms") == []

    gateway.answers["/zns"] = (200, {"error": -118, "message": "Zalo account not existed"})

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        set_status(mine, 9, actor=office, at=dt.datetime(2022, 3, 10, 9))
        raise Undo
    assert len(gateway.received) == 2  # the rolled-back result reached no gateway
    with django_capture_on_commit_callbacks(execute=True):
        set_status(mine, 9, actor=office, at=dt.datetime(2022, 3, 10, 9))
    [sms] = gateway.at("/sms")
    assert "ZL1" in sms.body["text"] and "đã có kết quả" in sms.body["text"]
    assert Notification.objects.get(dedupe_key="dossier:ZL1:result").delivered_via == "sms"
