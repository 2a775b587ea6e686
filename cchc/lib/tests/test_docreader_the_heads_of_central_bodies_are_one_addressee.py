""" "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ" is one addressee — the
heads of the central bodies, named together — and "cơ quan thuộc Chính phủ" keeps its last words, while
"thuộc" still ends a name elsewhere ("các phường, xã thuộc thành phố")."""

from cchc.lib.docreader.units import split_units, units_in


def test_the_heads_of_ministries_and_government_bodies_stay_together():
    assert split_units(
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân "
        "dân các tỉnh, thành phố trực thuộc trung ương"
    ) == [
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ",
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    ]


def test_government_bodies_keep_their_name_in_a_sentence():
    assert units_in(
        "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ nghiên cứu các giải pháp tại Báo cáo số 621/BC-BTC"
    ) == ["Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"]


def test_thuoc_still_ends_a_name_that_a_place_qualifies():
    assert units_in("Chủ tịch UBND các phường, xã thuộc thành phố khẩn trương thực hiện") == [
        "Chủ tịch UBND các phường, xã"
    ]
