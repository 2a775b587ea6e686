"""Header and footer of the Nghị định 30/2020 layout (docs/rules/official-documents.md) beyond the founding
letter, and task tables."""

from pathlib import Path

from cchc.lib.docreader import read_text

DATA = Path(__file__).resolve().parents[2] / "directives" / "tests" / "data"

SO_NOI_VU = """UBND TỈNH BÀ RỊA - VŨNG TÀU
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1234/SNV-CCHC
V/v báo cáo kết quả cải cách hành chính
Quý III/2022

Bà Rịa - Vũng Tàu, ngày 05 tháng 9 năm 2022

Kính gửi: Phòng Nội vụ các huyện, thị xã, thành phố.

Sở Nội vụ đề nghị các đơn vị thực hiện các nội dung sau:

1. Phòng Nội vụ các huyện, thị xã, thành phố: tổng hợp báo cáo gửi Sở Nội vụ trước ngày 25/9/2022.

Nơi nhận:
- Như trên;
- Lưu: VT, CCHC.

TL. GIÁM ĐỐC
CHÁNH VĂN PHÒNG

Nguyễn Thị Bình
"""


def test_parent_body_is_split_from_the_issuing_body():
    d = read_text(SO_NOI_VU).as_dict()
    assert d["issuer"] == "Sở Nội vụ"
    assert d["parent_issuer"] == "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert (d["number"], d["symbol"], d["date"]) == ("1234", "SNV-CCHC", "2022-09-05")
    assert d["place"] == "Bà Rịa - Vũng Tàu"


def test_subject_after_vv_runs_over_two_lines():
    d = read_text(SO_NOI_VU).as_dict()
    assert d["doc_type"] == "Công văn"
    assert d["subject"] == "báo cáo kết quả cải cách hành chính Quý III/2022"


def test_inline_recipient_and_tl_signer():
    d = read_text(SO_NOI_VU).as_dict()
    assert d["recipients"] == ["Phòng Nội vụ các huyện, thị xã, thành phố"]
    assert d["signer"]["authority"] == "TL."
    assert d["signer"]["on_behalf_of"] == "Giám đốc"
    assert d["signer"]["position"] == "Chánh Văn phòng"
    assert d["signer"]["name"] == "Nguyễn Thị Bình"
    assert d["cc"] == ["Như trên", "Lưu: VT, CCHC"]


def test_numbered_item_with_unit_and_colon_is_a_task_with_its_deadline():
    d = read_text(SO_NOI_VU).as_dict()
    [task] = d["tasks"]
    assert task["section"] == "1"
    assert task["assignees"] == ["Phòng Nội vụ các huyện, thị xã, thành phố"]
    assert task["text"] == "tổng hợp báo cáo gửi Sở Nội vụ trước ngày 25/9/2022."
    assert task["deadline"] == "2022-09-25"


def test_ke_hoach_table_rows_become_tasks_with_lead_coordinating_and_time():
    d = read_text((DATA / "ke-hoach-bang-nhiem-vu.txt").read_text(encoding="utf-8")).as_dict()
    assert d["doc_type"] == "Kế hoạch"
    assert d["subject"] == "Cải cách hành chính thành phố năm 2023"
    rows = [t for t in d["tasks"] if t["source"] == "table_row"]
    assert [(t["section"], t["lead"], t["deadline"], t["recurrence"]) for t in rows] == [
        ("I.1", ["Phòng Tư pháp"], "2023-09-30", None),
        ("I.2", ["Phòng Nội vụ"], None, "quarterly"),
        ("II.1", ["Văn phòng HĐND và UBND thành phố"], None, "continuous"),
        ("II.2", ["Phòng Văn hóa và Thông tin"], "2023-09-30", None),
    ]
    assert rows[1]["coordinating"] == ["Văn phòng HĐND và UBND thành phố", "UBND các phường, xã"]
    assert rows[0]["text"] == "Rà soát văn bản quy phạm pháp luật do thành phố ban hành"


def test_purpose_section_gives_no_tasks_and_implementation_section_does():
    d = read_text((DATA / "ke-hoach-bang-nhiem-vu.txt").read_text(encoding="utf-8")).as_dict()
    assert not any(
        t["section"] and t["section"].startswith("I.") and t["source"] != "table_row" for t in d["tasks"]
    )
    impl = [t for t in d["tasks"] if t["section"] and t["section"].startswith("III")]
    assert impl[0]["lead"] == ["Phòng Nội vụ"]
    assert impl[0]["coordinating"] == ["Văn phòng HĐND và UBND thành phố"]
    assert impl[0]["recurrence"] == "monthly"
    assert impl[1]["assignees"] == ["Các cơ quan, đơn vị"]
    assert impl[1]["deadline"] == "2023-01-31"


def test_tm_then_kt_signature_keeps_the_whole_chain():
    d = read_text((DATA / "ke-hoach-bang-nhiem-vu.txt").read_text(encoding="utf-8")).as_dict()
    assert d["signer"]["authority"] == "KT."
    assert d["signer"]["authority_chain"] == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
    assert d["signer"]["position"] == "Phó Chủ tịch"


def test_quyet_dinh_articles_name_their_units():
    text = """ỦY BAN NHÂN DÂN
TỈNH BÌNH ĐỊNH
Số: 10/QĐ-UBND
Bình Định, ngày 02 tháng 3 năm 2023
QUYẾT ĐỊNH
VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác.
Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính bố trí kinh phí trong quý II/2023.
"""
    d = read_text(text).as_dict()
    assert d["doc_type"] == "Quyết định"
    assert d["subject"] == "Về việc thành lập tổ công tác"
    [task] = d["tasks"]
    assert task["section"] == "Điều 2"
    assert task["lead"] == ["Sở Nội vụ"]
    assert task["coordinating"] == ["Sở Tài chính"]
    assert task["deadline"] == "2023-06-30"


def test_text_without_a_directive_layout_gives_nulls_and_warnings():
    d = read_text("Một đoạn văn bản bất kỳ không theo thể thức.").as_dict()
    assert d["number"] is None and d["date"] is None and d["tasks"] == []
    assert any("số, ký hiệu" in w for w in d["warnings"])
