"""`cchc import-procedures`: the TTHC catalogue from CSV/XLSX, all-or-nothing and idempotent."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from cchc.core.models import AuditEvent
from cchc.dossiers.actions_procedures import import_procedures
from cchc.dossiers.models import LimitUnit, OnlineLevel, Procedure, ProcedureLevel
from cchc.dossiers.tests.import_helpers import as_xlsx

pytestmark = pytest.mark.django_db

CSV = (
    "Mã TTHC,Tên thủ tục,Mã lĩnh vực,Lĩnh vực,Cấp thực hiện,Thời hạn giải quyết,Đơn vị tính,Liên thông,"
    'Phân bổ bước,"Phí, lệ phí",Mức độ trực tuyến,Mã đơn vị giải quyết\n'
    '1.004227,Đăng ký khai sinh,HT,Hộ tịch,Cấp xã,3,ngày làm việc,không,,"Lệ phí: 8000",Toàn trình,P1;P2\n'
    "2.000815,Chứng thực bản sao từ bản chính,CT,Chứng thực,Cấp xã,8 giờ,,,,,Một phần,P1\n"
    '1.001612,Cấp giấy chứng nhận quyền sử dụng đất,DD,Đất đai,"Cấp tỉnh, Cấp huyện",30,Ngày,có,'
    '"P1-MC:1; P1:5; Văn phòng đăng ký đất đai*:20",,không,P1\n'
)


def test_vietnamese_headings_and_labels_import_and_a_second_import_changes_nothing(world):
    office = world.users["office"]
    first = import_procedures(CSV.encode(), "tthc.csv", actor=office)
    assert first.ok, first.errors
    assert (first.created, first.updated) == (3, 0)
    birth = Procedure.objects.get(national_code="1.004227")
    assert (birth.limit_value, birth.limit_unit) == (Decimal("3"), LimitUnit.WORKING_DAYS)
    assert birth.level == ProcedureLevel.COMMUNE and birth.online_level == OnlineLevel.FULL
    assert birth.fees == [{"TenPhiLePhi": "Lệ phí", "Gia": 8000}]
    assert set(birth.handling_units.values_list("code", flat=True)) == {"P1", "P2"}
    cert = Procedure.objects.get(national_code="2.000815")
    assert (cert.limit_value, cert.limit_unit) == (Decimal("8"), LimitUnit.HOURS)
    land = Procedure.objects.get(national_code="1.001612")
    assert land.inter_agency and land.level == ProcedureLevel.MULTI and land.limit_unit == LimitUnit.DAYS
    assert land.step_shares[2] == {"unit": "Văn phòng đăng ký đất đai", "share": 20.0, "external": True}
    audits = AuditEvent.objects.count()

    again = import_procedures(CSV.encode(), "tthc.csv", actor=office)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEvent.objects.count() == audits


def test_national_names_in_xlsx_and_an_update(world):
    rows = [
        {
            "MaTTHC": "1.004227",
            "TenTTHC": "Đăng ký khai sinh",
            "ThoiHan": 5,
            "DonViTinh": "Ngày làm việc",
            "MaDonViGiaiQuyet": "P1",
        },
    ]
    assert import_procedures(as_xlsx(rows), "tthc.xlsx", actor="test").created == 1
    rows[0]["ThoiHan"] = 3
    res = import_procedures(as_xlsx(rows), "tthc.xlsx", actor="test")
    assert res.updated == 1
    assert Procedure.objects.get().limit_value == Decimal("3")
    ev = AuditEvent.objects.filter(verb="dossiers.procedure_updated").get()
    assert ev.data["limit_value"] == ["5.00", "3.00"]


def test_one_bad_row_writes_nothing_and_each_problem_is_named(world):
    bad = CSV.replace("Cấp xã,3,ngày làm việc", "Cấp xã,3,tuần").replace("Một phần,P1", "Một phần,P9")
    res = import_procedures(bad.encode(), "tthc.csv", actor="test")
    assert not res.ok and not Procedure.objects.exists()
    assert {(e.row, e.field, e.value) for e in res.errors} == {
        (2, "DonViTinh", "tuần"),
        (3, "MaDonViGiaiQuyet", "P9"),
    }


def test_a_limit_without_its_unit_is_not_guessed(world):
    res = import_procedures(b"MaTTHC,TenTTHC,ThoiHan\n1.1,Thu tuc,5\n", "a.csv", actor="test")
    assert [(e.row, e.field) for e in res.errors] == [(2, "DonViTinh")]


def run(*args: str) -> int:
    try:
        call_command("import_procedures", *args, stdout=io.StringIO(), stderr=io.StringIO())
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_cli_exit_codes(world, tmp_path):
    good = tmp_path / "tthc.csv"
    good.write_text(CSV, encoding="utf-8")
    assert run(str(good), "--dry-run") == 0 and not Procedure.objects.exists()
    assert run(str(good)) == 0 and Procedure.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace("Cấp xã,3", "Cấp phường,3"), encoding="utf-8")
    assert run(str(bad)) == 1
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n", encoding="utf-8")
    assert run(str(broken)) == 2
    assert run(str(tmp_path / "none.csv")) == 2
