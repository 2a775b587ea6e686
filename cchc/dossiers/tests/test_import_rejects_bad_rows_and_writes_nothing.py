"""One bad row and nothing is written; every rejected row is named with its field, value and reason."""

from __future__ import annotations

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DailyFact, Dossier, DossierEvent
from cchc.dossiers.tests.import_helpers import as_csv, as_json, make_catalogue, national, sample

pytestmark = pytest.mark.django_db


def nothing_written() -> bool:
    return not (
        Dossier.objects.exists()
        or DossierEvent.objects.exists()
        or DailyFact.objects.exists()
        or AuditEvent.objects.filter(verb="dossiers.upsert").exists()
    )


def test_one_bad_row_among_good_ones_writes_nothing_and_names_the_row(world):
    make_catalogue()
    objs = sample()
    objs[4] = {**objs[4], "NgayTiepNhan": "2022-13-45"}
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"])
    assert not out.ok
    assert nothing_written()
    [err] = out.errors
    # CSV rows are numbered as a spreadsheet shows them: header is row 1, so the fifth dossier is row 6.
    assert (err.row, err.field, err.value) == (6, "NgayTiepNhan", "2022-13-45")
    assert "không đọc được" in err.reason


def test_unknown_procedure_and_unit_codes_are_rejected_not_created(world):
    make_catalogue()
    objs = [national("X1", MaTTHC="9.999999"), national("X2", DonViXuLy="Phường Không Có"), national("X3")]
    out = import_bytes(as_json(objs), "hoso.json", actor=world.users["office"])
    assert nothing_written()
    found = {(e.row, e.field) for e in out.errors}
    assert found == {(1, "MaTTHC"), (2, "DonViXuLy")}
    reasons = " ".join(e.reason for e in out.errors)
    assert "danh mục TTHC" in reasons and "Mã đơn vị không có" in reasons
    from cchc.dossiers.models import Procedure
    from cchc.org.models import Unit

    assert not Procedure.objects.filter(national_code="9.999999").exists()
    assert not Unit.objects.filter(code="Phường Không Có").exists()


def test_a_one_stop_officer_cannot_import_another_wards_dossiers(world):
    make_catalogue()
    objs = [national("Y1"), national("Y2", DonViXuLy="P2", DonViTiepNhan="P2", QuaTrinhXuLy=[])]
    out = import_bytes(as_json(objs), "hoso.json", actor=world.users["one_stop"])
    assert nothing_written()
    [err] = out.errors
    assert (err.row, err.field, err.value) == (2, "DonViXuLy", "P2")
    assert "ngoài phạm vi" in err.reason
    # Their own ward's dossier alone goes through.
    assert import_bytes(as_json(objs[:1]), "hoso.json", actor=world.users["one_stop"]).ok


def test_an_existing_dossier_of_another_ward_cannot_be_overwritten(world):
    make_catalogue()
    other = national("Z1", DonViXuLy="P2", DonViTiepNhan="P2", QuaTrinhXuLy=[])
    assert import_bytes(as_json([other]), "a.json", actor=world.users["office"]).ok
    mine = national("Z1")
    out = import_bytes(as_json([mine]), "b.json", actor=world.users["one_stop"])
    assert [e.field for e in out.errors] == ["MaHoSo"]
    assert Dossier.objects.get().handling_unit == world.units["p2"]


def test_every_kind_of_row_problem_is_reported_with_a_vietnamese_reason(world):
    make_catalogue()
    objs = [
        national("A1", TrangThaiHoSo=11),
        national("A2", TrangThaiHoSo=4, NgayTiepNhan="", NgayKetThucXuLy="", NgayTra=""),
        national("A3", NgayKetThucXuLy=""),
        national("A4", KenhThucHien=7),
        national("A5", NgayHenTra="20220301080000"),
        national("A6"),
        national("A7", DanhSachHoSoBoSung=[{"NgayTiepNhanBoSung": "20220308090000"}]),
        national("A8", QuaTrinhXuLy="không phải JSON"),
        national("", MaTTHC=""),
        national("B1"),
        national("B1"),
    ]
    out = import_bytes(as_json(objs), "hoso.json", actor=world.users["office"])
    assert nothing_written()
    by_row = {}
    for e in out.errors:
        by_row.setdefault(e.row, []).append(e.field)
    assert by_row[1] == ["TrangThaiHoSo"]
    assert by_row[2] == ["NgayTiepNhan"]
    assert by_row[3] == ["NgayKetThucXuLy"]
    assert by_row[4] == ["KenhThucHien"]
    assert by_row[5] == ["NgayHenTra"]
    assert 6 not in by_row and 10 not in by_row
    assert by_row[11] == ["MaHoSo"]  # the same code as row 10
    assert by_row[7] == ["DanhSachHoSoBoSung[1].NgayBoSung"]
    assert by_row[8] == ["QuaTrinhXuLy"]
    assert sorted(by_row[9]) == ["MaHoSo", "MaTTHC"]
    assert all(e.reason and e.reason[0].isupper() for e in out.errors)


def test_native_vietnamese_headings_are_accepted(world):
    make_catalogue()
    labels = {
        "MaHoSo": "Mã hồ sơ",
        "MaTTHC": "Mã TTHC",
        "DonViXuLy": "Mã đơn vị giải quyết",
        "DonViTiepNhan": "Mã nơi tiếp nhận",
        "TrangThaiHoSo": "Trạng thái",
        "NgayTiepNhan": "Ngày tiếp nhận",
        "NgayHenTra": "Ngày hẹn trả",
        "NgayKetThucXuLy": "Ngày kết thúc xử lý",
        "QuaTrinhXuLy": "Quá trình xử lý",
    }
    obj = national(
        "N1", NgayTiepNhan="07/03/2022 08:00", NgayHenTra="10/03/2022", NgayKetThucXuLy="2022-03-09T16:30:00"
    )
    out = import_bytes(as_csv([obj], labels), "hoso.csv", actor=world.users["office"])
    assert out.ok, out.errors
    d = Dossier.objects.get()
    assert d.outcome == "early"
