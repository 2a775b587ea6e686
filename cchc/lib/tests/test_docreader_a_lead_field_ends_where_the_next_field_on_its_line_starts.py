"""A plan that ends each group of tasks with its fields on one line ("Đơn vị chủ trì: Phòng Quản lý
Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.") gives the tasks one lead — the
unit before the ";" — and the units after the second label as coordinating, not a second lead
"Đơn vị" read out of the next label."""

from cchc.lib.docreader.fields import field_lines
from cchc.lib.docreader.reader import read_text

PLAN = """UBND TỈNH LÀO CAI
SỞ CÔNG THƯƠNG
Số: 15/KH-SCT
Lào Cai, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện Đề án phát triển công nghiệp
III. NHIỆM VỤ TRỌNG TÂM
1. Phát triển các khu, cụm công nghiệp
- Rà soát, tham mưu điều chỉnh quy hoạch các khu, cụm công nghiệp mới.
- Đôn đốc hoàn thiện hạ tầng kỹ thuật tại các cụm công nghiệp đã thành lập.
Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.
2. Đảm bảo an ninh năng lượng
- Đôn đốc hoàn thành đưa vào vận hành các dự án thủy điện theo kế hoạch.
Đơn vị chủ trì: Phòng Quản lý Năng lượng; Đơn vị phối hợp: Phòng Quản lý Công nghiệp.
"""


def test_each_field_of_the_line_is_read_on_its_own():
    assert field_lines("Đơn vị chủ trì: Phòng A; Đơn vị phối hợp: Phòng B, Văn phòng Sở.") == [
        ("lead", "Phòng A"),
        ("coordinating", "Phòng B, Văn phòng Sở."),
    ]


def test_a_semicolon_between_units_of_one_field_stays_in_it():
    assert field_lines("- Đơn vị chủ trì: Sở Tư pháp; Sở Nội vụ.") == [("lead", "Sở Tư pháp; Sở Nội vụ.")]


def test_the_tasks_get_one_lead_and_the_coordinating_units():
    tasks = read_text(PLAN).as_dict()["tasks"]
    assert len(tasks) == 3
    assert [t["lead"] for t in tasks[:2]] == [["Phòng Quản lý Công nghiệp"]] * 2
    assert tasks[0]["coordinating"] == ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]
    assert tasks[2]["lead"] == ["Phòng Quản lý Năng lượng"]
    assert tasks[2]["coordinating"] == ["Phòng Quản lý Công nghiệp"]
