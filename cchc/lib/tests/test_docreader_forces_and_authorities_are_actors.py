"""A regulation gives work to forces and authorities as it does to bodies: "Lực lượng canh phòng trực
10/24 giờ …", "Lực lượng Kiểm lâm, Công an, Quân đội, chính quyền địa phương … thường xuyên kiểm tra …",
"Lực lượng Công an phối hợp với lực lượng Kiểm lâm …". Each such paragraph is a task of those actors."""

from cchc.lib.docreader.reader import read_text
from cchc.lib.docreader.units import coordinating_units, units_in

DECISION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 213/2025/QĐ-UBND
Hải Phòng, ngày 10 tháng 11 năm 2025
QUYẾT ĐỊNH
Ban hành cấp dự báo cháy rừng
QUYẾT ĐỊNH:
Điều 2. Biện pháp phòng cháy, chữa cháy rừng
1. Dự báo cháy rừng cấp IV
b) Biện pháp phòng cháy, chữa cháy rừng bao gồm:
Lực lượng canh phòng phải thường xuyên trên chòi canh lửa, đảm bảo trực 12/24 giờ trong ngày.
Lực lượng Kiểm lâm, Công an, Quân đội, chính quyền địa phương thường xuyên kiểm tra nghiêm ngặt trên các
vùng trọng điểm dễ cháy trên địa bàn.
Lực lượng Công an phối hợp với lực lượng Kiểm lâm tăng cường kiểm tra người và phương tiện vào rừng.
"""


def test_a_force_opens_the_list_of_units():
    assert units_in(
        "Lực lượng Kiểm lâm, Công an, Quân đội, chính quyền địa phương thường xuyên kiểm tra"
    ) == [
        "Lực lượng Kiểm lâm",
        "Công an",
        "Quân đội",
        "chính quyền địa phương",
    ]
    assert units_in("Lực lượng canh phòng trực 10/24 giờ trong ngày.") == ["Lực lượng canh phòng"]


def test_a_force_after_phoi_hop_voi_is_coordinating():
    assert coordinating_units("Lực lượng Công an phối hợp với lực lượng Kiểm lâm tăng cường kiểm tra") == [
        "lực lượng Kiểm lâm"
    ]


def test_each_paragraph_of_a_force_is_a_task():
    tasks = read_text(DECISION).as_dict()["tasks"]
    leads = [t["lead"] for t in tasks]
    assert ["Lực lượng canh phòng"] in leads
    assert ["Lực lượng Công an"] in leads
    assert ["Lực lượng Kiểm lâm", "Công an", "Quân đội", "chính quyền địa phương"] in leads
