"""A Party committee's letter: motto "ĐẢNG CỘNG SẢN VIỆT NAM", the committee under its Party organisation
("ĐẢNG BỘ TỈNH LÀO CAI" / "ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH"), the number printed without a colon ("Số 2449
-CV/ĐU"), the summary "về việc …" under it, and the signature "T/M BAN THƯỜNG VỤ"."""

from cchc.lib.docreader import read_text

LETTER = """     ĐẢNG BỘ TỈNH LÀO CAI                             ĐẢNG CỘNG SẢN VIỆT NAM
 ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH
                                                      Lào Cai, ngày 07 tháng 9 năm 2026
               *
         Số 2449 -CV/ĐU
về việc triển khai thực hiện Chương trình hành động
số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Cai


                  Kính gửi: - Ủy ban nhân dân tỉnh,
                            - Các chi bộ, đảng bộ cơ sở.

         Thực hiện Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy, Đảng ủy Ủy ban
nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh triển khai thực hiện một số nhiệm vụ trọng tâm, như sau:
          1. Ủy ban nhân dân tỉnh, chỉ đạo các cơ quan, đơn vị có liên quan:
         - Nghiên cứu, cụ thể hóa các mục tiêu, nhiệm vụ, giải pháp của Chương trình hành động.
      Đề nghị Ủy ban nhân dân tỉnh và các tổ chức đảng nghiêm túc triển khai thực hiện.
Nơi nhận:                                    T/M BAN THƯỜNG VỤ
- Như trên (t/h);                                 PHÓ BÍ THƯ
- Lưu Văn phòng Đảng ủy.



                                                Nguyễn Hữu Long
"""


def test_the_party_committee_letter_gives_issuer_number_summary_and_type():
    layout = read_text(LETTER).layout
    assert (layout.issuer or "").casefold() == "đảng ủy ủy ban nhân dân tỉnh"
    assert layout.parent_issuer == "Đảng bộ tỉnh Lào Cai"
    assert (layout.number, layout.symbol) == ("2449", "CV/ĐU")
    assert layout.doc_type == "Công văn"
    assert layout.subject == (
        "triển khai thực hiện Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Cai"
    )


def test_t_slash_m_signs_on_behalf_of_the_standing_committee():
    signer = read_text(LETTER).layout.signer
    assert signer.authority == "TM."
    assert (signer.on_behalf_of or "").casefold() == "ban thường vụ"
    assert signer.position == "Phó Bí thư"
    assert signer.name == "Nguyễn Hữu Long"
