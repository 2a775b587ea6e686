"""An article that sets out a team's duties — "Điều 3. Nhiệm vụ và quyền hạn của Đoàn kiểm tra" with its
lead-in "Đoàn kiểm tra thực hiện nhiệm vụ … trong đó tập trung:" — gives each numbered item to the team,
named whole ("Đoàn kiểm tra", not cut at the verb "kiểm tra")."""

from cchc.lib.docreader import read_text

DECISION = """UBND TỈNH LÀO CAI
SỞ CÔNG THƯƠNG

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1050/QĐ-SCT

Lào Cai, ngày 06 tháng 3 năm 2026

QUYẾT ĐỊNH
Về việc kiểm tra việc chấp hành pháp luật về vật liệu nổ công nghiệp

GIÁM ĐỐC SỞ CÔNG THƯƠNG

Căn cứ Nghị định số 217/2025/NĐ-CP ngày 05/8/2025 của Chính phủ;

QUYẾT ĐỊNH:
Điều 1. Thành lập Đoàn kiểm tra việc chấp hành pháp luật về vật liệu nổ công nghiệp năm 2026.
Điều 2. Nhiệm vụ và quyền hạn của Đoàn kiểm tra
Đoàn kiểm tra thực hiện nhiệm vụ và quyền hạn theo quy định tại Điều 8 Nghị định số 217/2025/NĐ-CP
ngày 05 tháng 8 năm 2025 của Chính phủ, trong đó tập trung:
1. Xây dựng và trình Giám đốc Sở phê duyệt Kế hoạch kiểm tra chi tiết.
2. Lập biên bản kiểm tra, ghi nhận đầy đủ, trung thực, khách quan các nội dung kiểm tra.
3. Báo cáo kết quả kiểm tra cho Giám đốc Sở sau khi kết thúc đợt kiểm tra.

Nơi nhận:
- Lưu: VT.

GIÁM ĐỐC
Nguyễn Văn D
"""


def test_each_duty_under_the_lead_in_is_led_by_the_inspection_team():
    tasks = read_text(DECISION).tasks
    duties = [t for t in tasks if not t.text.startswith("Thành lập")]
    assert len(duties) == 3
    assert all(t.lead == ["Đoàn kiểm tra"] for t in duties)
