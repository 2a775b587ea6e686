"""A lettered heading "b) Phòng chống bệnh đường ruột" names an activity (prevention), not a
department ("Phòng Nội vụ"): the bullets under it are not tasks of a unit called "Phòng chống …"."""

from cchc.lib.docreader import read_text
from cchc.lib.docreader.units import units_in

DOC = """ỦY BAN NHÂN DÂN
TỈNH ĐẮK LẮK

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 0200/KH-UBND

Đắk Lắk, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Phòng chống dịch bệnh sau lũ

IV. NỘI DUNG

3. Công tác phòng chống dịch bệnh truyền nhiễm

a) Phòng chống bệnh đường ruột

- Tăng cường truyền thông vệ sinh ăn uống, rửa tay bằng xà phòng.

- Cấp Oresol cho trạm y tế xã.

b) Phòng Y tế

- Giám sát ca bệnh tại trạm y tế xã.

Nơi nhận:
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def test_phong_chong_opens_no_unit_name():
    assert units_in("Phòng chống bệnh đường ruột") == []
    assert units_in("Phòng, chống ma túy") == []
    assert units_in("Phòng Nội vụ chủ trì") == ["Phòng Nội vụ"]


def test_bullets_under_a_prevention_heading_are_not_its_tasks():
    tasks = read_text(DOC).as_dict()["tasks"]
    assert [t["lead"] for t in tasks] == [["Phòng Y tế"]]
