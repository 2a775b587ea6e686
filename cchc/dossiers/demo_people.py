"""Fictitious people and places of the demo year: family, middle and given names with rough frequencies,
Vũng Tàu street names, company names, phone prefixes and the other agencies' staff. Nobody here is real."""

from __future__ import annotations


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(text.split(sep))


# Fictitious people: common family names with rough frequencies, middle and given names by sex.
FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lâm Mai Tạ Châu"
)
FAMILY_WEIGHT = tuple(
    float(w) for w in _words("31 11 9.5 7 5 4.5 4.5 3.9 3.8 2.1 2 1.4 1.3 1.3 1 0.8 0.7 0.7 0.6 0.5 0.4 0.3")
)
MIDDLE_M = _words("Văn Minh Quốc Hữu Đức Thanh Công Hoàng Ngọc Anh")
MIDDLE_F = _words("Thị Ngọc Thu Thanh Kim Mỹ Bích Hồng Thùy Phương")
GIVEN_M = _words(
    "An Bảo Bình Cường Dũng Đạt Hải Hiếu Hùng Huy Khang Khoa Kiên Long Lộc Minh Nam Nghĩa Phát Phong Phúc"
    " Quân Sơn Tài Thắng Thành Toàn Trung Tuấn Vinh"
)
GIVEN_F = _words(
    "Anh Chi Diễm Dung Giang Hà Hạnh Hằng Hoa Hương Lan Linh Loan Mai My Nga Ngân Nhung Oanh Phượng Quyên"
    " Tâm Thảo Trang Trinh Tuyết Uyên Vân Vy Yến"
)
STREETS = _words(
    "Trần Hưng Đạo|Lê Lợi|Hoàng Hoa Thám|Thùy Vân|Ba Cu|Nam Kỳ Khởi Nghĩa|Lê Hồng Phong|Nguyễn An Ninh"
    "|Bình Giã|30 Tháng 4|Võ Thị Sáu|Trương Công Định|Lý Thường Kiệt|Hạ Long|Phan Chu Trinh"
    "|Nguyễn Hữu Cảnh|Đô Lương|Lưu Chí Hiếu|Phước Thắng|Nguyễn Thái Học|Xô Viết Nghệ Tĩnh",
    "|",
)
COMPANY = ("Biển Xanh", "Sao Mai", "Hải Đăng", "Bến Đình", "Phước Thắng", "Long Sơn", "Bãi Dâu")
PHONE_PREFIX = ("090", "091", "093", "094", "096", "097", "098", "099")
EXTERNAL_PEOPLE = ("Nguyễn Thành Trung", "Lê Thị Kim Oanh", "Trần Quốc Bảo", "Phạm Thị Thu Hà")
