"""An item that is only a title, with its labelled fields on the lines below ("- Cơ quan thực hiện:
…", "- Thời gian thực hiện: …"), is one task whose text keeps those fields, as the plan prints it."""

from cchc.lib.docreader import read_text

DOC = """THỦ TƯỚNG CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 900/QĐ-TTg

Hà Nội, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Triển khai thi hành Luật

II. NỘI DUNG

1. Tổ chức tập huấn chuyên sâu, bồi dưỡng kiến thức pháp luật

- Cơ quan chủ trì: Bộ Công an.

- Cơ quan phối hợp: các bộ, cơ quan ngang bộ.

- Thời gian thực hiện: năm 2025 và các năm tiếp theo.

Nơi nhận:
- Lưu: VT.

THỦ TƯỚNG
Nguyễn Văn A
"""


def test_the_title_and_its_fields_make_one_task_text():
    tasks = read_text(DOC).as_dict()["tasks"]
    assert len(tasks) == 1
    task = tasks[0]
    assert task["text"].startswith("Tổ chức tập huấn chuyên sâu")
    assert "Cơ quan chủ trì: Bộ Công an" in task["text"]
    assert "Thời gian thực hiện: năm 2025" in task["text"]
    assert task["lead"] == ["Bộ Công an"]
