""" "Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương …" gives each province as an addressee of its own;
a group listed after a colon ("Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa") stays one."""

from cchc.lib.docreader.units import split_units


def test_each_province_after_cac_tinh_is_one_addressee():
    assert split_units("Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng") == [
        "tỉnh Nghệ An",
        "tỉnh Quảng Ngãi",
        "tỉnh Cao Bằng",
    ]
    assert split_units("Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai") == [
        "Thành phố Hà Nội",
        "tỉnh Bắc Ninh",
        "tỉnh Gia Lai",
    ]


def test_a_group_listed_after_a_colon_stays_one_addressee():
    assert split_units("Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa") == [
        "Chủ tịch Ủy ban nhân dân các tỉnh: Đắk Lắk, Khánh Hòa"
    ]
