"""DongBoHoSoMC through the push API: create, update with isUpdating, idempotent resends, and errors
that name the record and the field in Vietnamese and write nothing."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import DailyFact, Dossier, DossierEvent, DossierStep
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]


@pytest.fixture
def api(world):
    make_catalogue()
    return Api(token_for(world, "city"))


def test_a_new_dossier_is_created_judged_and_counted(api):
    r = api.sync(national("API-1"), national("API-2", KenhThucHien=2))
    assert r.status_code == 200, r.json()
    body = r.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (2, 0, 0)
    assert body["dossiers"] == [
        {"MaHoSo": "API-1", "action": "created"},
        {"MaHoSo": "API-2", "action": "created"},
    ]
    d = Dossier.objects.get(code="API-1")
    assert d.outcome == "on_time" and d.source.startswith("API: ")
    assert DossierStep.objects.filter(dossier=d).count() == 2
    assert DossierEvent.objects.get(dossier=d).actor_name.startswith("API: ")
    assert sum(DailyFact.objects.values_list("received", flat=True)) == 2


def test_sending_the_same_payload_twice_writes_no_new_event(api):
    payload = [national("IDEM-1"), national("IDEM-2")]
    assert api.sync(*payload).status_code == 200
    events = DossierEvent.objects.count()
    facts = list(DailyFact.objects.order_by("pk").values())
    for updating in (False, True):
        r = api.sync(*payload, updating=updating)
        assert r.status_code == 200
        assert r.json()["unchanged"] == 2
        assert {d["action"] for d in r.json()["dossiers"]} == {"unchanged"}
    assert DossierEvent.objects.count() == events
    assert list(DailyFact.objects.order_by("pk").values()) == facts


def test_creating_over_a_different_existing_dossier_is_a_conflict(api):
    api.sync(national("C-1"))
    r = api.sync(national("C-2"), national("C-1", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra=""))
    assert r.status_code == 409
    assert r.json()["errors"][0]["record"] == 2
    assert r.json()["errors"][0]["field"] == "MaHoSo"
    assert "isUpdating=true" in r.json()["errors"][0]["reason"]
    assert not Dossier.objects.filter(code="C-2").exists()
    assert Dossier.objects.get(code="C-1").status == 10


def test_is_updating_changes_an_existing_dossier_and_records_what_changed(api):
    api.sync(national("U-1", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra=""))
    r = api.sync(national("U-1"), updating=True)
    assert r.status_code == 200 and r.json()["updated"] == 1
    d = Dossier.objects.get(code="U-1")
    assert d.status == 10 and d.outcome == "on_time"
    event = DossierEvent.objects.filter(dossier=d, kind="updated").get()
    assert event.data["changes"]["status"] == [4, 10]


def test_is_updating_an_unknown_dossier_is_not_found_and_writes_nothing(api):
    api.sync(national("K-1"))
    r = api.sync(national("K-1", ChuHoSo="Người khác"), national("K-404"), updating=True)
    assert r.status_code == 404
    assert [(e["record"], e["value"]) for e in r.json()["errors"]] == [(2, "K-404")]
    assert Dossier.objects.get(code="K-1").applicant_name == "Nguyễn Văn Dân"


def test_bad_records_are_rejected_with_vietnamese_reasons_naming_record_and_field(api):
    r = api.sync(
        national("E-1"),
        national("E-2", MaTTHC="9.999999"),
        national("E-3", NgayHenTra="31/02/2022"),
    )
    assert r.status_code == 422
    errors = {(e["record"], e["field"]): e["reason"] for e in r.json()["errors"]}
    assert "Thời điểm không đọc được" in errors[(3, "NgayHenTra")]
    assert "không ghi" in r.json()["detail"]
    assert not Dossier.objects.exists()
    r = api.sync(national("E-1"), national("E-2", MaTTHC="9.999999"))
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "MaTTHC"
    assert "danh mục TTHC" in r.json()["errors"][0]["reason"]
    assert not Dossier.objects.exists()


def test_schema_errors_are_translated_and_name_the_field(api):
    bad = national("S-1", TrangThaiHoSo=11)
    del bad["MaTTHC"]
    r = api.sync(bad)
    assert r.status_code == 422
    errors = {(e["record"], e["field"]): e["reason"] for e in r.json()["errors"]}
    assert errors[(1, "MaTTHC")] == "Thiếu trường bắt buộc."
    assert errors[(1, "TrangThaiHoSo")] == "Phải nhỏ hơn hoặc bằng 10."
    r = api.sync(national("S-2", QuaTrinhXuLy=[{"NguoiXuLy": "x" * 300}]))
    assert r.json()["errors"][0]["field"] == "QuaTrinhXuLy[1].NguoiXuLy"
    assert r.json()["errors"][0]["reason"] == "Dài quá 255 ký tự."


def test_a_body_that_is_not_json_gets_400_in_vietnamese(api):
    r = api.post("/ho-so/dong-bo", b"{not json")
    assert r.status_code == 400
    assert "JSON" in r.json()["detail"] and r.json()["errors"] == []


def test_lookup_returns_status_outcome_and_steps_without_personal_data(api):
    api.sync(national("G-1", NgayKetThucXuLy="20220311090000", NgayTra="20220311100000"))
    r = api.lookup("G-1")
    assert r.status_code == 200
    body = r.json()
    assert body["TrangThaiHoSo"] == 10 and body["TenTrangThai"] == "Đã trả kết quả"
    assert body["NgayHenTra"] == "20220310170000"
    assert body["KetQua"] == "late" and body["TenKetQua"] == "Trễ hạn"
    assert body["NguyenNhanTreHan"]
    assert [s["PhongBanXuLy"] for s in body["QuaTrinhXuLy"]] == ["P1-MC", "P1"]
    text = r.content.decode()
    for personal in ("Nguyễn Văn Dân", "077090001234", "0909000111"):
        assert personal not in text
    assert api.lookup("G-404").status_code == 404
