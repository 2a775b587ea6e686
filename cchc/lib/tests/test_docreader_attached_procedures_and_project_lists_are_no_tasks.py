"""What a decision attaches about an administrative procedure — the steps of its internal procedure
("Bước 1 | Tiếp nhận hồ sơ | Trung tâm Phục vụ hành chính công | 0,25 ngày"), the procedure's own text
("Cơ quan giải quyết thủ tục hành chính: ...") and a form's table with a place column — hands out no
work; nor does the list of projects a task covers ("- Dự án 1: ...")."""

from cchc.lib.docreader import read_text

HEAD = """ỦY BAN NHÂN DÂN
TỈNH VĨNH LONG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 2600/QĐ-UBND

Vĩnh Long, ngày 20 tháng 11 năm 2025

QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính mới ban hành

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:

Điều 1. Công bố kèm theo Quyết định này 01 thủ tục hành chính mới ban hành.
Điều 2. Giám đốc Công an tỉnh cập nhật công khai thủ tục hành chính trước ngày 30/11/2025.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Công an tỉnh chịu trách nhiệm thi hành
Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""

PROCEDURE = """
PHỤ LỤC II
NỘI DUNG CỤ THỂ THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH
1. Đăng ký cai nghiện ma túy tự nguyện
1.1. Trình tự thực hiện:
- Công an cấp xã tham mưu Chủ tịch Ủy ban nhân dân cấp xã bố trí địa điểm tiếp nhận hồ sơ.
1.2. Cơ quan giải quyết thủ tục hành chính: Ủy ban nhân dân cấp xã.

PHỤ LỤC III
QUY TRÌNH NỘI BỘ THỰC HIỆN THỦ TỤC HÀNH CHÍNH
| STT | Nội dung công việc | Phân công nhiệm vụ | Thời gian thực hiện |
| Bước 1 | Hướng dẫn, tiếp nhận hồ sơ | Trung tâm Phục vụ hành chính công | 0,25 ngày làm việc |
| Bước 2 | Kiểm tra, xử lý hồ sơ | Công an cấp xã | 01 ngày làm việc |
"""

FORM = """
PHỤ LỤC IV
MẪU ĐƠN
| TT | Nội dung | Địa điểm thực hiện |
| 1 | Xây dựng kế hoạch cai nghiện. | Tại gia đình, cộng đồng |
"""


def _leads(text: str) -> list[list[str]]:
    return [t["lead"] for t in read_text(text).as_dict()["tasks"]]


def test_the_attached_procedure_and_its_internal_steps_give_no_task():
    assert _leads(HEAD + PROCEDURE) == _leads(HEAD)
    assert ["Giám đốc Công an tỉnh"] in _leads(HEAD + PROCEDURE)


def test_a_table_whose_column_says_where_is_not_a_task_table():
    assert _leads(HEAD + FORM) == _leads(HEAD)


def test_the_projects_a_task_covers_are_part_of_that_task():
    text = HEAD.replace(
        "Điều 2. Giám đốc Công an tỉnh cập nhật công khai thủ tục hành chính trước ngày 30/11/2025.",
        "Điều 2. Công an tỉnh:\n"
        "a) Tổ chức triển khai các nhiệm vụ của các dự án do Bộ Công an chủ trì theo chức năng được giao:\n"
        "- Dự án 1: “Phòng ngừa, đấu tranh tội phạm về ma túy”.\n"
        "- Tiểu dự án 2 (Dự án 7): “Truyền thông phòng, chống ma túy”.\n"
        "b) Hướng dẫn các địa phương xây dựng kế hoạch thực hiện.",
    )
    tasks = read_text(text).as_dict()["tasks"]
    project_task = [t for t in tasks if "Dự án 1" in t["text"]]
    assert len(project_task) == 1 and "Tiểu dự án 2" in project_task[0]["text"]
    assert not any(t["text"].startswith(("Dự án", "Tiểu dự án")) for t in tasks)
