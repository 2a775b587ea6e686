"""A header wrapped inside a place name ("ỦY BAN NHÂN" / "DÂN" / "THÀNH PHỐ HẢI PHÒNG") keeps the place
whole: "PHÒNG" alone ends "Hải Phòng", it does not start a department. "UBND TỈNH LÀO CAI" / "VĂN
PHÒNG" still gives the office under its parent."""

from cchc.lib.docreader.reader import read_text

BODY = """Số: 213/2025/QĐ-UBND
Hải Phòng, ngày 10 tháng 11 năm 2025
QUYẾT ĐỊNH
Ban hành cấp dự báo cháy rừng
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định cấp dự báo cháy rừng.
"""


def test_hai_phong_is_one_place():
    d = read_text("ỦY BAN NHÂN\nDÂN\nTHÀNH PHỐ HẢI PHÒNG\n-------\n" + BODY).as_dict()
    assert d["issuer"] == "Ủy ban nhân dân thành phố Hải Phòng"
    assert d["parent_issuer"] is None


def test_an_office_under_its_province_is_still_split_off():
    d = read_text("UBND TỈNH LÀO CAI\nVĂN PHÒNG\n-------\n" + BODY).as_dict()
    assert d["issuer"] == "Văn phòng"
    assert d["parent_issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"
