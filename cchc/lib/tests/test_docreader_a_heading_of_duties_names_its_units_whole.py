"""A heading "Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực …" names, whole, the units
whose duties its items are — the name is not cut at "hoạt động trong"."""

from cchc.lib.docreader import read_text

LETTER = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 190/UBND-KT
V/v tăng cường quản lý vật liệu nổ công nghiệp

Lào Cai, ngày 10 tháng 01 năm 2026

Kính gửi: Các sở, ngành; UBND các xã, phường.

Để tăng cường công tác quản lý, Ủy ban nhân dân tỉnh yêu cầu:
1. Sở Công Thương
a) Chủ trì kiểm tra việc chấp hành quy định về vật liệu nổ công nghiệp trên địa bàn tỉnh.
2. Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến VLNCN, TCTN
a) Chấp hành nghiêm các quy định pháp luật về VLNCN, TCTN và các quy định khác có liên quan.
b) Thực hiện đúng nội dung giấy phép sử dụng VLNCN được cấp.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn B
"""


def test_the_items_under_a_heading_of_duties_are_led_by_the_whole_name():
    tasks = read_text(LETTER).tasks
    assert [t.lead for t in tasks[1:]] == [
        ["các tổ chức, doanh nghiệp hoạt động trong lĩnh vực có liên quan đến VLNCN, TCTN"]
    ] * 2
