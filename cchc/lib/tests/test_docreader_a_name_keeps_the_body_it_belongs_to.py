"""A unit named with the body it belongs to keeps it: "Thủ trưởng các đơn vị thuộc Bộ", "Đơn vị sự
nghiệp công lập thuộc Ủy ban nhân dân tỉnh" — "thuộc" before a body is part of the name. Before a place
("các phường, xã thuộc thành phố") it still ends the name."""

from cchc.lib.docreader.units import units_in


def test_thuoc_a_body_stays_in_the_name():
    assert units_in("Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm thi hành Quyết định này.") == [
        "Thủ trưởng các đơn vị thuộc Bộ"
    ]
    assert units_in(
        "Đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân tỉnh quyết định tiêu chuẩn, định mức."
    ) == ["Đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân tỉnh"]


def test_thuoc_a_place_still_ends_it():
    assert units_in("Các phường, xã thuộc thành phố khẩn trương rà soát.") == ["Các phường, xã"]
