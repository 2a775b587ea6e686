"""A web copy that prints the header and the signature block as Markdown table rows (every cell on one
line) is read like one that prints them cell by cell: issuer, number, place, summary, recipients and
the signer with the authority of the line nearest the position — and the place is not taken from the
end of the summary above it."""

from cchc.lib.docreader.reader import read_text

LETTER = "\n".join(
    [
        "| VĂN PHÒNG CHÍNH PHỦ ------- "
        "| CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc  --- |",
        "| --- | --- |",
        "| Số: 9416/VPCP-QHQT V/v Thỏa thuận thí điểm về tín chỉ các bon Việt Nam - Singapore "
        "| Hà Nội, ngày 30 tháng 11 năm 2023 |",
        "Kính gửi: Bộ trưởng Bộ Tài nguyên và Môi trường",
        "Bộ Tài nguyên và Môi trường chủ trì, phối hợp với các cơ quan liên quan khẩn trương trao đổi, "
        "thống nhất với phía Singapore để sớm ký kết Thỏa thuận.",
        "Văn phòng Chính phủ thông báo Bộ Tài nguyên và Môi trường biết, thực hiện./.",
        "| Nơi nhận: - Như trên; - TTgCP, PTTg Trần Lưu Quang (để b/c); - Lưu: VT, QHQT (2). GT "
        "| KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Cao Huy |",
        "| --- | --- |",
        "",
    ]
)


def test_the_header_cells_give_issuer_number_place_and_summary():
    d = read_text(LETTER).as_dict()
    assert d["issuer"] == "Văn phòng Chính phủ"
    assert (d["number"], d["symbol"], d["date"]) == ("9416", "VPCP-QHQT", "2023-11-30")
    assert d["place"] == "Hà Nội"
    assert d["subject"] == "Thỏa thuận thí điểm về tín chỉ các bon Việt Nam - Singapore"


def test_the_signature_cell_gives_the_deputy_and_on_whose_behalf():
    signer = read_text(LETTER).as_dict()["signer"]
    assert signer["name"] == "Cao Huy"
    assert signer["authority"] == "KT."
    assert signer["position"] == "Phó Chủ nhiệm"
    assert signer["on_behalf_of"].lower() == "bộ trưởng, chủ nhiệm"


def test_a_prime_minister_signing_in_person_is_read_from_one_cell():
    text = LETTER.replace(
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Cao Huy", "THỦ TƯỚNG     Phạm Minh Chính"
    )
    signer = read_text(text).as_dict()["signer"]
    assert (signer["name"], signer["position"], signer["authority"]) == ("Phạm Minh Chính", "Thủ tướng", None)


def test_a_task_table_in_markdown_keeps_its_rows():
    table = (
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| 1. | Hoàn thiện dự thảo Nghị định. | Cục Biến đổi khí hậu | Vụ Pháp chế | Tháng 8/2024 |\n"
    )
    tasks = read_text(LETTER + table).as_dict()["tasks"]
    assert any(t["lead"] == ["Cục Biến đổi khí hậu"] for t in tasks)
