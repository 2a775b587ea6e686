"""The national sync JSON (docs/rules/national-sync.md): a list of dossiers or {"data": [...]}, into engine
dossiers."""

import json
from datetime import datetime

from cchc.lib.natsync import parse_json
from cchc.lib.outcomes import LegalLimit, LimitUnit, StatusEvent, Step, Supplement

RECORD = {
    "MaHoSo": "000.00.01.H22-220307-0001",
    "MaTTHC": "1.001234",
    "TenTTHC": "Đăng ký khai sinh",
    "KenhThucHien": "2",
    "NgayTiepNhan": "20220307090000",
    "NgayHenTra": "20220310170000",
    "NgayKetThucXuLy": "20220310110000",
    "TrangThaiHoSo": "9",
    "DanhSachHoSoBoSung": [{"NgayBoSung": "20220308100000", "NgayTiepNhanBoSung": "20220309090000"}],
    "QuaTrinhXuLy": [
        {
            "MaHoSo": "000.00.01.H22-220307-0001",
            "PhongBanXuLy": "Phòng Tư pháp",
            "NguoiXuLy": "Ngô Văn E",
            "ChucDanh": "Chuyên viên",
            "NgayBatDau": "20220307100000",
            "ThoiDiemXuLy": "20220310100000",
            "NgayKetThucTheoQuyDinh": "20220310170000",
        }
    ],
}


def test_a_list_of_dossier_objects_is_read_field_by_field():
    result = parse_json(json.dumps([RECORD]))
    assert result.errors == []
    (d,) = result.dossiers
    assert (d.code, d.procedure_code, d.status) == ("000.00.01.H22-220307-0001", "1.001234", 9)
    assert d.received_at == datetime(2022, 3, 7, 9)
    assert d.appointment_at == datetime(2022, 3, 10, 17)
    assert d.ended_at == datetime(2022, 3, 10, 11)
    assert d.supplements == (Supplement(datetime(2022, 3, 8, 10), datetime(2022, 3, 9, 9)),)
    assert d.steps == (
        Step(
            "Phòng Tư pháp",
            "Ngô Văn E",
            datetime(2022, 3, 7, 10),
            datetime(2022, 3, 10, 10),
            datetime(2022, 3, 10, 17),
        ),
    )
    assert result.indexes == [1]


def test_a_dong_bo_ho_so_body_with_data_is_read_too():
    body = {"isUpdating": False, "service": "DongBoHoSoMC", "data": [RECORD, {**RECORD, "MaHoSo": "X-2"}]}
    result = parse_json(json.dumps(body))
    assert [d.code for d in result.dossiers] == ["000.00.01.H22-220307-0001", "X-2"]


def test_optional_fields_give_the_legal_limit_the_inter_agency_flags_and_the_status_history():
    record = {
        **RECORD,
        "NgayHenTra": "",
        "ThoiGianGiaiQuyet": "5",
        "DonViTinh": "Ngày làm việc",
        "LienThong": True,
        "QuaTrinhXuLy": [{**RECORD["QuaTrinhXuLy"][0], "LienThong": "1", "PhongBanXuLy": "Chi cục Thuế"}],
        "LichSuTrangThai": [{"TrangThai": 9, "ThoiDiem": "2022-03-10T11:00:00"}],
    }
    (d,) = parse_json(json.dumps([record])).dossiers
    assert d.appointment_at is None
    assert d.legal_limit == LegalLimit(5, LimitUnit.WORKING_DAYS)
    assert d.inter_agency is True
    assert d.steps[0].external is True and d.steps[0].unit == "Chi cục Thuế"
    assert d.status_events == (StatusEvent(9, datetime(2022, 3, 10, 11)),)


def test_a_procedure_table_supplies_the_limit_when_the_dossier_has_none():
    limits = {"1.001234": LegalLimit(3, LimitUnit.DAYS)}
    (d,) = parse_json(json.dumps([RECORD]), procedures=limits).dossiers
    assert d.legal_limit == LegalLimit(3, LimitUnit.DAYS)


def test_the_limit_units_are_read_in_vietnamese_or_english():
    for text, unit in [
        ("Giờ", LimitUnit.HOURS),
        ("ngày", LimitUnit.DAYS),
        ("Tháng", LimitUnit.MONTHS),
        ("working_days", LimitUnit.WORKING_DAYS),
    ]:
        (d,) = parse_json(json.dumps([{**RECORD, "ThoiGianGiaiQuyet": 2, "DonViTinh": text}])).dossiers
        assert d.legal_limit == LegalLimit(2, unit)
