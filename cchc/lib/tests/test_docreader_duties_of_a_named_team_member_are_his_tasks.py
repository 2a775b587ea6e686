"""An inspection plan shares the work out among the team's members by name: "4.1. Ông. Hoàng Văn Thuân -
Trưởng đoàn: Phụ trách chung; …" is a task of that member, named with his role. A list of the members
without duties ("1. Ông: Hoàng Văn Thuân - Phó Giám đốc Sở, Trưởng đoàn;") gives none."""

from cchc.lib.docreader.clauses import unit_prefix


def test_a_member_named_with_his_role_and_a_colon_leads_the_duties_after_it():
    got = unit_prefix(
        "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chỉ đạo toàn diện hoạt động của Đoàn."
    )
    assert got == (
        ["Ông Hoàng Văn Thuân - Trưởng đoàn"],
        "Phụ trách chung; chỉ đạo toàn diện hoạt động của Đoàn.",
    )


def test_a_member_listed_with_his_post_and_no_duties_is_no_task():
    assert unit_prefix("Ông: Hoàng Văn Thuân - Phó Giám đốc Sở, Trưởng đoàn;") is None
