"""Addressee names: splitting lists, lead vs coordinating, and matching against the known units."""

import pytest

from cchc.lib.docreader import KnownUnit, UnitListError, match_unit, parse_unit_csv, split_units
from cchc.lib.docreader.units import addressee_phrase, coordinating_units, explicit_lead, lead_in_units

UNITS = [
    KnownUnit("vp", "Văn phòng HĐND và UBND thành phố", ["Văn phòng HĐND và UBND"], "VP"),
    KnownUnit("nv", "Phòng Nội vụ", [], "NV"),
    KnownUnit("vhtt", "Phòng Văn hóa và Thông tin", [], "VHTT"),
    KnownUnit("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", ["Ủy ban MTTQ thành phố"], None),
]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "Sở Nội vụ, Sở Tài chính và Văn phòng UBND tỉnh",
            ["Sở Nội vụ", "Sở Tài chính", "Văn phòng UBND tỉnh"],
        ),
        ("Chủ tịch UBND các phường, xã", ["Chủ tịch UBND các phường, xã"]),
        ("Thủ trưởng các sở, ban, ngành", ["Thủ trưởng các sở, ban, ngành"]),
        ("Văn phòng HĐND và UBND thành phố", ["Văn phòng HĐND và UBND thành phố"]),
        ("Phòng Văn hoá và Thông tin", ["Phòng Văn hoá và Thông tin"]),
        (
            "Ủy ban MTTQ thành phố và các đoàn thể chính trị - xã hội",
            ["Ủy ban MTTQ thành phố", "các đoàn thể chính trị - xã hội"],
        ),
    ],
)
def test_split_units_keeps_names_whole(phrase, expected):
    assert split_units(phrase) == expected


def test_addressee_phrase_stops_at_the_verb_and_drops_the_qualifier():
    heading = (
        "Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã thuộc thành phố khẩn trương "
        "thực hiện một số nhiệm vụ sau:"
    )
    assert addressee_phrase(heading) == "Thủ trưởng các cơ quan chuyên môn và Chủ tịch UBND các phường, xã"
    assert addressee_phrase("Đề nghị Ủy ban MTTQ thành phố:") == "Ủy ban MTTQ thành phố"
    assert addressee_phrase("Cải cách thể chế") is None
    assert addressee_phrase("Ban hành kèm theo Quyết định này Quy định") is None


def test_lead_before_chu_tri_and_coordinating_after_phoi_hop():
    text = "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Văn phòng UBND tỉnh tham mưu UBND tỉnh ban hành."
    assert explicit_lead(text) == ["Sở Nội vụ"]
    assert coordinating_units(text) == ["Sở Tài chính", "Văn phòng UBND tỉnh"]
    assert explicit_lead("Chủ trì, phối hợp với Phòng Văn hoá và Thông tin tham mưu") == []
    assert coordinating_units("Chủ trì, phối hợp với Phòng Văn hoá và Thông tin tham mưu") == [
        "Phòng Văn hoá và Thông tin"
    ]
    assert coordinating_units("phối hợp thực hiện kế hoạch") == []


def test_lead_in_paragraph_names_the_addressees_of_the_items_after_it():
    paragraph = (
        "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Thủ trưởng các ban ngành; các cơ quan Trung ương đóng "
        "trên địa bàn tỉnh và Chủ tịch UBND các cấp tập trung triển khai thực hiện các nội dung sau:"
    )
    assert lead_in_units(paragraph) == [
        "Giám đốc các sở",
        "Thủ trưởng các ban ngành",
        "các cơ quan Trung ương đóng trên địa bàn tỉnh",
        "Chủ tịch UBND các cấp",
    ]
    assert lead_in_units("Chủ tịch UBND thành phố Vũng Tàu yêu cầu:") == []


def test_exact_name_matches_its_unit():
    m = match_unit("Phòng Nội vụ", UNITS)
    assert (m.unit, m.matched_text) == ("nv", "Phòng Nội vụ")


def test_old_and_new_tone_placement_match_the_same_unit():
    m = match_unit("Phòng Văn hoá và Thông tin", UNITS)
    assert m.unit == "vhtt"


def test_short_name_and_abbreviation_expansions_match():
    assert match_unit("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố", UNITS).unit == "mttq"
    assert match_unit("Ủy ban MTTQ thành phố", UNITS).unit == "mttq"
    assert match_unit("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố", UNITS).unit == "vp"


def test_longer_name_containing_a_known_unit_reports_the_matched_words():
    m = match_unit("Phòng Nội vụ thành phố Vũng Tàu", UNITS)
    assert m.unit == "nv"
    assert m.matched_text == "Phòng Nội vụ"


def test_abbreviation_matches_only_as_a_whole_word_in_capitals():
    assert match_unit("Lưu: VT, NV", UNITS).unit == "nv"
    assert match_unit("Phòng Nông nghiệp", UNITS).unit is None


def test_unmatched_names_are_returned_as_unmatched_never_guessed():
    for name in ("Thủ trưởng các cơ quan chuyên môn", "Phòng Nội chính", "Phòng Tài chính – Kế hoạch"):
        m = match_unit(name, UNITS)
        assert m.unit is None
        assert m.as_dict()["status"] == "unmatched"
        assert m.as_dict()["text"] == name


def test_unit_csv_is_read_with_short_names_and_abbreviation():
    units = parse_unit_csv("code,name,short_names,abbreviation\nnv,Phòng Nội vụ,Nội vụ;PNV,NV\n")
    assert units == [KnownUnit("nv", "Phòng Nội vụ", ["Nội vụ", "PNV"], "NV")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ma,ten\nnv,Phòng Nội vụ\n", "cột code và name"),
        ("code,name\nnv,\n", "Dòng 2"),
        ("code,name\nnv,Phòng Nội vụ\nnv,Phòng khác\n", "bị trùng"),
        ("code,name\n", "không có dòng nào"),
    ],
)
def test_bad_unit_csv_names_the_problem_in_vietnamese(content, message):
    with pytest.raises(UnitListError, match=message):
        parse_unit_csv(content)
