"""CapNhatTienDoHoSoMC and status changes: progress records are appended once, the status moves with
the last new record, resending changes nothing, and an ended dossier cannot be reopened."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Dossier, DossierEvent, Supplement
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]

OPEN = {"TrangThaiHoSo": 4, "NgayKetThucXuLy": "", "NgayTra": "", "QuaTrinhXuLy": []}


@pytest.fixture
def api(world):
    make_catalogue()
    client = Api(token_for(world, "p1"))
    assert client.sync(national("T-1", **OPEN)).status_code == 200
    return client


def step(**kw):
    base = {
        "MaHoSo": "T-1",
        "PhongBanXuLy": "P1",
        "NguoiXuLy": "Trần Thị Bình",
        "ChucDanh": "Công chức Văn phòng – Thống kê",
        "NoiDungXuLy": "Thẩm định hồ sơ",
        "NgayBatDau": "20220307090000",
        "ThoiDiemXuLy": "20220309160000",
        "NgayKetThucTheoQuyDinh": "20220310120000",
    }
    base.update(kw)
    return base


def test_progress_records_are_appended_and_the_status_follows_the_last_one(api):
    r = api.progress(
        step(TrangThai=4),
        step(NoiDungXuLy="Trình ký", NgayBatDau="20220309160000", ThoiDiemXuLy="20220310090000", TrangThai=9),
    )
    assert r.status_code == 200, r.json()
    assert r.json()["dossiers"] == [{"MaHoSo": "T-1", "action": "updated"}]
    d = Dossier.objects.get(code="T-1")
    assert d.status == 9 and d.outcome == "on_time"
    assert [s.content for s in d.steps.order_by("seq")] == ["Thẩm định hồ sơ", "Trình ký"]
    assert d.steps.get(seq=1).official is not None  # matched to the P1 official by name
    body = api.lookup("T-1").json()
    assert body["NgayKetThucXuLy"] == "20220310090000" and body["KetQua"] == "on_time"


def test_resending_progress_changes_nothing(api):
    records = [step(TrangThai=4), step(NoiDungXuLy="Trình ký", ThoiDiemXuLy="20220310090000", TrangThai=9)]
    assert api.progress(*records).status_code == 200
    events = DossierEvent.objects.count()
    r = api.progress(*records)
    assert r.status_code == 200 and r.json()["unchanged"] == 1
    assert DossierEvent.objects.count() == events
    # An old record sent again after the dossier ended is a no-op, not a reopening.
    r = api.progress(records[0])
    assert r.status_code == 200 and r.json()["unchanged"] == 1
    assert Dossier.objects.get(code="T-1").status == 9


def test_an_ended_dossier_cannot_go_back_to_processing(api):
    assert api.status("T-1", 10, ThoiDiem="20220310100000").status_code == 200
    r = api.status("T-1", 4, ThoiDiem="20220311080000")
    assert r.status_code == 409
    assert r.json()["errors"][0]["field"] == "TrangThaiHoSo"
    r = api.progress(step(NoiDungXuLy="Mở lại", TrangThai=4))
    assert r.status_code == 409
    d = Dossier.objects.get(code="T-1")
    assert d.status == 10 and d.steps.count() == 0


def test_status_change_sets_the_end_of_processing_and_is_idempotent(api):
    r = api.status("T-1", 9, ThoiDiem="20220311090000")
    assert r.status_code == 200 and r.json()["updated"] == 1
    d = Dossier.objects.get(code="T-1")
    assert d.outcome == "late"
    events = DossierEvent.objects.count()
    r = api.status("T-1", 9, ThoiDiem="20220311090000")
    assert r.json()["unchanged"] == 1
    assert DossierEvent.objects.count() == events


def test_a_supplement_request_and_its_completion_move_the_deadline(api):
    assert api.status("T-1", 5, ThoiDiem="20220308090000").status_code == 200
    assert Supplement.objects.get().completed_at is None
    assert api.status("T-1", 4, ThoiDiem="20220314090000").status_code == 200
    sup = Supplement.objects.get()
    assert sup.completed_at is not None
    assert api.status("T-1", 9, ThoiDiem="20220315090000").status_code == 200
    d = Dossier.objects.get(code="T-1")
    assert d.outcome in ("early", "on_time")  # the waiting time was added to the appointment


def test_bad_progress_input_names_the_record_and_writes_nothing(api):
    r = api.progress(step(), step(ThoiDiemXuLy="20220301080000"))
    assert r.status_code == 422
    assert (r.json()["errors"][0]["record"], r.json()["errors"][0]["field"]) == (2, "ThoiDiemXuLy")
    r = api.progress(step(NgayBatDau="hôm qua"))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "NgayBatDau"
    r = api.status("T-1", 9, ThoiDiem="20220301080000")
    assert r.status_code == 422 and "trước ngày tiếp nhận" in r.json()["detail"]
    assert Dossier.objects.get(code="T-1").steps.count() == 0


def test_progress_for_two_dossiers_is_all_or_nothing(api):
    api.sync(national("T-2", **OPEN))
    api.status("T-2", 10, ThoiDiem="20220310100000")
    r = api.progress(step(TrangThai=4), step(MaHoSo="T-2", NoiDungXuLy="Mở lại", TrangThai=4))
    assert r.status_code == 409
    assert Dossier.objects.get(code="T-1").steps.count() == 0


def test_a_new_appointment_can_be_set_with_the_status(api):
    r = api.status("T-1", 4, NgayHenTra="20220315170000")
    assert r.status_code == 200 and r.json()["updated"] == 1
    assert api.lookup("T-1").json()["NgayHenTra"] == "20220315170000"
