"""Unit names that hold a word the reader otherwise takes for a verb stay whole; a name ends at a
verb that starts the work ("tiến hành", "tổng hợp", "đẩy nhanh", "phấn đấu")."""

from cchc.lib.docreader.units import addressee_phrase, split_units, units_in


def test_a_capitalised_cac_before_to_chuc_keeps_the_list_of_addressees():
    phrase = addressee_phrase("Các tổ chức, cá nhân và hộ gia đình khai thác nước dưới đất: a) Thực hiện")
    assert phrase == "Các tổ chức, cá nhân và hộ gia đình khai thác nước dưới đất"


def test_ban_chi_dao_is_part_of_the_name_not_the_verb():
    assert units_in("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia theo dõi sát diễn biến") == [
        "Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia"
    ]


def test_bodies_assigned_by_the_plan_are_one_role_noun():
    assert units_in(
        "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm"
    ) == ["Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này"]


def test_the_name_ends_at_a_verb_of_the_work():
    assert units_in("Bộ Công an tiến hành rà soát văn bản") == ["Bộ Công an"]
    assert units_in("Sở Nông nghiệp và Môi trường tổng hợp chung các mẫu biểu") == [
        "Sở Nông nghiệp và Môi trường"
    ]
    assert units_in("Bộ Xây dựng đẩy nhanh tiến độ phê duyệt Báo cáo") == ["Bộ Xây dựng"]


def test_the_doan_the_after_va_cac_are_a_unit_of_their_own():
    assert split_units("Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các Đoàn thể") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố",
        "các Đoàn thể",
    ]
    assert split_units("Văn phòng HĐND và UBND thành phố") == ["Văn phòng HĐND và UBND thành phố"]
