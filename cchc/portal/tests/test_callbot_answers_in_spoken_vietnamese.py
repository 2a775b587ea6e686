"""The phone bot's answers (``/callbot/v1/``): a dossier by code + the phone declared when filing, under
the public look-up's limits, spoken with dates and numbers in words, a plain-text twin, structured facts,
never the applicant; a procedure by its code; hostile or malformed input refused in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from cchc.dossiers.demo import load_catalogue
from cchc.dossiers.models import Status, Supplement
from cchc.dossiers.tests.factories import APPLICANTS, build_ledger
from cchc.lib.vnspeech import date_words, digits_words
from cchc.org.demo import load_org

pytestmark = pytest.mark.django_db
URL = "/callbot/v1/ho-so"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def ask(client, code, phone, **extra):
    return client.post(URL, {"code": code, "phone": phone}, content_type="application/json", **extra)


def test_an_open_dossier_answers_its_status_due_date_and_whom_to_call(client, world):
    ledger = build_ledger(world)
    r = ask(client, ledger.due_soon.code, "0912 345 789")
    assert r.status_code == 200
    body = r.json()
    due = timezone.localtime(ledger.due_soon.appointment_at)
    assert body["found"] is True
    assert date_words(due.date()) in body["speech"]
    assert f"{due:%d/%m/%Y}" in body["text"] and f"{due:%d/%m/%Y}" not in body["speech"]
    assert "đang được giải quyết tại UBND Phường 1" in body["speech"]
    unit = ledger.due_soon.receiving_unit
    assert digits_words(unit.phone) in body["speech"] and unit.phone in body["text"]
    assert body["dossier"]["appointment_date"] == due.date().isoformat()
    assert body["dossier"]["status_code"] == Status.PROCESSING
    everything = r.content.decode()
    for value in APPLICANTS[0].values():
        assert value not in everything


def test_an_overdue_dossier_says_it_is_past_its_date(client, world):
    ledger = build_ledger(world)
    body = ask(client, ledger.overdue.code, "0912345789").json()
    due = timezone.localtime(ledger.overdue.appointment_at).date()
    assert f"đã quá ngày hẹn trả kết quả là {date_words(due)}" in body["speech"]


def test_a_dossier_waiting_for_a_supplement_says_what_is_missing(client, world):
    ledger = build_ledger(world)
    d = ledger.due_soon
    d.status = Status.SUPPLEMENT
    d.save(update_fields=["status"])
    Supplement.objects.create(
        dossier=d, seq=1, requested_at=timezone.now(), content="Bản sao sổ đỏ có chứng thực"
    )
    body = ask(client, d.code, "0912345789").json()
    assert "cần bổ sung giấy tờ" in body["speech"]
    assert "Nội dung cần bổ sung: Bản sao sổ đỏ có chứng thực." in body["speech"]
    assert body["dossier"]["missing"] == "Bản sao sổ đỏ có chứng thực"


def test_a_wrong_phone_gets_the_answer_of_an_unknown_code(client, world):
    ledger = build_ledger(world)
    wrong_phone = ask(client, ledger.due_soon.code, "0900000000")
    unknown = ask(client, "000.00.26.H01-KHONG-CO", "0912345789")
    assert wrong_phone.status_code == unknown.status_code == 404
    assert wrong_phone.json() == unknown.json()
    assert unknown.json()["speech"].startswith("Không tìm thấy hồ sơ")


@override_settings(CCHC_LOOKUP_WRONG_PAIR_PER_HOUR=2)
def test_wrong_answers_for_one_pair_are_limited_like_the_web_look_up(client, world):
    ledger = build_ledger(world)
    for _ in range(2):
        assert ask(client, ledger.due_soon.code, "0900000000").status_code == 404
    refused = ask(client, ledger.due_soon.code, "0900000000")
    assert refused.status_code == 429
    assert "quá nhiều lần" in refused.json()["speech"]
    # The applicant's own pair still answers: nothing is counted per code alone.
    assert ask(client, ledger.due_soon.code, "0912345789").status_code == 200


@override_settings(CCHC_LOOKUP_RATE_PER_HOUR=3)
def test_one_address_is_limited_across_the_web_look_up_and_the_bot(client, world):
    ledger = build_ledger(world)
    client.post("/cong-khai/tra-cuu-ho-so/", {"code": ledger.due_soon.code, "phone": "0912345789"})
    assert ask(client, ledger.due_soon.code, "0912345789").status_code == 200
    assert ask(client, ledger.due_soon.code, "0912345789").status_code == 200
    assert ask(client, ledger.due_soon.code, "0912345789").status_code == 429


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"code": "", "phone": "0912345789"}, 422, "mã hồ sơ"),
        ({"code": "ABC"}, 422, "số điện thoại"),
        ({"code": "x" * 65, "phone": "0912345789"}, 422, "mã hồ sơ"),
        ({"code": "   ", "phone": "   "}, 422, "mã hồ sơ"),
        ({"code": 12, "phone": ["a"]}, 422, "số điện thoại"),
    ],
)
def test_malformed_questions_are_refused_in_vietnamese(client, world, body, status, words):
    r = client.post(URL, body, content_type="application/json")
    assert r.status_code == status
    assert words in r.json()["detail"] and r.json()["speech"]


def test_a_body_that_is_not_json_is_refused_in_vietnamese(client):
    r = client.post(URL, "{không phải json", content_type="application/json")
    assert r.status_code == 400
    assert "JSON" in r.json()["detail"]


def test_a_form_encoded_body_is_refused_in_vietnamese(client):
    r = client.post(URL, {"code": "x", "phone": "y"})
    assert r.status_code == 415
    assert "JSON" in r.json()["detail"]


def test_a_procedure_answers_its_time_limit_fees_and_where_to_submit(client):
    load_org()
    load_catalogue()
    r = client.get("/callbot/v1/thu-tuc/1.009994")
    assert r.status_code == 200
    body = r.json()
    assert "Thời hạn giải quyết là mười lăm ngày." in body["speech"]
    assert "Lệ phí cấp giấy phép xây dựng: bảy mươi lăm nghìn đồng." in body["speech"]
    assert "Lệ phí cấp giấy phép xây dựng: 75.000 đồng." in body["text"]
    assert "Hồ sơ gồm bốn loại giấy tờ" in body["speech"]
    assert "Bộ phận một cửa UBND thành phố Vũng Tàu" in body["speech"]
    assert body["procedure"]["fees"] == [{"name": "Lệ phí cấp giấy phép xây dựng", "amount": 75000}]
    assert body["procedure"]["handbook_url"].endswith("/cong-khai/so-tay-thu-tuc/1.009994/")


def test_an_unknown_procedure_answers_a_spoken_not_found(client, world):
    r = client.get("/callbot/v1/thu-tuc/9.999999")
    assert r.status_code == 404
    assert r.json()["found"] is False
    assert r.json()["speech"].startswith("Không tìm thấy thủ tục")


def test_a_finished_and_a_returned_dossier(client, world):
    ledger = build_ledger(world)
    d = ledger.due_soon
    d.status = Status.PROCESSED
    d.save(update_fields=["status"])
    assert "Mời ông bà đến nhận kết quả" in ask(client, d.code, "0912345789").json()["speech"]
    d.status = Status.RETURNED
    d.returned_at = timezone.make_aware(dt.datetime(2026, 8, 15, 9, 30))
    d.save(update_fields=["status", "returned_at"])
    speech = ask(client, d.code, "0912345789").json()["speech"]
    assert "đã trả kết quả ngày mười lăm tháng tám năm hai nghìn hai mươi sáu" in speech
