""" "Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường" and "Các Bộ, cơ quan: Tài chính, Xây dựng" name
one addressee — a group and its members after a colon — not a unit followed by the text of its task.
The task keeps its whole text and the group stays one lead; a unit of another kind after the list
("..., Tập đoàn Điện lực Việt Nam") is an addressee of its own."""

from cchc.lib.docreader.reader import read_text
from cchc.lib.docreader.units import split_units, units_in

DECISION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 1617/QĐ-UBND
Quảng Ngãi, ngày 20 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc ủy quyền
QUYẾT ĐỊNH:
Điều 1. Ủy quyền cho Giám đốc Sở Nông nghiệp và Môi trường thực hiện nhiệm vụ.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Tư
pháp, Nông nghiệp và Môi trường; Chủ tịch Ủy ban nhân dân các xã, phường và
Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_the_article_keeps_its_text_and_the_group_is_one_lead():
    task = next(t for t in read_text(DECISION).as_dict()["tasks"] if t["section"] == "Điều 3")
    assert task["text"].startswith("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở: Tư pháp")
    assert "Giám đốc các Sở: Tư pháp, Nông nghiệp và Môi trường" in task["lead"]


def test_the_members_of_a_group_of_ministries_stay_with_it():
    assert units_in(
        "Các Bộ, cơ quan: Tài chính, Xây dựng, Ngoại giao, Tập đoàn Điện lực Việt Nam khẩn trương rà soát"
    ) == [
        "Các Bộ, cơ quan: Tài chính, Xây dựng, Ngoại giao",
        "Tập đoàn Điện lực Việt Nam",
    ]


def test_a_plain_unit_before_a_colon_still_introduces_its_task():
    assert split_units("Sở Nội vụ") == ["Sở Nội vụ"]
    tasks = read_text(
        DECISION.replace("Điều 3. Chánh", "Điều 3. Sở Tư pháp: chủ trì kiểm tra.\nĐiều 4. Chánh")
    ).as_dict()
    assert any(t["lead"] == ["Sở Tư pháp"] and t["text"].startswith("chủ trì") for t in tasks["tasks"])
