"""A PDF text layer extracted with its layout prints the header's two columns and the signature block's
two columns on the same lines; the reader takes them apart: issuer and number on the left, motto and
date on the right; recipients on the left, the signer's lines and name on the right."""

from cchc.lib.docreader.reader import read_text

LETTER = """   ỦY BAN NHÂN DÂN                             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
     TỈNH LÀO CAI                                         Độc lập - Tự do - Hạnh phúc

     Số: 5973 /UBND-KT                                Lào Cai, ngày 11 tháng 6 năm 2026
V/v tăng cường công tác quản
 lý hoạt động khoáng sản

                       Kính gửi:
                                       - Các Sở, ban, ngành thuộc UBND tỉnh;
                                       - Công an tỉnh.

      Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
        1. Công an tỉnh chủ trì kiểm tra hoạt động khoáng sản trên địa bàn.
Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;
- Bộ Nông nghiệp và Môi trường (để báo cáo);            PHÓ CHỦ TỊCH
- Lưu: VT, KT.



                                                      Nguyễn Thành Sinh
"""


def test_the_header_columns_give_issuer_number_and_date():
    d = read_text(LETTER).as_dict()
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert (d["number"], d["symbol"], d["date"], d["place"]) == ("5973", "UBND-KT", "2026-06-11", "Lào Cai")


def test_the_signature_columns_give_the_signer():
    signer = read_text(LETTER).as_dict()["signer"]
    assert (signer["authority"], signer["on_behalf_of"], signer["position"], signer["name"]) == (
        "KT.",
        "Chủ tịch",
        "Phó Chủ tịch",
        "Nguyễn Thành Sinh",
    )
