"""A heading that names two bodies joined by a slash ("Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội
Biên phòng tỉnh") gives its items to both, each a unit of its own; a slash inside a name stays."""

from cchc.lib.docreader.units import split_units


def test_two_bodies_joined_by_a_slash_are_two_units():
    assert split_units("Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh") == [
        "Bộ Chỉ huy Quân sự tỉnh",
        "Ban Chỉ huy Bộ đội Biên phòng tỉnh",
    ]


def test_a_slash_between_words_that_open_no_unit_name_stays_inside_the_name():
    name = "Phòng Kinh tế/Kinh tế, Hạ tầng và Đô thị"
    assert split_units(name) == [name]
