"""Work given inside a condition is still work given by name: "Khi xảy ra cháy rừng, Chủ tịch Ủy ban
nhân dân cấp xã huy động …", "Khi cần thiết Chủ tịch Ủy ban nhân dân thành phố đề nghị Trung ương …"
(no comma), "Nếu người qua đời không có thân nhân thì Ủy ban nhân dân cấp xã phối hợp …". The actor is
the unit after the condition — not a unit the condition itself names after a preposition."""

from cchc.lib.docreader.reader import read_text
from cchc.lib.docreader.units import units_in

REGULATION = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 213/2025/QĐ-UBND
Hải Phòng, ngày 10 tháng 11 năm 2025
QUYẾT ĐỊNH
Ban hành cấp dự báo cháy rừng
QUYẾT ĐỊNH:
Điều 2. Biện pháp phòng cháy, chữa cháy rừng
1. Dự báo cháy rừng cấp V
b) Biện pháp phòng cháy, chữa cháy rừng bao gồm:
Khi xảy ra cháy rừng, Chủ tịch Ủy ban nhân dân thành phố huy động lực lượng, phương tiện dập tắt ngay.
Khi cần thiết Chủ tịch Ủy ban nhân dân thành phố đề nghị Trung ương chi viện lực lượng và phương tiện.
"""


def test_the_unit_after_a_condition_with_a_comma():
    assert units_in(
        "Khi xảy ra cháy rừng, Chủ tịch Ủy ban nhân dân cấp xã được quyền huy động mọi lực lượng"
    ) == ["Chủ tịch Ủy ban nhân dân cấp xã"]
    assert units_in("Trường hợp vượt thẩm quyền, Sở Công Thương tổng hợp, báo cáo Ủy ban nhân dân tỉnh") == [
        "Sở Công Thương"
    ]


def test_the_unit_after_thi():
    assert units_in(
        "Nếu người qua đời không có gia đình đứng ra tổ chức lễ tang thì Ủy ban nhân dân cấp xã phối hợp"
    ) == ["Ủy ban nhân dân cấp xã"]


def test_the_unit_right_after_a_short_condition_without_a_comma():
    assert units_in(
        "Khi cần thiết Chủ tịch Ủy ban nhân dân cấp xã đề nghị Chủ tịch Ủy ban nhân dân thành phố"
    ) == ["Chủ tịch Ủy ban nhân dân cấp xã"]


def test_a_unit_named_by_the_instruction_itself_is_not_its_actor():
    assert (
        units_in("Khi xuất hiện ca bệnh bất thường, báo cáo ngay về Trung tâm Kiểm soát bệnh tật tỉnh.") == []
    )


def test_each_conditional_paragraph_is_a_task_of_its_unit():
    tasks = read_text(REGULATION).as_dict()["tasks"]
    assert [t["lead"] for t in tasks] == [["Chủ tịch Ủy ban nhân dân thành phố"]] * 2
    assert tasks[0]["text"].startswith("Khi xảy ra cháy rừng")
