"""A công điện copied from a legal web site puts its whole body in the cell beside the recipients and
may wrap "THỦ" / "TƯỚNG CHÍNH PHỦ điện:" over two lines; the reader still reads the summary, every
numbered task and the Prime Minister's signature. Checked on the two công điện of the corpus that
the fifth held-out set read without a single task."""

from pathlib import Path

from cchc.lib.docreader.reader import read_file

CORPUS = Path(__file__).resolve().parents[3] / "docs" / "reader-corpus" / "dev"


def test_a_wrapped_opener_ends_neither_the_summary_nor_the_body():
    d = read_file(CORPUS / "226-cd-ttg-2025-thu-tuong-chinh-phu.txt").as_dict()
    assert d["subject"].endswith("tại khu vực trung bộ")
    assert len(d["tasks"]) == 12
    assert d["tasks"][0]["lead"] == ["Bộ Tài chính"]
    assert (d["signer"]["position"], d["signer"]["name"]) == ("Thủ tướng", "Phạm Minh Chính")


def test_the_body_in_the_recipients_cell_is_read_as_running_text():
    d = read_file(CORPUS / "227-cd-ttg-2025-thu-tuong-chinh-phu.txt").as_dict()
    assert len(d["tasks"]) >= 20
    assert (d["signer"]["position"], d["signer"]["name"]) == ("Thủ tướng", "Phạm Minh Chính")


def test_provinces_named_after_a_colon_stay_in_the_lead():
    d = read_file(CORPUS / "227-cd-ttg-2025-thu-tuong-chinh-phu.txt").as_dict()
    first = d["tasks"][0]["lead"]
    assert "Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa, Gia Lai và Lâm Đồng" in first
