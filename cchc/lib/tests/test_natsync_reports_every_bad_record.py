"""Faulty records are reported with number, field, value and a Vietnamese reason, and yield no dossier."""

import json

import pytest

from cchc.lib.natsync import UnreadableInput, parse_json
from cchc.lib.tests.test_natsync_reads_the_national_json_shape import RECORD


def errors_of(records):
    result = parse_json(json.dumps(records))
    return result, [(e.index, e.field, e.value, e.reason) for e in result.errors]


def test_a_bad_instant_names_its_record_field_and_value():
    result, errors = errors_of([RECORD, {**RECORD, "MaHoSo": "B", "NgayHenTra": "10/13/2022"}])
    assert [d.code for d in result.dossiers] == [RECORD["MaHoSo"]]
    assert errors == [
        (2, "NgayHenTra", "10/13/2022", "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)")
    ]
    assert result.errors[0].message() == (
        "Bản ghi 2 (MaHoSo B): NgayHenTra = «10/13/2022»: "
        "không phải thời điểm hợp lệ (dùng yyyyMMddHHmmss hoặc ISO 8601)"
    )


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"MaHoSo": ""}, "MaHoSo", "thiếu giá trị bắt buộc"),
        ({"MaTTHC": None}, "MaTTHC", "thiếu giá trị bắt buộc"),
        (
            {"TrangThaiHoSo": "11"},
            "TrangThaiHoSo",
            "trạng thái phải là số nguyên từ 1 đến 10 (danh mục của Cổng DVC quốc gia)",
        ),
        ({"NgayTiepNhan": ""}, "NgayTiepNhan", "thiếu giá trị bắt buộc"),
        ({"NgayKetThucXuLy": ""}, "NgayKetThucXuLy", "bắt buộc với hồ sơ đã kết thúc (trạng thái 9)"),
        ({"NgayHenTra": "20220306170000"}, "NgayHenTra", "trước ngày tiếp nhận"),
        ({"NgayKetThucXuLy": "20220307080000"}, "NgayKetThucXuLy", "trước ngày tiếp nhận"),
        ({"DanhSachHoSoBoSung": "không"}, "DanhSachHoSoBoSung", "phải là một danh sách (mảng JSON)"),
        (
            {
                "DanhSachHoSoBoSung": [
                    {"NgayBoSung": "20220309100000", "NgayTiepNhanBoSung": "20220308100000"}
                ]
            },
            "DanhSachHoSoBoSung[1].NgayTiepNhanBoSung",
            "trước ngày yêu cầu bổ sung",
        ),
        (
            {"DanhSachHoSoBoSung": [{"NgayTiepNhanBoSung": "20220308100000"}]},
            "DanhSachHoSoBoSung[1].NgayBoSung",
            "thiếu giá trị bắt buộc",
        ),
        (
            {"QuaTrinhXuLy": [{"NgayBatDau": "20220309100000", "ThoiDiemXuLy": "20220308100000"}]},
            "QuaTrinhXuLy[1].ThoiDiemXuLy",
            "trước ngày bắt đầu của bước",
        ),
        (
            {"QuaTrinhXuLy": [{"LienThong": "có lẽ"}]},
            "QuaTrinhXuLy[1].LienThong",
            "phải là có/không (true/false, 1/0)",
        ),
        ({"ThoiGianGiaiQuyet": "5"}, "DonViTinh", "ThoiGianGiaiQuyet và DonViTinh phải có cùng nhau"),
        (
            {"ThoiGianGiaiQuyet": "0", "DonViTinh": "Ngày"},
            "ThoiGianGiaiQuyet",
            "thời hạn giải quyết phải lớn hơn 0",
        ),
        (
            {"ThoiGianGiaiQuyet": "2.5", "DonViTinh": "Ngày"},
            "ThoiGianGiaiQuyet",
            "thời hạn tính bằng ngày hoặc tháng phải là số nguyên",
        ),
        (
            {"ThoiGianGiaiQuyet": "2", "DonViTinh": "tuần"},
            "DonViTinh",
            "đơn vị thời hạn phải là Giờ, Ngày, Ngày làm việc hoặc Tháng",
        ),
        (
            {"LichSuTrangThai": [{"TrangThai": "xong", "ThoiDiem": "20220310"}]},
            "LichSuTrangThai[1].TrangThai",
            "trạng thái phải là số nguyên từ 1 đến 10 (danh mục của Cổng DVC quốc gia)",
        ),
    ],
)
def test_each_kind_of_fault_is_named(change, field, reason):
    result, errors = errors_of([{**RECORD, **change}])
    assert result.dossiers == []
    assert (1, field, reason) in [(i, f, r) for i, f, _, r in errors]


def test_a_refused_or_unreceived_dossier_needs_no_receipt_time():
    result, errors = errors_of([{**RECORD, "TrangThaiHoSo": 3, "NgayTiepNhan": "", "NgayKetThucXuLy": ""}])
    assert errors == [] and result.dossiers[0].status == 3


def test_a_repeated_dossier_code_is_an_error_on_the_repetition():
    result, errors = errors_of([RECORD, RECORD])
    assert len(result.dossiers) == 1
    assert errors == [(2, "MaHoSo", RECORD["MaHoSo"], "trùng mã hồ sơ với bản ghi 1")]


def test_a_record_that_is_not_an_object_is_an_error_of_its_own():
    _, errors = errors_of([RECORD, 42])
    assert errors == [(2, "", "42", "mỗi hồ sơ phải là một đối tượng JSON")]


def test_every_fault_of_one_record_is_reported_not_just_the_first():
    _, errors = errors_of([{**RECORD, "NgayHenTra": "x", "NgayKetThucXuLy": "y", "TrangThaiHoSo": "0"}])
    assert {f for _, f, _, _ in errors} == {"NgayHenTra", "NgayKetThucXuLy", "TrangThaiHoSo"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "Tệp JSON không hợp lệ (dòng 1, cột 3)"),
        (
            '{"items": []}',
            'Tệp JSON phải là một danh sách hồ sơ hoặc một đối tượng có khóa "data" là danh sách',
        ),
        ("42", "Tệp JSON phải là một danh sách hồ sơ"),
    ],
)
def test_json_that_cannot_be_read_at_all_is_unreadable_input(text, message):
    with pytest.raises(UnreadableInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_json(text)
