"""The founding letter, Công văn 7190/UBND-NV: every field must come out exact."""

import json
from pathlib import Path

import pytest

from cchc.lib.docreader import read_file

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "docs" / "reader-corpus" / "01-7190-UBND-NV-2022.txt"
EXPECTED = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed() -> dict:
    return read_file(SEED).as_dict()


def test_the_corpus_copy_is_the_letter_shipped_in_examples_unchanged():
    assert SEED.read_bytes() == (ROOT / "examples" / "7190-UBND-NV-2022.txt").read_bytes()


def test_seed_header_fields(seed):
    assert seed["number"] == "7190"
    assert seed["symbol"] == "UBND-NV"
    assert seed["date"] == "2022-08-15"
    assert seed["place"] == "Vũng Tàu"
    assert seed["doc_type"] == "Công văn"
    assert seed["issuer"] == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert seed["parent_issuer"] is None
    assert seed["subject"] == (
        "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS của tỉnh năm 2022"
    )
    assert seed["recipients"] == [
        "Ủy ban MTTQVN thành phố và các Đoàn thể chính trị - xã hội thành phố",
        "Thủ trưởng các cơ quan chuyên môn",
        "Chủ tịch UBND các phường, xã",
    ]


def test_seed_signer_signs_for_the_chairman_as_vice_chairman(seed):
    assert seed["signer"]["authority"] == "KT."
    assert seed["signer"]["on_behalf_of"] == "Chủ tịch"
    assert seed["signer"]["position"] == "Phó Chủ tịch"
    assert seed["signer"]["name"] == "Vũ Hồng Thuận"


def test_seed_cc_entries_are_the_noi_nhan_bullets(seed):
    assert seed["cc"] == [
        "Như trên",
        "Sở Nội vụ (b/c)",
        "Thường trực Thành ủy (để b/c)",
        "Chủ tịch; các PCT UBND TPVT",
        "Trang TTĐT thành phố",
        "Lưu: VT, NV",
    ]


def test_seed_cited_documents_are_structured(seed):
    cited = [(c["type"], c["number"], c["symbol"], c["date"]) for c in seed["cited_documents"]]
    assert cited == [
        ("Công văn", "9228", "UBND-SNV", "2022-08-02"),
        ("Báo cáo", "229", "BC-SNV", "2022-07-11"),
        ("Công văn", "4861", "UBND-NV", "2022-06-02"),
        ("Công văn", "7054", "UBND-VP", "2022-08-11"),
        ("Nghị định", "59", "2019/NĐ-CP", "2019-07-01"),
        ("Công văn", "5954", "UBND-VP", "2022-07-05"),
        ("Công văn", "4278", "UBND-NV", "2022-05-20"),
        ("Nghị quyết", "04", "NQ-CP", "2022-01-10"),
    ]
    first = seed["cited_documents"][0]
    assert first["relation"] == "implements"
    assert first["issuer"] == "UBND tỉnh Bà Rịa - Vũng Tàu"


def test_seed_has_26_tasks_grouped_by_section(seed):
    by_section: dict[str, int] = {}
    for t in seed["tasks"]:
        by_section[t["section"]] = by_section.get(t["section"], 0) + 1
    assert by_section == {"1": 13, "2": 3, "3": 3, "4": 5, "5": 2}
    assignees = {t["section"]: t["assignees"] for t in seed["tasks"]}
    assert assignees["1"] == ["Thủ trưởng các cơ quan chuyên môn", "Chủ tịch UBND các phường, xã"]
    assert assignees["2"] == ["Văn phòng HĐND và UBND thành phố"]
    assert assignees["3"] == ["Phòng Tài chính – Kế hoạch"]
    assert assignees["4"] == ["Phòng Nội vụ"]
    assert assignees["5"] == ["Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", "các đoàn thể chính trị - xã hội"]


def test_seed_bullets_broken_by_a_page_break_are_joined_not_split(seed):
    texts = [t["text"] for t in seed["tasks"]]
    assert any("triển khai thực hiện các nhệm vụ về công tác CCHC theo kế hoạch" in t for t in texts)
    assert any("trả kết quả thành phố và Bộ phận tiếp nhận trả kết quả phường, xã." in t for t in texts)
    assert not any(t.startswith(("nhệm vụ", "Bộ phận tiếp nhận trả kết quả phường")) for t in texts)


def test_seed_lead_coordinating_deadline_and_recurrence(seed):
    office_cmd = seed["tasks"][15]
    assert office_cmd["text"].startswith("Chủ trì, phối hợp với Phòng Văn hoá và Thông tin")
    assert office_cmd["lead"] == ["Văn phòng HĐND và UBND thành phố"]
    assert office_cmd["coordinating"] == ["Phòng Văn hoá và Thông tin"]
    training = seed["tasks"][22]
    assert training["deadline"] == "2022-12-31"
    assert training["deadline_text"] == "trong 6 tháng cuối năm 2022"
    # "6 tháng cuối năm 2022" in the title of Công văn 7054 is not a deadline of the task citing it.
    assert seed["tasks"][1]["deadline"] is None
    assert seed["tasks"][19]["recurrence"] == "continuous"
    assert [t["recurrence"] for t in seed["tasks"]].count("continuous") == 5


def test_seed_matches_its_hand_written_expectation_in_every_field(seed):
    for key in ("issuer", "parent_issuer", "number", "symbol", "date", "place", "doc_type", "subject"):
        assert seed[key] == EXPECTED[key], key
    assert seed["recipients"] == EXPECTED["recipients"]
    assert {k: seed["signer"][k] for k in EXPECTED["signer"]} == EXPECTED["signer"]
    assert seed["cc"] == EXPECTED["cc"]
    assert [
        {k: c[k] for k in ("type", "number", "symbol", "date")} for c in seed["cited_documents"]
    ] == EXPECTED["cited_documents"]
    got_tasks = [{k: t[k] for k in EXPECTED["tasks"][0]} for t in seed["tasks"]]
    assert got_tasks == EXPECTED["tasks"]
    assert seed["warnings"] == []
