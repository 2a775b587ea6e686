"""The titles and bodies of central government open a name of their own in a list: "Chánh Văn phòng Bộ,
Vụ trưởng Vụ Pháp chế, Thủ trưởng các đơn vị …" is three leads, not "Chánh Văn phòng Bộ, Vụ trưởng Vụ
Pháp chế" and another; so are "Thống đốc Ngân hàng Nhà nước", "Thông tấn xã Việt Nam", "Cổng Thông tin
điện tử tỉnh", "Hợp tác xã …"."""

from cchc.lib.docreader.units import units_in


def test_a_department_head_of_a_ministry_is_a_lead_of_its_own():
    assert units_in(
        "Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế, Thủ trưởng các đơn vị chịu trách nhiệm thi hành"
    ) == [
        "Chánh Văn phòng Bộ",
        "Vụ trưởng Vụ Pháp chế",
        "Thủ trưởng các đơn vị",
    ]


def test_central_bodies_split_in_a_list():
    assert units_in("Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam kịp thời đưa tin") == [
        "Đài Tiếng nói Việt Nam",
        "Thông tấn xã Việt Nam",
    ]
    assert units_in("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các ngân hàng thương mại") == [
        "Thống đốc Ngân hàng Nhà nước Việt Nam"
    ]
    assert units_in("Báo Sơn La, Cổng Thông tin điện tử tỉnh tăng cường tuyên truyền") == [
        "Báo Sơn La",
        "Cổng Thông tin điện tử tỉnh",
    ]
