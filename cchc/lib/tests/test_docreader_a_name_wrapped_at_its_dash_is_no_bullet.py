"""A web copy wraps a paragraph right before the dash of a name ("... cao tốc Ninh Bình" / "- Hải Phòng,
đoạn qua ..."). That line goes on the paragraph; it is no bullet, so the requests after the paragraph
are still read as the letter's tasks. A real bullet under a lead-in ending in ":" stays a bullet."""

from cchc.lib.docreader.reader import read_text

LETTER = """VĂN PHÒNG CHÍNH PHỦ
Số: 11654/VPCP-CN
V/v cung ứng vật liệu xây dựng
Hà Nội, ngày 27 tháng 11 năm 2025
Kính gửi: Chủ tịch Ủy ban nhân dân các tỉnh: Hưng Yên, Ninh Bình.
Xét báo cáo của Ủy ban nhân dân tỉnh Hưng Yên về cung ứng vật liệu cho Dự án cao tốc Ninh Bình
- Hải Phòng, đoạn qua Nam Định và Thái Bình, Phó Thủ tướng Chính phủ có ý kiến như sau:
Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương làm việc với các địa phương có liên quan để đảm bảo
nguồn cung vật liệu xây dựng phục vụ Dự án; báo cáo Thủ tướng Chính phủ trước ngày 03 tháng 12 năm 2025.
Văn phòng Chính phủ thông báo để các địa phương biết, thực hiện./.
"""


def test_the_request_after_the_wrapped_name_is_a_task():
    tasks = read_text(LETTER).as_dict()["tasks"]
    assert [t["lead"] for t in tasks] == [["Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"]]
    assert tasks[0]["deadline"] == "2025-12-03"


def test_a_bullet_after_a_lead_in_stays_a_bullet():
    text = LETTER.replace(
        "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương",
        "Giao Sở Xây dựng thực hiện các nội dung sau:\n- Rà soát nguồn vật liệu.\n"
        "- Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên khẩn trương",
    )
    tasks = read_text(text).as_dict()["tasks"]
    assert any(t["text"].startswith("Rà soát nguồn vật liệu") for t in tasks)
