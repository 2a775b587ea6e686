"""The Zalo OA webhook: only an event whose mac (app id + body + timestamp + OA secret) matches is
processed; a dossier code with its phone, or a procedure code, gets the phone bot's written answer as a
Zalo message after commit, once per event even when Zalo resends it; forged, stale, huge, deep or
NUL-laden bodies are refused with 4xx and send nothing."""

from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Notification
from cchc.portal import callbot_answers as answers
from cchc.portal.zalo_webhook import HELP, expected_mac

WORKER_AT_ONCE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


APP, SECRET = "1234567890", "oa-secret-key"


@pytest.fixture(autouse=True)
def _zalo(settings):
    settings.CCHC_ZALO_APP_ID = APP
    settings.CCHC_ZALO_OA_SECRET_KEY = SECRET
    settings.TASKS = WORKER_AT_ONCE  # the worker's job runs as soon as it is queued
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def event(text: str, msg_id: str = "m1", ts: int | None = None) -> str:
    return json.dumps(
        {
            "app_id": APP,
            "event_name": "user_send_text",
            "sender": {"id": "2468013579"},
            "recipient": {"id": "579"},
            "message": {"text": text, "msg_id": msg_id},
            "timestamp": str(ts if ts is not None else int(time.time() * 1000)),
        },
        ensure_ascii=False,
    )


def post(client, body: str | bytes, mac: str | None = None, content_type: str = "application/json"):
    raw = body.encode() if isinstance(body, str) else body
    if mac is None:
        ts = json.loads(raw)["timestamp"]
        mac = expected_mac(APP, raw.decode(), ts, SECRET)
    return client.post(
        reverse("zalo_webhook"), data=raw, content_type=content_type, HTTP_X_ZEVENT_SIGNATURE=f"mac={mac}"
    )


def sent() -> list[tuple[str, str]]:
    return [(m.recipient, m.body) for m in RecordingChannel.outbox]


def test_a_dossier_code_with_its_phone_gets_the_dossier_answer_once(
    client, world, django_capture_on_commit_callbacks
):
    from cchc.dossiers.tests.import_helpers import make_catalogue
    from cchc.dossiers.tests.status_message_helpers import received

    make_catalogue()
    received(world, "ZW1")
    body = event("ZW1 0909000111")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, body).status_code == 200
        assert post(client, body).status_code == 200  # Zalo resends the same event
    [(to, text)] = sent()
    assert to == "2468013579" and "đang được giải quyết" in text
    assert "Nguyễn Văn Dân" not in text
    note = Notification.objects.get(dedupe_key="zalo:in:m1")
    assert note.channel == "zalo_oa" and note.object_type == "zalo.question"


def test_a_wrong_phone_answers_like_an_unknown_code(client, world, django_capture_on_commit_callbacks):
    from cchc.dossiers.tests.import_helpers import make_catalogue
    from cchc.dossiers.tests.status_message_helpers import received

    make_catalogue()
    received(world, "ZW2")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event("ZW2 0909999999", "m2"))
        post(client, event("KHONGCO1 0909000111", "m3"))
    assert [t for _, t in sent()] == [answers.NOT_FOUND_DOSSIER, answers.NOT_FOUND_DOSSIER]


def test_a_procedure_code_gets_the_procedure_answer_and_an_unknown_one_not_found(
    client, db, django_capture_on_commit_callbacks
):
    from cchc.dossiers.tests.import_helpers import make_catalogue

    make_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event("1.004227", "p1"))
        post(client, event("9.999999", "p2"))
        post(client, event("xin chào", "p3"))
    texts = [t for _, t in sent()]
    assert texts[0].startswith("Thủ tục đăng ký khai sinh.")
    assert texts[1:] == [answers.NOT_FOUND_PROCEDURE, HELP]


@pytest.mark.parametrize(
    "header",
    ["", "mac=", "mac=zz", "sha256=" + "0" * 64, "mac=" + "0" * 64, "mac=" + "a" * 63 + "\x00"],
)
def test_a_missing_malformed_or_wrong_signature_is_refused_and_nothing_processed(
    client, db, header, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("zalo_webhook"),
            data=event("1.004227").encode(),
            content_type="application/json",
            HTTP_X_ZEVENT_SIGNATURE=header,
        )
    assert response.status_code == 403
    assert sent() == [] and not Notification.objects.exists()


def test_a_signature_for_another_body_or_a_stale_event_is_refused(client, db):
    body = event("1.004227")
    mac = expected_mac(APP, body, json.loads(body)["timestamp"], SECRET)
    assert post(client, body.replace("1.004227", "1.004228"), mac).status_code == 403
    stale = event("1.004227", ts=int(time.time() * 1000) - 3600_000)
    assert post(client, stale).status_code == 403
    assert not Notification.objects.exists()


def test_without_the_oa_secret_everything_is_refused(client, db, settings):
    settings.CCHC_ZALO_OA_SECRET_KEY = ""
    assert post(client, event("1.004227"), "0" * 64).status_code == 403


def test_hostile_bodies_get_a_4xx_and_send_nothing(client, db, django_capture_on_commit_callbacks):
    ts = str(int(time.time() * 1000))

    def signed(raw: bytes):
        mac = expected_mac(APP, raw.decode("utf-8", "replace"), ts, SECRET)
        return client.post(
            reverse("zalo_webhook"),
            data=raw,
            content_type="application/json",
            HTTP_X_ZEVENT_SIGNATURE=f"mac={mac}",
        )

    deep = ("[" * 100_000 + "]" * 100_000).encode()
    nested = json.dumps({"timestamp": ts, "a": [[[[[[[[[["x"]]]]]]]]]]}).encode()
    with_nul = json.dumps(
        {"timestamp": ts, "event_name": "user_send_text", "message": {"text": "a\x00b"}}
    ).encode()
    huge = json.dumps({"timestamp": ts, "pad": "x" * 200_000}).encode()
    latin = json.dumps({"timestamp": ts, "x": "é"}, ensure_ascii=False).encode("latin-1")
    with django_capture_on_commit_callbacks(execute=True):
        codes = [signed(b).status_code for b in (deep, nested, with_nul, huge, latin, b"not json", b"[1, 2]")]
        form = client.post(reverse("zalo_webhook"), {"a": "b"}, HTTP_X_ZEVENT_SIGNATURE="mac=" + "0" * 64)
    assert codes == [400, 400, 400, 413, 400, 400, 400]
    assert 400 <= form.status_code < 500
    assert client.get(reverse("zalo_webhook")).status_code == 405
    assert sent() == [] and not Notification.objects.exists()


def test_one_zalo_user_asking_too_often_is_told_to_wait(
    client, world, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from cchc.dossiers.tests.import_helpers import make_catalogue
    from cchc.dossiers.tests.status_message_helpers import received

    cache.clear()
    settings.CCHC_LOOKUP_RATE_PER_HOUR = 2
    make_catalogue()
    received(world, "ZW9")
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            assert post(client, event("ZW9 0909000111", f"r{i}")).status_code == 200
    texts = [t for _, t in sent()]
    assert len(texts) == 3 and texts[-1] == answers.TOO_MANY and texts[0] != answers.TOO_MANY
    cache.clear()
