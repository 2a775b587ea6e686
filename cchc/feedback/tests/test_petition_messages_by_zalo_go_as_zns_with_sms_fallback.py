"""A petitioner who chose Zalo for the answers gets them as ZNS template messages on the same notify
machinery (a local fake of Zalo and the SMS gateway); when Zalo refuses, the same text goes by SMS."""

from __future__ import annotations

import pytest

from cchc.notify.models import Notification
from cchc.notify.tests.fake_gateway import serve


@pytest.fixture
def gateway(settings):
    for g in serve():
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


def test_a_petition_filed_for_zalo_answers_is_acknowledged_by_zns(
    world, file_petition, gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = file_petition(reply_via="zalo")
    [zns] = gateway.at("/zns")
    assert zns.body["phone"] == "84912345678" and p.code in zns.body["template_data"]["noi_dung"]
    assert gateway.at("/sms") == []
    assert Notification.objects.get(object_id=str(p.pk), channel="zalo").delivered_via == "zalo"


def test_when_zalo_refuses_the_petitioner_gets_the_sms(
    world, file_petition, gateway, django_capture_on_commit_callbacks
):
    gateway.answers["/zns"] = (200, {"error": -118, "message": "Zalo account not existed"})
    with django_capture_on_commit_callbacks(execute=True):
        p = file_petition(reply_via="zalo")
    [sms] = gateway.at("/sms")
    assert sms.body["to"] == "0912345678" and p.code in sms.body["text"]
    assert Notification.objects.get(object_id=str(p.pk), channel="zalo").delivered_via == "sms"
