"""A unit written with its role or examples ("Sở Nội vụ (Cơ quan thường trực ...)", "Sở Tài chính -
Cơ quan thường trực Ban Chỉ đạo") is the unit itself: a person matches the name, not the role."""

from cchc.lib.docreader.units import split_units


def test_a_role_in_parentheses_is_dropped():
    assert split_units("Sở Nội vụ (Cơ quan thường trực Ban Vì sự tiến bộ phụ nữ)") == ["Sở Nội vụ"]


def test_examples_in_parentheses_are_dropped_and_the_list_stays_one_unit():
    assert split_units("các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone)") == [
        "các doanh nghiệp viễn thông"
    ]


def test_a_standing_body_role_after_a_dash_is_dropped():
    assert split_units("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo") == ["Sở Tài chính"]


def test_a_dash_inside_a_name_stays():
    assert split_units("Báo và Phát thanh - Truyền hình Đắk Lắk") == [
        "Báo và Phát thanh - Truyền hình Đắk Lắk"
    ]
