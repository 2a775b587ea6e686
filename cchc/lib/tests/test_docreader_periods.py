"""Deadline phrases and recurrences ("trước ngày 30/9/2022", "Quý III/2022", "hằng tháng"...)."""

from datetime import date

import pytest

from cchc.lib.docreader import find_deadline, find_recurrence
from cchc.lib.docreader.citations import find_citations, mask

DOC_DATE = date(2022, 8, 15)


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        ("Báo cáo kết quả trước ngày 30/9/2022.", date(2022, 9, 30), "trước ngày 30/9/2022"),
        (
            "hoàn thành chậm nhất ngày 15 tháng 10 năm 2022",
            date(2022, 10, 15),
            "chậm nhất ngày 15 tháng 10 năm 2022",
        ),
        ("Tổ chức hội nghị trong tháng 9/2022.", date(2022, 9, 30), "trong tháng 9/2022"),
        (
            "bổ sung các lớp bồi dưỡng trong 6 tháng cuối năm 2022",
            date(2022, 12, 31),
            "trong 6 tháng cuối năm 2022",
        ),
        ("hoàn thành trong 6 tháng đầu năm 2023", date(2023, 6, 30), "trong 6 tháng đầu năm 2023"),
        ("tổ chức kiểm tra trong Quý III/2022", date(2022, 9, 30), "trong Quý III/2022"),
        ("hoàn thành trong quý 4 năm 2022", date(2022, 12, 31), "trong quý 4 năm 2022"),
        ("gửi Phòng Nội vụ trước ngày 20/12", date(2022, 12, 20), "trước ngày 20/12"),
        ("hoàn thành trong năm 2023", date(2023, 12, 31), "trong năm 2023"),
        ("trình UBND thành phố trước tháng 10/2022", date(2022, 9, 30), "trước tháng 10/2022"),
    ],
)
def test_deadline_phrase_gives_the_end_of_its_period(text, expected, phrase):
    found = find_deadline(text, DOC_DATE)
    assert found is not None
    assert found.date == expected
    assert found.text == phrase


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ kết quả chỉ số PAR INDEX năm 2021 của tỉnh",
        "nâng cao chất lượng phục vụ trong thời gian tới",
        "Quý III/2022 là thời điểm tổng kết",  # a period without "trong"/"trước" in running text
    ],
)
def test_period_without_a_time_limit_word_is_not_a_deadline(text):
    assert find_deadline(text, DOC_DATE) is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Quý III/2022", date(2022, 9, 30)),
        ("Tháng 3/2023", date(2023, 3, 31)),
        ("30/6/2023", date(2023, 6, 30)),
        ("Năm 2023", date(2023, 12, 31)),
        ("Từ tháng 3 đến tháng 6/2023", date(2023, 6, 30)),
    ],
)
def test_time_column_of_a_task_table_needs_no_cue(cell, expected):
    found = find_deadline(cell, DOC_DATE, cell=True)
    assert found is not None and found.date == expected


def test_title_of_a_cited_document_is_not_a_deadline_of_the_task():
    text = (
        "Tiếp tục thực hiện Công văn số 7054/UBND-VP ngày 11/8/2022 về việc thực hiện nhiệm vụ trọng tâm "
        "về cải cách hành chính trong 6 tháng cuối năm 2022. Thực hiện đầy đủ các nhiệm vụ."
    )
    assert find_deadline(text, DOC_DATE) is not None  # the phrase alone would read as one
    assert find_deadline(mask(text, find_citations(text)), DOC_DATE) is None


@pytest.mark.parametrize(
    ("text", "code", "phrase"),
    [
        ("Báo cáo kết quả về Phòng Nội vụ hằng tháng.", "monthly", "hằng tháng"),
        ("định kỳ hằng quý báo cáo UBND thành phố", "quarterly", "định kỳ hằng quý"),
        ("Tổng hợp số liệu hàng tuần", "weekly", "hàng tuần"),
        ("Báo cáo định kỳ 6 tháng", "half_yearly", "định kỳ 6 tháng"),
        ("Thường xuyên kiểm tra, tự kiểm tra việc thực hiện nhiệm vụ.", "continuous", "Thường xuyên"),
        ("Tổ chức cập nhật văn bản. Thường xuyên rà soát giao diện.", "continuous", "Thường xuyên"),
    ],
)
def test_recurrence_is_recognised(text, code, phrase):
    found = find_recurrence(text)
    assert found is not None
    assert (found.code, found.text) == (code, phrase)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện đầy đủ các nhiệm vụ trong Kế hoạch cải cách hành chính (CCHC) hàng năm",
        "để người dân dễ dàng tiếp cận thông tin và sử dụng thường xuyên hơn",
        "đề xuất cấp ủy cùng cấp thường xuyên lãnh đạo, chỉ đạo",
    ],
)
def test_words_that_only_describe_something_else_are_not_a_recurrence(text):
    assert find_recurrence(text) is None


def test_recurrence_in_a_time_cell_counts_anywhere():
    found = find_recurrence("Thường xuyên", cell=True)
    assert found is not None and found.code == "continuous"
