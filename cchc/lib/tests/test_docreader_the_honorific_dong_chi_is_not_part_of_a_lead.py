"""The honorific before a title is not part of the lead: "Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp
chỉ đạo …" is led by "Bộ trưởng Bộ Xây dựng", "Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ …"
by the ministers."""

from cchc.lib.docreader.units import units_in


def test_dong_chi_before_a_title_is_dropped():
    assert units_in("Giao đồng chí Bộ trưởng Bộ Xây dựng trực tiếp chỉ đạo kiểm tra") == [
        "Bộ trưởng Bộ Xây dựng"
    ]
    assert units_in("Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ khẩn trương rà soát") == [
        "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ"
    ]


def test_a_group_of_comrades_without_a_title_stays_a_group():
    assert units_in("Các đồng chí thành viên Ban Chỉ đạo chủ động nắm tình hình") == [
        "Các đồng chí thành viên Ban Chỉ đạo"
    ]
