"""A heading that says whose duties follow gives its items to that unit, also with words between
"nhiệm vụ" and "của" and in capitals: "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG" over
"1. Chủ trì, phối hợp với các Bộ … xây dựng …" — each item is a task of the ministry."""

from cchc.lib.docreader.clauses import heading_units
from cchc.lib.docreader.reader import read_text

PLAN = """BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG
Số: 09/KH-BTNMT
Hà Nội, ngày 06 tháng 8 năm 2024
KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 13/CT-TTg

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Triển khai thực hiện hiệu quả các nhiệm vụ được giao.
II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG
1. Chủ trì, phối hợp với các Bộ, cơ quan liên quan xây dựng, trình Chính phủ Nghị định sửa đổi, bổ sung.
2. Xây dựng và ban hành Kế hoạch giảm nhẹ phát thải khí nhà kính của lĩnh vực quản lý chất thải.
"""


def test_the_unit_after_nhiem_vu_chu_yeu_cua():
    assert heading_units("NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG") == [
        "Bộ Tài nguyên và môi trường"
    ]
    assert heading_units("Nhiệm vụ cụ thể của Sở Nội vụ") == ["Sở Nội vụ"]


def test_each_item_is_a_task_of_that_unit():
    tasks = read_text(PLAN).as_dict()["tasks"]
    assert len(tasks) == 2
    assert all(t["lead"] == ["Bộ Tài nguyên và môi trường"] for t in tasks)
