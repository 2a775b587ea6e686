import datetime as dt

import pytest

from cchc.org.models import Official, Unit, UnitKind
from cchc.org.tests.conftest import run_import, xlsx_bytes

UNITS_CSV = (
    "mã đơn vị,tên đơn vị,tên ngắn,viết tắt,loại,mã địa bàn,mã đơn vị cấp trên,email,điện thoại,địa chỉ,"
    "hiệu lực từ,hiệu lực đến\n"
    "TCKH,Phòng Tài chính – Kế hoạch,Tài chính – Kế hoạch,TCKH,Cơ quan chuyên môn,747,UBND-VT,"
    "tckh@vungtau.example,0254 3852 002,89 Lý Thường Kiệt,01/01/2022,\n"
    "VHTT,Phòng Văn hoá và Thông tin,,VHTT,cơ quan chuyên môn,747,UBND-VT,,,,2022-01-01,\n"
    "P1-VP,Văn phòng – Thống kê Phường 1,,,Khác,26506,P1,,,,,31/12/2024\n"
)


@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_units_csv_is_imported_with_vietnamese_kinds_and_both_date_forms(world, csv_bytes, bom):
    report = run_import(world, csv_bytes(UNITS_CSV, bom=bom))
    assert report.ok, report.text()
    assert sorted(report.created) == ["P1-VP", "TCKH", "VHTT"]
    tckh = Unit.objects.get(code="TCKH")
    assert tckh.name == "Phòng Tài chính – Kế hoạch"
    assert tckh.kind == UnitKind.AGENCY
    assert tckh.parent == world.units["ubnd"]
    assert tckh.jurisdiction == world.jurisdictions["city"]
    assert tckh.valid_from == dt.date(2022, 1, 1)
    assert tckh.email == "tckh@vungtau.example"
    assert Unit.objects.get(code="VHTT").valid_from == dt.date(2022, 1, 1)
    vp = Unit.objects.get(code="P1-VP")
    assert vp.valid_to == dt.date(2024, 12, 31)
    assert vp.path.startswith(world.units["p1"].path)


def test_units_xlsx_with_english_headers_and_typed_cells(world):
    data = xlsx_bytes(
        [
            ["code", "name", "kind", "jurisdiction code", "parent code", "valid from", "phone"],
            ["TP", "Phòng Tư pháp", "agency", 747, "UBND-VT", dt.date(2022, 3, 1), "02543852003"],
        ]
    )
    report = run_import(world, data, "don-vi.xlsx")
    assert report.ok, report.text()
    unit = Unit.objects.get(code="TP")
    # 747 was a number cell: read as the code "747", not "747.0".
    assert unit.jurisdiction.code == "747"
    assert unit.valid_from == dt.date(2022, 3, 1)
    assert unit.phone == "02543852003"


def test_semicolon_separated_csv_from_vietnamese_excel_is_read(world, csv_bytes):
    text = (
        "mã đơn vị;tên đơn vị;loại;mã địa bàn\nTNMT;Phòng Tài nguyên và Môi trường;Cơ quan chuyên môn;747\n"
    )
    report = run_import(world, csv_bytes(text, bom=True))
    assert report.ok, report.text()
    assert Unit.objects.filter(code="TNMT").exists()


def test_officials_csv_is_imported_into_existing_units(world, csv_bytes):
    text = (
        "mã cán bộ,họ và tên,chức vụ,mã đơn vị,email,điện thoại\n"
        "CB-P1-TP,Lê Văn Hùng,Công chức Tư pháp – Hộ tịch,P1,hung@example.test,0912000111\n"
        "CB-NV-TP,Phan Thị Thu,Trưởng phòng Nội vụ,NV,,\n"
    )
    report = run_import(world, csv_bytes(text))
    assert report.ok, report.text()
    hung = Official.objects.get(code="CB-P1-TP")
    assert (hung.full_name, hung.unit, hung.is_active) == ("Lê Văn Hùng", world.units["p1"], True)
    assert Official.objects.get(code="CB-NV-TP").position == "Trưởng phòng Nội vụ"


def test_officials_xlsx_with_a_title_line_above_the_headers(world):
    data = xlsx_bytes(
        [
            ["DANH SÁCH CÁN BỘ PHƯỜNG 1"],
            [],
            ["Mã cán bộ *", "Họ và tên *", "Chức vụ", "Mã đơn vị *"],
            ["CB-P1-DC", "Nguyễn Thị Địa", "Công chức Địa chính", "P1"],
        ]
    )
    report = run_import(world, data, "can-bo.xlsx")
    assert report.ok, report.text()
    assert Official.objects.get(code="CB-P1-DC").unit == world.units["p1"]
