"""A heading that names its units by their role ("3. Cơ quan chủ trì giải quyết thủ tục đầu tư dự án")
is the whole name of the lead of its items: the "chủ trì" in the role does not end it."""

from cchc.lib.docreader.clauses import heading_units


def test_the_role_heading_is_the_whole_name():
    assert heading_units("Cơ quan chủ trì giải quyết thủ tục đầu tư dự án") == [
        "Cơ quan chủ trì giải quyết thủ tục đầu tư dự án"
    ]


def test_a_heading_that_hands_out_work_is_not_a_name():
    assert heading_units("Sở Tài chính chủ trì, phối hợp với các sở") is None
