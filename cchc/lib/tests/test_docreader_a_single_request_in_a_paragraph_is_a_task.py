"""A letter whose one request is a plain paragraph ("Bộ Công Thương chủ trì phối hợp với ... khẩn trương
...") and an article whose later sentence hands out work ("... kể từ ngày ký. Giao Sở ... chủ trì ...")
give that request as a task; a paragraph that only tells what a unit did or received does not."""

from cchc.lib.docreader import read_text

LETTER = """VĂN PHÒNG CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 11600/VPCP-CN
V/v lộ trình sử dụng nhiên liệu sinh học

Hà Nội, ngày 25 tháng 11 năm 2025

Kính gửi: Bộ Công Thương

Xét đề nghị của Bộ Công Thương tại Tờ trình số 8798/TTr-BCT ngày 07 tháng 11 năm 2025, Phó Thủ tướng
Chính phủ có ý kiến như sau:
{body}
Văn phòng Chính phủ thông báo để Bộ Công Thương biết, thực hiện./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn A
"""

DECISION = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 01800/QĐ-UBND

Cà Mau, ngày 20 tháng 11 năm 2025

QUYẾT ĐỊNH
Về việc công bố thủ tục hành chính

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:

Điều 1. Công bố kèm theo Quyết định này danh mục thủ tục hành chính.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký. Giao Sở Nông nghiệp và Môi trường chủ trì,
phối hợp Trung tâm Phục vụ hành chính công tỉnh cập nhật thủ tục trước ngày 30/11/2025.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nông nghiệp và Môi trường chịu trách nhiệm thi
hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT.

CHỦ TỊCH
Nguyễn Văn B
"""


def _tasks(text: str) -> list[dict]:
    return read_text(text).as_dict()["tasks"]


def test_the_one_request_of_a_letter_written_as_a_paragraph_is_a_task():
    tasks = _tasks(
        LETTER.format(
            body="Bộ Công Thương chủ trì phối hợp với các Bộ, cơ quan liên quan khẩn trương làm rõ các nội "
            "dung còn vướng mắc, báo cáo Thủ tướng Chính phủ trong tháng 11 năm 2025.\n"
        )
    )
    assert len(tasks) == 1
    assert tasks[0]["lead"] == ["Bộ Công Thương"]
    assert tasks[0]["deadline"] == "2025-11-30"


def test_a_paragraph_that_only_tells_what_a_unit_received_is_no_task():
    tasks = _tasks(
        LETTER.format(
            body="Bộ Công Thương đã nhận được ý kiến của các Bộ, cơ quan liên quan về dự thảo lộ trình "
            "sử dụng nhiên liệu sinh học trong năm 2025.\n"
        )
    )
    assert tasks == []


def test_a_later_sentence_of_an_article_that_hands_out_work_is_a_task():
    tasks = _tasks(DECISION)
    given = [t for t in tasks if t["text"].startswith("Giao Sở Nông nghiệp")]
    assert len(given) == 1
    assert given[0]["lead"] == ["Sở Nông nghiệp và Môi trường"]
    assert given[0]["deadline"] == "2025-11-30"
