"""What a decision attaches about its procedures gives no task: a list of procedures whose column names
the laws they rest on ("Tên VBQPPL quy định nội dung sửa đổi, bổ sung") and the text of each procedure
under "NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH NỘI BỘ" ("+ Bước 2: Cơ quan, tổ chức cấp tỉnh …",
"Cơ quan trực tiếp thực hiện TTHC: Sở Tư pháp.")."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file
from cchc.lib.docreader.tables import table_rows

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_a_column_of_legal_bases_is_not_the_work_of_a_task_table():
    rows = [
        [
            "STT",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết",
            "Tên VBQPPL quy định nội dung sửa đổi, bổ sung",
        ],
        [
            "1",
            "Cấp Giấy chứng nhận đăng ký đầu tư",
            "10 ngày",
            "- Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020;",
        ],
    ]
    assert table_rows(rows) == []


def test_the_decisions_give_only_the_tasks_of_their_articles():
    thai_nguyen = read_file(CORPUS / "1936-qd-ubnd-2025-thai-nguyen.txt").as_dict()
    quang_tri = read_file(CORPUS / "2691-qd-ubnd-2025-quang-tri.txt").as_dict()
    assert len(thai_nguyen["tasks"]) == 3
    assert len(quang_tri["tasks"]) == 1
    assert not any(
        "Bước" in t["text"] or "Luật Đầu tư số" in t["text"]
        for t in thai_nguyen["tasks"] + quang_tri["tasks"]
    )
