"""A heading joined to its paragraph names its unit once; "sự nghiệp công lập" is part of a name, not
the verb "lập"; "người đứng đầu …" after "Giao" opens a list of addressees; a body "được phân công
chủ trì" is not the lead of a "chủ trì" clause."""

from cchc.lib.docreader.units import explicit_lead, split_units, units_in


def test_a_name_written_twice_is_one_name():
    assert split_units("Sở Dân tộc và Tôn giáo Sở Dân tộc và Tôn giáo") == ["Sở Dân tộc và Tôn giáo"]


def test_public_service_units_keep_cong_lap():
    assert units_in(
        "Giao người đứng đầu các cơ quan chuyên môn, các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân "
        "dân Thành phố; Chủ tịch Ủy ban nhân dân các xã, phường"
    ) == [
        "người đứng đầu các cơ quan chuyên môn",
        "các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân Thành phố",
        "Chủ tịch Ủy ban nhân dân các xã, phường",
    ]


def test_a_role_noun_with_chu_tri_is_no_explicit_lead():
    assert (
        explicit_lead(
            "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm"
        )
        == []
    )
    assert explicit_lead("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp") == ["Sở Nội vụ"]
