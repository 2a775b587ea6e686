"""Reading the working-day table: all rows or none, one Vietnamese message per bad row."""

import io
from datetime import date

import pytest

from cchc.lib.tests.test_workcal_answer_key import BUNDLED_CSV
from cchc.lib.workdays_csv import WorkdayFileError, calendar_from_csv, parse_workdays_csv

RESEARCH_FORMAT = """date,kind,name,source
2024-04-29,day-off-in-lieu,Swap day off,H5
2024-05-04,make-up-working-day,Làm bù,H5
"""


def test_the_bundled_table_parses_with_names_references_and_provisional_2027_rows():
    rows = parse_workdays_csv(BUNDLED_CSV)
    assert len(rows) == 90
    assert all(r.legal_reference for r in rows)
    assert {r.date.year for r in rows if r.is_provisional} == {2027}
    swap = next(r for r in rows if r.date == date(2024, 5, 4))
    assert "2450/VPCP-KGVX" in swap.legal_reference


def test_the_research_format_without_extra_columns_is_accepted():
    rows = parse_workdays_csv(io.StringIO(RESEARCH_FORMAT))
    assert [(r.date, r.kind, r.legal_reference) for r in rows] == [
        (date(2024, 4, 29), "day-off-in-lieu", ""),
        (date(2024, 5, 4), "make-up-working-day", ""),
    ]
    cal = calendar_from_csv(io.StringIO(RESEARCH_FORMAT))
    assert cal.is_working_day(date(2024, 5, 4)) and not cal.is_working_day(date(2024, 4, 29))


def test_every_bad_row_is_reported_with_its_line_number():
    text = (
        "date,kind,name\n"
        "2026-01-01,holiday,Tết Dương lịch\n"
        "2026-02-30,holiday,Sai ngày\n"
        "2026-03-01,nghi,Sai loại\n"
        "2026-01-01,holiday,Lặp\n"
    )
    with pytest.raises(WorkdayFileError) as err:
        parse_workdays_csv(io.StringIO(text))
    errors = err.value.errors
    assert len(errors) == 3
    assert errors[0].startswith("Dòng 3:") and "2026-02-30" in errors[0]
    assert errors[1].startswith("Dòng 4") and "nghi" in errors[1]
    assert errors[2].startswith("Dòng 5:") and "dòng 2" in errors[2]


def test_missing_columns_empty_files_and_missing_files_are_explained():
    with pytest.raises(WorkdayFileError, match="Thiếu cột bắt buộc: kind"):
        parse_workdays_csv(io.StringIO("date,name\n2026-01-01,x\n"))
    with pytest.raises(WorkdayFileError, match="không có dòng dữ liệu"):
        parse_workdays_csv(io.StringIO("date,kind\n"))
    with pytest.raises(WorkdayFileError, match="Không tìm thấy tệp"):
        parse_workdays_csv("/khong/co/tep.csv")


def test_vietnamese_dates_and_a_byte_order_mark_are_accepted():
    rows = parse_workdays_csv(io.StringIO("\ufeffdate,kind\n02/09/2026,holiday\n"))
    assert rows[0].date == date(2026, 9, 2)
