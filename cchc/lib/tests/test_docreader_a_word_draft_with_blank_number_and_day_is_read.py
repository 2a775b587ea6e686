"""A draft as the office prepares it for signature: the number, day and month still blank, the motto's
last word cut by the table cell ("... CHỦ NGHĨA VIỆT"), the summary typed in paragraphs under the
type name, and "TM. ỦY BAN NHÂN DÂN" and "KT. CHỦ TỊCH" side by side in one cell row. The place, issuer,
summary and signer are still read; number and date stay unknown rather than wrong."""

from cchc.lib.docreader.reader import read_text

DRAFT = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI



CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT
Độc lập - Tự do - Hạnh phúc

Số:           /KH-UBND



       Lào Cai, ngày       tháng      năm 2026




KẾ HOẠCH

Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026

 của Ban Thường vụ Tỉnh ủy về tăng cường quản lý nhà nước về khoáng sản

Thực hiện Chỉ thị số 11-CT/TU, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

1. Sở Nông nghiệp và Môi trường chủ trì rà soát các khu vực khoáng sản.

Nơi nhận:
- Như trên;
- Lưu: VT, KT.

TM. ỦY BAN NHÂN DÂN                                         KT. CHỦ TỊCH
PHÓ CHỦ TỊCH



Nguyễn Thành Sinh
"""


def test_the_place_and_issuer_are_read_and_the_blank_date_stays_unknown():
    d = read_text(DRAFT).as_dict()
    assert d["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert d["place"] == "Lào Cai"
    assert (d["number"], d["date"]) == (None, None)
    assert d["symbol"] == "KH-UBND"


def test_a_summary_typed_in_paragraphs_under_the_type_name_is_read_whole():
    assert read_text(DRAFT).as_dict()["subject"] == (
        "Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy về tăng "
        "cường quản lý nhà nước về khoáng sản"
    )


def test_two_authority_lines_side_by_side_are_two_lines():
    signer = read_text(DRAFT).as_dict()["signer"]
    assert signer["authority"] == "KT."
    assert signer["on_behalf_of"] == "Chủ tịch"
    assert signer["authority_chain"] == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
