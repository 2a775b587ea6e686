"""Headers as PDF text layers print them: the motto "CỘNG HÕA" (a font map's tilde for the grave accent),
"ƣ" for "ư" (an old font map), the rule under the body's name on the name's line, and "MÔI TRƯỜNG"
ending a department's name (environment, not a school opening a new body)."""

from cchc.lib.docreader import read_text

HEADER = """{parent:<30}            CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM
{issuer:<30}               Độc lập - Tự do - Hạnh phúc
        ––––––––––––––                             ––––––––––––––––––––––––––
      Số: 6791 /SNNMT-KHTC                        Lào Cai, ngày 17 tháng 7 năm 2026
V/v tham gia ý kiến thẩm định hồ sơ

                           Kính gửi: Sở Công Thương tỉnh Lào Cai

         Sở Nông nghiệp và Môi trường nhận được Công văn số 4170/SCT-CN ngày 14/7/2026 và có ý kiến.

Nơi nhận:
- Như trên;
- Lưu: VT.
                                             KT. GIÁM ĐỐC
                                             PHÓ GIÁM ĐỐC
                                             Phạm Bình Minh
"""


def test_a_department_of_environment_under_its_province_keeps_its_whole_name():
    layout = read_text(
        HEADER.format(parent="UBND TỈNH LÀO CAI", issuer="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    ).layout
    assert (layout.issuer or "").casefold() == "sở nông nghiệp và môi trường"
    assert layout.parent_issuer == "Ủy ban nhân dân tỉnh Lào Cai"


def test_the_motto_printed_cong_hoa_with_a_tilde_and_the_letter_oi_for_u_horn_are_read():
    layout = read_text(HEADER.format(parent="BỘ CÔNG THƢƠNG", issuer="CỤC CÔNG NGHIỆP")).layout
    assert (layout.issuer or "").casefold() == "cục công nghiệp"
    assert (layout.parent_issuer or "").casefold() == "bộ công thương"
