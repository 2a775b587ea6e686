"""A source system writes and reads only the dossiers of its own jurisdiction: a unit outside it is 403,
a dossier of another ward is 404 as if it did not exist, and nothing is written."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]


@pytest.fixture
def apis(world):
    make_catalogue()
    return {
        "city": Api(token_for(world, "city")),
        "p1": Api(token_for(world, "p1")),
        "p2": Api(token_for(world, "p2")),
    }


def p2_dossier(code, **kw):
    steps = [{"PhongBanXuLy": "P2", "NguoiXuLy": "Đỗ Văn Cường", "NgayBatDau": "20220307080000"}]
    return national(code, DonViXuLy="P2", DonViTiepNhan="P2", QuaTrinhXuLy=steps, **kw)


def test_a_ward_system_cannot_write_another_wards_dossier(apis):
    r = apis["p2"].sync(p2_dossier("P2-1"), national("P1-1"))
    assert r.status_code == 403
    assert {(e["record"], e["field"], e["value"]) for e in r.json()["errors"]} == {
        (2, "DonViXuLy", "P1"),
        (2, "DonViTiepNhan", "P1-MC"),
    }
    assert "không thuộc địa bàn 26508" in r.json()["errors"][0]["reason"]
    assert not Dossier.objects.exists()


def test_a_ward_system_cannot_see_or_change_another_wards_dossier(apis):
    assert (
        apis["p1"].sync(national("P1-1", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra="")).status_code == 200
    )
    events = DossierEvent.objects.count()
    other = apis["p2"]
    assert other.lookup("P1-1").status_code == 404
    assert other.sync(p2_dossier("P1-1"), updating=True).status_code == 404
    assert other.progress({"MaHoSo": "P1-1", "PhongBanXuLy": "P2", "TrangThai": 9}).status_code == 404
    assert other.status("P1-1", 9, ThoiDiem="20220309100000").status_code == 404
    assert DossierEvent.objects.count() == events
    assert Dossier.objects.get(code="P1-1").status == 4


def test_the_404_does_not_tell_another_ward_that_the_dossier_exists(apis):
    apis["p1"].sync(national("P1-2"))
    seen = apis["p2"].lookup("P1-2").json()
    unknown = apis["p2"].lookup("NO-SUCH").json()
    assert seen["detail"] == unknown["detail"]
    assert seen["errors"][0]["record"] is None  # about the request, not a numbered record


def test_the_city_system_writes_for_every_ward(apis):
    r = apis["city"].sync(national("P1-3"), p2_dossier("P2-3"))
    assert r.status_code == 200 and r.json()["created"] == 2
    assert apis["city"].lookup("P2-3").status_code == 200
    assert apis["p1"].lookup("P1-3").status_code == 200


def test_a_code_taken_in_another_ward_cannot_be_created_again(apis):
    apis["p1"].sync(national("SAME-1"))
    r = apis["p2"].sync(p2_dossier("SAME-1"))
    assert r.status_code == 409
    assert Dossier.objects.get(code="SAME-1").handling_unit.code == "P1"


def test_a_dossier_shared_with_a_unit_outside_the_area_can_be_read_but_not_written(apis):
    shared = national("SHARED-1", DonViTiepNhan="NV", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra="")
    assert apis["city"].sync(shared).status_code == 200
    ward = apis["p1"]
    assert ward.lookup("SHARED-1").status_code == 200
    r = ward.sync(national("SHARED-1", DonViTiepNhan="P1-MC"), updating=True)
    assert r.status_code == 403 and r.json()["errors"][0]["field"] == "MaHoSo"
    assert ward.progress({"MaHoSo": "SHARED-1", "PhongBanXuLy": "P1"}).status_code == 403
    assert ward.status("SHARED-1", 9, ThoiDiem="20220309100000").status_code == 403
    assert Dossier.objects.get(code="SHARED-1").receiving_unit.code == "NV"
