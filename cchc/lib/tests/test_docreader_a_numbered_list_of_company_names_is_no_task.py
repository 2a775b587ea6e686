"""A list after the signature that only names the companies a letter means ("1. Công ty Cổ phần Đông
Nam Á Lào Cai") gives no task: an entry that is nothing but a name asks no one to do anything."""

from cchc.lib.docreader import read_text

LETTER = """UBND TỈNH LÀO CAI
SỞ CÔNG THƯƠNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1200/SCT-CN
V/v báo cáo định kỳ hoạt động hóa chất

Lào Cai, ngày 10 tháng 4 năm 2026

Kính gửi: Các đơn vị hoạt động hóa chất trên địa bàn tỉnh Lào Cai

Sở Công Thương đề nghị các đơn vị có tên trong danh sách kèm theo thực hiện báo cáo trên hệ thống cơ
sở dữ liệu chuyên ngành hóa chất trước ngày 30/4/2026.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Hoàng Văn C

Danh sách các đơn vị đề nghị báo cáo lần 2

1. Công ty Cổ phần Đông Nam Á Lào Cai

2. Công ty TNHH phốt pho vàng Việt Nam

3. Công ty Cổ phần cấp nước Lào Cai
"""


def test_the_names_listed_after_the_signature_give_no_task():
    tasks = read_text(LETTER).tasks
    assert not any(t.text.startswith("Công ty") for t in tasks)


DECISION = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 636/QĐ-UBND

Bình Định, ngày 10 tháng 10 năm 2012

QUYẾT ĐỊNH
Về việc ban hành Quy chế

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
Điều 2. Chánh Văn phòng UBND tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thị xã,
thành phố
"""


def test_an_article_that_only_names_officials_is_still_their_task():
    tasks = read_text(DECISION).tasks
    assert [t.lead[0] for t in tasks] == ["Chánh Văn phòng UBND tỉnh"]
