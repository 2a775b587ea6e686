"""The closing call to carry the document out is not proposed as a task, whichever way it is
written; an ordinal opener ("Thứ nhất, các bộ, ...") still names the units of its paragraph."""

from cchc.lib.docreader import read_text
from cchc.lib.docreader.units import units_in

HEAD = """VĂN PHÒNG CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 700/TB-VPCP

Hà Nội, ngày 20 tháng 11 năm 2025

THÔNG BÁO
Kết luận của Phó Thủ tướng tại cuộc họp

Phó Thủ tướng kết luận như sau:

1. Bộ Xây dựng khẩn trương hoàn thiện hồ sơ dự án, báo cáo Thủ tướng Chính phủ trước ngày 30/11/2025.

"""

FOOT = """
Nơi nhận:
- Lưu: VT.

KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn A
"""


def _texts(closing: str) -> list[str]:
    return [t["text"] for t in read_text(HEAD + closing + FOOT).as_dict()["tasks"]]


def test_the_office_notice_line_is_not_a_task():
    texts = _texts("2. Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện./.\n")
    assert len(texts) == 1 and texts[0].startswith("Bộ Xây dựng")


def test_a_call_to_carry_out_the_plan_seriously_is_not_a_task():
    texts = _texts("2. Yêu cầu các sở, ban, ngành, đơn vị, địa phương nghiêm túc triển khai thực hiện./.\n")
    assert len(texts) == 1


def test_the_request_to_report_difficulties_is_not_a_task():
    texts = _texts(
        "2. Trong quá trình thực hiện Kế hoạch này, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
        "phản ánh về Sở Tài chính để tổng hợp.\n"
    )
    assert len(texts) == 1


def test_a_call_with_its_own_deadline_stays_a_task():
    texts = _texts("2. Yêu cầu Sở Tài chính nghiêm túc thực hiện, báo cáo trước ngày 15/12/2025.\n")
    assert len(texts) == 2


def test_an_ordinal_opener_is_read_past_to_the_units():
    assert units_in("Thứ nhất, các bộ, ngành, địa phương, các nhà đầu tư phấn đấu hoàn thành") == [
        "các bộ, ngành, địa phương",
        "các nhà đầu tư",
    ]
