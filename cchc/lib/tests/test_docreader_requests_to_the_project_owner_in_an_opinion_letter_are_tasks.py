"""A department's opinion on a project file asks the project owner ("Chủ đầu tư") for things inside its
findings: "…, do vậy đề nghị Chủ đầu tư cập nhật …" is a task of the owner, and so are the dashes after
"…, đề nghị Chủ đầu tư:" even when an earlier "đề nghị" in the paragraph asks for something else. The
project's facts ("- Chủ đầu tư: Ban Quản lý dự án …") are no task, nor is the closing "Trên đây là ý kiến …,
đề nghị Sở Công Thương tổng hợp …"."""

from cchc.lib.docreader import read_text

LETTER = """UBND TỈNH LÀO CAI
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 6791/SNNMT-KHTC
V/v tham gia ý kiến thẩm định hồ sơ thành lập cụm công nghiệp

Lào Cai, ngày 17 tháng 7 năm 2026

Kính gửi: Sở Công Thương tỉnh Lào Cai

Sở Nông nghiệp và Môi trường nhận được Công văn số 4170/SCT-CN ngày 14/7/2026 của Sở Công Thương và có
ý kiến tham gia như sau:
1. Thông tin về dự án
- Tên dự án: Cụm công nghiệp Báo Đáp.
- Chủ đầu tư: Ban Quản lý dự án đầu tư xây dựng xã Trấn Yên.
2. Ý kiến tham gia
2.1. Lĩnh vực môi trường
- Một số căn cứ pháp lý viện dẫn trong Báo cáo đã được sửa đổi, do vậy đề nghị Chủ đầu tư cập nhật đầy đủ
các văn bản quy phạm pháp luật hiện hành có liên quan.
2.2. Lĩnh vực thủy lợi
Qua kiểm tra nhận thấy khu vực đề nghị thành lập cụm công nghiệp ảnh hưởng đến hồ thủy lợi. Trong quá trình
triển khai dự án, đề nghị Chủ đầu tư:
- Phối hợp với Công ty TNHH Tân Phú kiểm tra, xác minh ảnh hưởng của dự án đến công trình thủy lợi.
- Có giải pháp đảm bảo an toàn về phòng, chống thiên tai đối với hạ tầng của dự án.
Trên đây là ý kiến tham gia của Sở Nông nghiệp và Môi trường, đề nghị Sở Công Thương tổng hợp, báo cáo
theo quy định./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Phạm Bình Minh
"""


def test_each_request_to_the_project_owner_is_a_task_led_by_it():
    tasks = read_text(LETTER).tasks
    assert [t.lead for t in tasks] == [["Chủ đầu tư"]] * 3
    assert tasks[0].text.startswith("Một số căn cứ pháp lý")
    assert tasks[1].coordinating == ["Công ty TNHH Tân Phú"]


def test_the_project_owner_named_among_the_project_facts_is_no_task():
    assert not any("Ban Quản lý dự án" in t.text for t in read_text(LETTER).tasks)


def test_the_closing_tren_day_la_asks_no_one_for_a_task():
    tasks = read_text(LETTER).tasks
    assert not any(t.lead == ["Sở Công Thương"] for t in tasks)
