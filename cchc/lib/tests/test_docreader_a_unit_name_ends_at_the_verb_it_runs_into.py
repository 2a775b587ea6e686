"""A unit's name ends where the verb of its sentence starts, also for the verbs of regulations and
conclusions: "Ủy ban nhân dân cấp xã quyết định tiêu chuẩn …", "các cơ quan, tổ chức, đơn vị phản ánh
về …", "Chủ tịch Ủy ban nhân dân thành phố đề nghị …", "Đài Tiếng nói Việt Nam kịp thời thông tin …",
"…, nhất là ACV" — the lead is the name, not the name and the work."""

import pytest

from cchc.lib.docreader.units import units_in


@pytest.mark.parametrize(
    ("sentence", "units"),
    [
        (
            "Ủy ban nhân dân cấp xã quyết định tiêu chuẩn, định mức diện tích công trình.",
            ["Ủy ban nhân dân cấp xã"],
        ),
        (
            "Sở Y tế, Sở Giáo dục và Đào tạo quyết định tiêu chuẩn, định mức.",
            ["Sở Y tế", "Sở Giáo dục và Đào tạo"],
        ),
        ("Các cơ quan, tổ chức, đơn vị phản ánh về Ủy ban nhân dân tỉnh.", ["Các cơ quan, tổ chức, đơn vị"]),
        (
            "Chủ tịch Ủy ban nhân dân thành phố đề nghị Trung ương chi viện.",
            ["Chủ tịch Ủy ban nhân dân thành phố"],
        ),
        ("Đài Tiếng nói Việt Nam kịp thời thông tin về tình hình mưa lũ.", ["Đài Tiếng nói Việt Nam"]),
        (
            "Chủ tịch Ủy ban nhân dân tỉnh trực tiếp chỉ đạo công tác chữa cháy.",
            ["Chủ tịch Ủy ban nhân dân tỉnh"],
        ),
        (
            "Chánh Văn phòng Ủy ban nhân dân tỉnh công bố thủ tục hành chính trên Cổng dịch vụ công.",
            ["Chánh Văn phòng Ủy ban nhân dân tỉnh"],
        ),
        (
            "Ban Thường vụ Tỉnh ủy, Thành ủy lãnh đạo, chỉ đạo triển khai.",
            ["Ban Thường vụ Tỉnh ủy", "Thành ủy"],
        ),
        ("Ban lãnh đạo Sở chỉ đạo triển khai.", ["Ban lãnh đạo Sở"]),
    ],
)
def test_the_name_stops_before_the_verb(sentence, units):
    assert units_in(sentence) == units
