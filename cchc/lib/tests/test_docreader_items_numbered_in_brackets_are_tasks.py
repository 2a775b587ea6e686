"""Items numbered in brackets — "(1) Bộ Y tế ...", "(ii) Bộ Công Thương ..." — are items of the outline
like "1." and "a)": each that opens with its unit is a task, and an item that is itself a task keeps
its own text as one even when bullets follow it."""

from cchc.lib.docreader import read_text

HEAD = """VĂN PHÒNG CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 700/TB-VPCP

Hà Nội, ngày 20 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi kiểm tra dự án

Phó Thủ tướng kết luận, yêu cầu các bộ, cơ quan lưu ý một số nội dung sau:
"""

FOOT = """
Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.

Nơi nhận:
- Lưu: VT.

KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn A
"""


def _tasks(body: str) -> list[dict]:
    return read_text(HEAD + body + FOOT).as_dict()["tasks"]


def test_each_item_in_round_brackets_that_opens_with_a_unit_is_a_task():
    tasks = _tasks(
        "(1) Bộ Xây dựng hướng dẫn chủ đầu tư hoàn thiện hồ sơ, báo cáo trước ngày 30/11/2025.\n"
        "(2) Bộ Tài chính bố trí vốn cho dự án theo quy định.\n"
    )
    assert [t["lead"] for t in tasks] == [["Bộ Xây dựng"], ["Bộ Tài chính"]]
    assert tasks[0]["deadline"] == "2025-11-30"
    assert tasks[0]["section"] == "1"


def test_items_numbered_with_small_roman_numerals_are_tasks_too():
    tasks = _tasks(
        "(i) Bộ Công Thương chỉ đạo Tập đoàn Điện lực Việt Nam đẩy nhanh đàm phán hợp đồng.\n"
        "(ii) Ủy ban nhân dân tỉnh Đồng Nai hoàn thành bàn giao mặt bằng trong tháng 12/2025.\n"
    )
    assert [t["lead"] for t in tasks] == [["Bộ Công Thương"], ["Ủy ban nhân dân tỉnh Đồng Nai"]]


def test_an_item_that_is_a_task_stays_one_when_bullets_follow_it():
    tasks = _tasks(
        "(1) Bộ Y tế chỉ đạo Ban Quản lý dự án khẩn trương hoàn thiện hồ sơ thiết kế, hoàn thành "
        "việc xây dựng trước ngày 30 tháng 11 năm 2025.\n"
        "- Chỉ đạo hai bệnh viện chuẩn bị phương án nhân lực, thiết bị để vận hành.\n"
        "- Chủ trì, phối hợp với Bộ Tài chính hoàn thiện hồ sơ cơ chế vận hành.\n"
    )
    assert len(tasks) == 3
    assert all(t["lead"] == ["Bộ Y tế"] for t in tasks)
    assert tasks[0]["text"].startswith("Bộ Y tế chỉ đạo") and tasks[0]["deadline"] == "2025-11-30"
    assert tasks[2]["coordinating"] == ["Bộ Tài chính"]


def test_a_number_in_brackets_inside_a_sentence_starts_no_item():
    tasks = _tasks(
        "1. Bộ Xây dựng xử lý các vi phạm, đặc biệt là: (i) khai thác trái phép; (ii) khai thác không "
        "đúng giấy phép.\n"
    )
    assert len(tasks) == 1 and tasks[0]["lead"] == ["Bộ Xây dựng"]
