"""The Zalo adapter against a local fake of Zalo and of the SMS gateway: a ZNS template message with
the OA's token; any refusal (no Zalo account, bad token) or silence sends the same text by SMS, and
the message records which route delivered it; both failing leaves it failed with both reasons."""

from __future__ import annotations

import socket

import pytest

from cchc.notify.actions import retry_failed, send
from cchc.notify.models import Notification, NotificationStatus
from cchc.notify.tests.fake_gateway import serve
from cchc.notify.zalo import international_phone

REAL = {
    "zalo": "cchc.notify.zalo.ZaloZnsChannel",
    "sms": "cchc.notify.channels.SmsHttpChannel",
    "zalo_oa": "cchc.notify.zalo.ZaloOaChannel",
}


@pytest.fixture
def gateway(settings):
    for g in serve():
        settings.CCHC_NOTIFY_CHANNELS = REAL
        settings.CCHC_ZALO_ACCESS_TOKEN = "oa-token"
        settings.CCHC_ZALO_ZNS_TEMPLATE_ID = "301234"
        settings.CCHC_ZALO_ZNS_URL = g.url("/zns")
        settings.CCHC_ZALO_OA_MESSAGE_URL = g.url("/oa")
        settings.CCHC_SMS_URL = g.url("/sms")
        settings.CCHC_SMS_TOKEN = "sms-token"
        yield g


def test_a_zalo_message_is_a_zns_template_with_the_oa_token(db, gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo", "0909 000 111", "Đã tiếp nhận hồ sơ", "Hồ sơ H1 đã được tiếp nhận.", dedupe_key="z1")
    [zns] = gateway.at("/zns")
    assert zns.headers["access_token"] == "oa-token"
    assert zns.body == {
        "phone": "84909000111",
        "template_id": "301234",
        "template_data": {"tieu_de": "Đã tiếp nhận hồ sơ", "noi_dung": "Hồ sơ H1 đã được tiếp nhận."},
    }
    assert gateway.at("/sms") == []
    note = Notification.objects.get(dedupe_key="z1")
    assert note.status == NotificationStatus.SENT and note.delivered_via == "zalo"


def test_a_phone_without_zalo_gets_the_same_text_by_sms(db, gateway, django_capture_on_commit_callbacks):
    gateway.answers["/zns"] = (200, {"error": -118, "message": "Zalo account not existed"})
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo", "0909000111", "Hồ sơ cần bổ sung", "Hồ sơ H2 cần bổ sung.", dedupe_key="z2")
    [sms] = gateway.at("/sms")
    assert sms.headers["authorization"] == "Bearer sms-token"
    assert sms.body == {"to": "0909000111", "subject": "Hồ sơ cần bổ sung", "text": "Hồ sơ H2 cần bổ sung."}
    note = Notification.objects.get(dedupe_key="z2")
    assert note.status == NotificationStatus.SENT and note.delivered_via == "sms"


def test_zalo_out_of_reach_falls_back_to_sms(db, gateway, settings, django_capture_on_commit_callbacks):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    settings.CCHC_ZALO_ZNS_URL = f"http://127.0.0.1:{closed}/zns"
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo", "0909000111", "", "Hồ sơ H3 đã có kết quả.", dedupe_key="z3")
    assert len(gateway.at("/sms")) == 1
    assert Notification.objects.get(dedupe_key="z3").delivered_via == "sms"


def test_both_failing_leaves_the_message_failed_then_retried(db, gateway, django_capture_on_commit_callbacks):
    gateway.answers["/zns"] = (200, {"error": -124, "message": "Access token invalid"})
    gateway.answers["/sms"] = (503, {"error": "busy"})
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo", "0909000111", "", "Hồ sơ H4 đã có kết quả.", dedupe_key="z4")
    note = Notification.objects.get(dedupe_key="z4")
    assert note.status == NotificationStatus.FAILED
    assert "-124" in note.error and "SMS" in note.error
    gateway.answers.clear()
    assert retry_failed() == 1
    note.refresh_from_db()
    assert note.status == NotificationStatus.SENT and note.delivered_via == "zalo"


def test_an_oa_answer_is_a_text_to_the_zalo_user(db, gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo_oa", "2468013579", "", "Hồ sơ H5 đang được giải quyết.", dedupe_key="z5")
    [oa] = gateway.at("/oa")
    assert oa.headers["access_token"] == "oa-token"
    assert oa.body == {
        "recipient": {"user_id": "2468013579"},
        "message": {"text": "Hồ sơ H5 đang được giải quyết."},
    }


def test_without_a_token_zalo_is_not_called_and_sms_carries_the_message(
    db, gateway, settings, django_capture_on_commit_callbacks
):
    settings.CCHC_ZALO_ACCESS_TOKEN = ""
    with django_capture_on_commit_callbacks(execute=True):
        send("zalo", "0909000111", "", "Hồ sơ H6.", dedupe_key="z6")
    assert gateway.at("/zns") == [] and len(gateway.at("/sms")) == 1


def test_phones_take_zalos_international_form():
    assert international_phone("0909 000 111") == "84909000111"
    assert international_phone("+84 909 000 111") == "84909000111"
