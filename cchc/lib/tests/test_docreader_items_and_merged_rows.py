"""Items that hold several assignments, addressee lists cut by ';', lead-ins inside an assessment
section, and task-table rows whose lead cell was merged with the row above."""

from cchc.lib.docreader import read_text
from cchc.lib.docreader.tables import table_columns, table_rows

HEAD = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND

Cà Mau, ngày 10 tháng 11 năm 2025

KẾ HOẠCH
Thực hiện nhiệm vụ trọng tâm

"""

FOOT = """
Nơi nhận:
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def _tasks(body: str) -> list[dict]:
    return read_text(HEAD + body + FOOT).as_dict()["tasks"]


def test_a_later_sentence_giving_work_to_another_unit_is_a_task_of_its_own():
    tasks = _tasks(
        "I. NHIỆM VỤ\n\n"
        "1. Về đầu tư kho dầu thô: với vai trò là chủ đầu tư, Tập đoàn Dầu khí Việt Nam chủ động làm "
        "việc với các đối tác để triển khai các nội dung liên quan. Để xác định vị trí của dự án, Sở "
        "Xây dựng phối hợp với Sở Tài chính rà soát các quy hoạch, báo cáo trong tháng 12 năm 2025.\n"
    )
    leads = [t["lead"] for t in tasks]
    assert leads == [["Tập đoàn Dầu khí Việt Nam"], ["Sở Xây dựng"]]
    assert tasks[1]["coordinating"] == ["Sở Tài chính"]
    assert tasks[1]["deadline"] == "2025-12-31"


def test_an_addressee_list_cut_by_semicolons_is_one_task():
    tasks = _tasks(
        "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các sở, ban, ngành;\n"
        "Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert len(tasks) == 1
    assert tasks[0]["lead"] == [
        "Chánh Văn phòng UBND tỉnh",
        "Giám đốc các sở, ban, ngành",
        "Chủ tịch UBND các xã, phường",
    ]


def test_the_executors_sentence_after_the_entry_into_force_is_a_task():
    tasks = _tasks(
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế "
        "chịu trách nhiệm thi hành Quyết định này./.\n"
    )
    assert [t["lead"] for t in tasks] == [["Chánh Văn phòng UBND tỉnh", "Giám đốc Sở Y tế"]]
    assert tasks[0]["text"].startswith("Chánh Văn phòng")


def test_a_lead_in_inside_an_assessment_section_hands_out_the_items_after_it():
    tasks = _tasks(
        "I. ĐÁNH GIÁ CHUNG\n\n"
        "Thời gian qua tỉnh đã đạt nhiều kết quả.\n\n"
        "Để vận hành hiệu quả, tỉnh Cà Mau cần tập trung thực hiện tốt một số nhiệm vụ sau đây:\n\n"
        "1. Rà soát, sắp xếp các đơn vị sự nghiệp công lập.\n\n"
        "2. Đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính.\n"
    )
    assert [t["lead"] for t in tasks] == [["tỉnh Cà Mau"], ["tỉnh Cà Mau"]]


def test_an_item_opening_with_can_cu_is_a_task_not_a_basis_section():
    tasks = _tasks(
        "III. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Căn cứ Kế hoạch này, Giám đốc các sở, Chủ tịch UBND các xã, phường xây dựng kế hoạch cụ thể "
        "để triển khai thực hiện.\n"
    )
    assert [t["lead"] for t in tasks] == [["Giám đốc các sở", "Chủ tịch UBND các xã, phường"]]


ROWS = [
    ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["I", "KIỆN TOÀN BỘ MÁY", "", "", ""],
    ["1", "Tổ chức lại Ban Chỉ huy", "Bộ CHQS tỉnh", "Các sở, ngành", "Trước ngày 30/11/2025"],
    ["2", "Ban hành quy chế hoạt động của Ban Chỉ huy", "", "", ""],
    ["II", "TRIỂN KHAI VĂN BẢN", "", "", ""],
    ["1", "Hướng dẫn thống kê", "Sở Tài chính", "", "2025"],
]


def test_a_work_column_named_noi_dung_thuc_hien_is_the_work_not_the_lead():
    columns, header_rows = table_columns(ROWS)
    assert columns == {"stt": 0, "content": 1, "lead": 2, "coordinating": 3, "time": 4}
    assert header_rows == 1


def test_a_row_whose_lead_cell_was_merged_with_the_row_above_takes_its_lead():
    rows = table_rows(ROWS)
    assert [(r.section, r.assignees) for r in rows] == [
        ("I.1", ["Bộ CHQS tỉnh"]),
        ("I.2", ["Bộ CHQS tỉnh"]),
        ("II.1", ["Sở Tài chính"]),
    ]
    assert rows[1].time == "Trước ngày 30/11/2025"
