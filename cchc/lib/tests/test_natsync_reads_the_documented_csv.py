"""The CSV form: one row per dossier, national field names as headers, list fields as JSON cells."""

import csv
import io
import re
from datetime import datetime

import pytest

from cchc.lib.natsync import UnreadableInput, parse_csv, read_file, read_procedures
from cchc.lib.outcomes import LegalLimit, LimitUnit


def table(rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


HEADER = [
    "MaHoSo",
    "MaTTHC",
    "TrangThaiHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "DanhSachHoSoBoSung",
    "QuaTrinhXuLy",
]
STEP = (
    '[{"PhongBanXuLy": "Phòng Tư pháp", "NguoiXuLy": "Ngô Văn E", '
    '"ThoiDiemXuLy": "20220310100000", "NgayKetThucTheoQuyDinh": "20220310170000"}]'
)


def test_a_row_per_dossier_with_json_cells_for_supplements_and_steps():
    text = table(
        [
            HEADER,
            [
                "A",
                "1.001234",
                "9",
                "20220307090000",
                "20220310170000",
                "20220310110000",
                '[{"NgayBoSung": "20220308100000"}]',
                STEP,
            ],
        ]
    )
    result = parse_csv(text)
    assert result.errors == []
    (d,) = result.dossiers
    assert d.supplements[0].requested_at == datetime(2022, 3, 8, 10)
    assert d.steps[0].official == "Ngô Văn E"
    assert result.indexes == [2]  # the spreadsheet row: the header is row 1


def test_semicolon_separated_files_and_a_byte_order_mark_are_accepted():
    text = "\ufeff" + table(
        [HEADER, ["A", "1.001234", "4", "07/03/2022 09:00", "", "", "", ""]], delimiter=";"
    )
    (d,) = parse_csv(text).dossiers
    assert d.received_at == datetime(2022, 3, 7, 9)


def test_a_broken_json_cell_is_reported_with_its_row():
    text = table([HEADER, ["A", "1.001234", "4", "20220307090000", "", "", "", "[{"]])
    result = parse_csv(text)
    assert result.dossiers == []
    assert [(e.where, e.index, e.field, e.reason) for e in result.errors] == [
        ("dòng", 2, "QuaTrinhXuLy", "không phải mảng JSON hợp lệ")
    ]
    assert result.errors[0].message().startswith("Dòng 2 (MaHoSo A): QuaTrinhXuLy")


def test_a_repeated_code_names_the_first_row():
    row = ["A", "1.001234", "4", "20220307090000", "", "", "", ""]
    result = parse_csv(table([HEADER, row, row]))
    assert [e.reason for e in result.errors] == ["trùng mã hồ sơ với dòng 2"]


def test_a_csv_without_the_required_columns_is_unreadable():
    with pytest.raises(UnreadableInput, match="thiếu cột bắt buộc: TrangThaiHoSo"):
        parse_csv(table([["MaHoSo", "MaTTHC"], ["A", "B"]]))


def test_files_are_told_apart_by_extension_or_first_character(tmp_path):
    (tmp_path / "a.txt").write_text('[{"MaHoSo": "A", "MaTTHC": "P", "TrangThaiHoSo": 1}]', encoding="utf-8")
    (tmp_path / "b.txt").write_text(table([HEADER, ["B", "P", "1", "", "", "", "", ""]]), encoding="utf-8")
    assert [d.code for d in read_file(tmp_path / "a.txt").dossiers] == ["A"]
    assert [d.code for d in read_file(tmp_path / "b.txt").dossiers] == ["B"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "Không tìm thấy tệp"), (b"\xff\xfe\x00bad", "không phải văn bản UTF-8"), (b"   ", "trống")],
)
def test_missing_binary_or_empty_files_are_unreadable(tmp_path, content, message):
    path = tmp_path / "x.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=message):
        read_file(path)


def test_the_procedure_table_gives_each_procedure_its_limit(tmp_path):
    path = tmp_path / "thu-tuc.csv"
    path.write_text(
        'MaTTHC,ThoiGianGiaiQuyet,DonViTinh\n1.001234,5,Ngày làm việc\n2.000001,"0,5",Giờ\n', encoding="utf-8"
    )
    assert read_procedures(path) == {
        "1.001234": LegalLimit(5, LimitUnit.WORKING_DAYS),
        "2.000001": LegalLimit(0.5, LimitUnit.HOURS),
    }


def test_a_procedure_table_with_a_bad_row_is_refused_whole(tmp_path):
    path = tmp_path / "thu-tuc.csv"
    path.write_text("MaTTHC,ThoiGianGiaiQuyet,DonViTinh\n1.001234,5,tuần\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=re.escape("Dòng 2 (MaTTHC 1.001234)")):
        read_procedures(path)
