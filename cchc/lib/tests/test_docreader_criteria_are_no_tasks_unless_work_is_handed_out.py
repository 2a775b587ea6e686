"""Items under a heading of criteria ("TIÊU CHÍ THI ĐUA", "Tiêu chí đánh giá, xếp loại") say what is
judged, not what is to be done, and are not proposed — unless one of them hands out a piece of work by
name ("..., giao Sở Y tế thành lập đoàn ...")."""

from cchc.lib.docreader import read_text

HEAD = """ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 900/KH-UBND

Nghệ An, ngày 10 tháng 11 năm 2025

KẾ HOẠCH
Triển khai đợt thi đua năm 2025

"""

FOOT = """
IV. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ hướng dẫn khen thưởng đợt thi đua, báo cáo trước ngày 15/12/2025.

Nơi nhận:
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def _tasks(body: str) -> list[dict]:
    return read_text(HEAD + body + FOOT).as_dict()["tasks"]


def test_criteria_for_each_kind_of_unit_are_not_tasks():
    tasks = _tasks(
        "III. TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG\n"
        "1. Tiêu chí thi đua\n"
        "a) Đối với các doanh nghiệp\n"
        "- Sản xuất kinh doanh hiệu quả, bền vững, hợp pháp.\n"
        "- Nội bộ đoàn kết, thực hiện tốt trách nhiệm xã hội.\n"
    )
    assert [t["lead"] for t in tasks] == [["Sở Nội vụ"]]


def test_work_handed_out_by_name_under_the_criteria_is_still_a_task():
    tasks = _tasks(
        "III. TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI\n"
        "a) Trên cơ sở kết quả thực hiện các chỉ tiêu, giao Sở Y tế thành lập đoàn kiểm tra, đánh giá "
        "kết quả tại các xã, phường.\n"
        "b) Xã đạt từ 90 điểm trở lên được xếp loại xuất sắc.\n"
    )
    assert [t["lead"] for t in tasks] == [["Sở Y tế"], ["Sở Nội vụ"]]
