"""The last sentence of a document asking, in a few words, that it be carried out ("Căn cứ văn bản này,
các cơ quan, đơn vị, địa phương liên quan triển khai thực hiện./.") is no task: it gives no work of its
own. The article that makes officials responsible for carrying out a decision ("… chịu trách nhiệm thi
hành Quyết định này./.") still is one."""

from cchc.lib.docreader.reader import read_text

LETTER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 9387/UBND-KT
Lào Cai, ngày 10 tháng 11 năm 2026
V/v tăng cường quản lý khoáng sản
Kính gửi: Các sở, ban, ngành tỉnh.

Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Công an tỉnh kiểm tra các điểm khai thác
khoáng sản trái phép.
Căn cứ văn bản này, các cơ quan, đơn vị, địa phương liên quan triển khai thực hiện./.
"""

DECISION_END = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 904/QĐ-UBND
Lào Cai, ngày 10 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc ủy quyền
QUYẾT ĐỊNH:
Điều 1. Ủy quyền cho Giám đốc Sở Công Thương thành lập Đoàn thẩm định.
Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Công Thương chịu trách nhiệm thi hành
Quyết định này./.
"""


def test_the_last_call_gives_no_task():
    tasks = read_text(LETTER).as_dict()["tasks"]
    assert [t["lead"] for t in tasks] == [["Sở Nông nghiệp và Môi trường"]]


def test_the_executors_article_is_still_a_task():
    tasks = read_text(DECISION_END).as_dict()["tasks"]
    assert any(t["section"] == "Điều 2" for t in tasks)
