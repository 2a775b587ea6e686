"""The petitions file for indicators 5.2–5.4 (docs/indices.md, "Petitions file"): JSON or CSV give the
same records; every faulty record is named with its number, field and a Vietnamese reason."""

from __future__ import annotations

import csv
import json

import pytest

from cchc.lib.index766.feedback import PETITION, RATING, read_feedback
from cchc.lib.natsync import UnreadableInput
from cchc.lib.tests.test_index766_scores_each_indicator_by_hand import PETITIONS


def test_json_and_csv_give_the_same_records(tmp_path):
    as_json = tmp_path / "pakn.json"
    as_json.write_text(json.dumps({"data": PETITIONS}), encoding="utf-8")
    as_csv = tmp_path / "pakn.csv"
    keys = sorted({k for p in PETITIONS for k in p})
    with as_csv.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, keys)
        writer.writeheader()
        writer.writerows(PETITIONS)
    a, b = read_feedback(as_json), read_feedback(as_csv)
    assert not a.errors and not b.errors
    assert a.items == b.items
    assert [(i.code, i.kind, i.satisfied) for i in a.items] == [
        ("P1", PETITION, None),
        ("P2", PETITION, None),
        ("P3", PETITION, None),
        ("P4", PETITION, False),
        ("R1", RATING, False),
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"NgayTiepNhan": "20220601"}, "Bản ghi 1: MaPAKN: thiếu giá trị bắt buộc"),
        ({"MaPAKN": "A", "NgayTiepNhan": "32/06/2022"}, "Bản ghi 1 (MaPAKN A): NgayTiepNhan = «32/06/2022»"),
        ({"MaPAKN": "A", "NgayTiepNhan": "20220601", "Loai": "KHAC"}, "Loai = «KHAC»: phải là PAKN"),
        (
            {"MaPAKN": "A", "NgayTiepNhan": "20220601", "Loai": "danh_gia"},
            "MaHoSo: bắt buộc với đánh giá hồ sơ",
        ),
        (
            {"MaPAKN": "A", "NgayTiepNhan": "20220601", "NgayXuLy": "20220530"},
            "NgayXuLy = «20220530»: trước ngày tiếp nhận",
        ),
        (
            {"MaPAKN": "A", "NgayTiepNhan": "20220601", "HaiLong": "rất"},
            "HaiLong = «rất»: phải là 1 (có) hoặc 0",
        ),
    ],
)
def test_a_faulty_record_is_named(tmp_path, record, message):
    path = tmp_path / "pakn.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    read = read_feedback(path)
    assert read.items == []
    assert message in "\n".join(e.message() for e in read.errors)


def test_a_repeated_code_is_an_error_on_the_repetition(tmp_path):
    path = tmp_path / "pakn.json"
    path.write_text(json.dumps([{"MaPAKN": "A", "NgayTiepNhan": "20220601"}] * 2), encoding="utf-8")
    read = read_feedback(path)
    assert len(read.items) == 1
    assert [e.message() for e in read.errors] == [
        "Bản ghi 2 (MaPAKN A): MaPAKN = «A»: trùng mã với bản ghi 1"
    ]


def test_a_csv_without_the_required_columns_is_unreadable(tmp_path):
    path = tmp_path / "pakn.csv"
    path.write_text("Ma,Ngay\nA,20220601\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="thiếu cột: MaPAKN, NgayTiepNhan"):
        read_feedback(path)
