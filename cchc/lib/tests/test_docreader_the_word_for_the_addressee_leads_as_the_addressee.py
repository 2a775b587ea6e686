"""A department's letter to one company names it under "Kính gửi" and then asks "Công ty" to do the
work: the tasks are led by the company named, not by the word "Công ty"; the address printed under the
name is not part of it. With no "Kính gửi" the word stays, for a person to see."""

from cchc.lib.docreader import read_text

LETTER = """UBND TỈNH LÀO CAI
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 6000/SNNMT-KS
V/v thực hiện các quy định sau khi được cấp phép

Lào Cai, ngày 17 tháng 7 năm 2026

{to}

Công ty được cấp Giấy phép khai thác khoáng sản số 199/GP-BNNMT ngày 14/7/2026. Để bảo đảm việc khai thác
theo quy định, Sở Nông nghiệp và Môi trường đề nghị Công ty thực hiện đầy đủ các nội dung sau:
1. Trước khi đưa mỏ vào hoạt động
- Thực hiện cắm mốc khu vực khai thác và bàn giao mốc giới theo đúng quy định.
- Phối hợp với UBND xã Văn Bàn khẩn trương thực hiện công tác bồi thường, giải phóng mặt bằng.
2. Trong quá trình khai thác
- Thực hiện chế độ báo cáo về tai nạn lao động trong khai thác khoáng sản theo quy định.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Phạm Văn A
"""

COMPANY = "Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô"


def test_the_company_named_under_kinh_gui_leads_every_task_asked_of_cong_ty():
    to = f"Kính gửi: {COMPANY}\n(Địa chỉ: Khu công nghiệp Tằng Loỏng, Xã Tằng Loỏng, Tỉnh Lào Cai)"
    tasks = read_text(LETTER.format(to=to)).tasks
    assert len(tasks) == 3
    assert all(t.lead == [COMPANY] for t in tasks)
    assert tasks[1].coordinating == ["UBND xã Văn Bàn"]


def test_without_kinh_gui_the_word_cong_ty_stays_for_a_person_to_resolve():
    tasks = read_text(LETTER.format(to="")).tasks
    assert tasks and all(t.lead == ["Công ty"] for t in tasks)
