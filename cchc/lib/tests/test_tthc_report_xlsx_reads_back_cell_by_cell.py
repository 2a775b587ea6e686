"""The XLSX of the dossier-results report, opened back with python-calamine: the form's heading, its three
merged header rows and numbered columns, then one row per unit and the total, every cell equal to the
JSON figures (column (5) is in person + postal, as the form has it)."""

from __future__ import annotations

import io

import python_calamine

from cchc.lib.tests.period_helpers import JUNE, count, national
from cchc.lib.tests.test_tthc_report_counts_each_column_by_hand import FILE
from cchc.lib.tthc_report import document
from cchc.lib.tthc_report_xlsx import FIRST_DATA, TITLE, FormSettings, workbook


def _sheet(data: bytes) -> tuple[list[list], list]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    return sheet.to_python(), sheet.merged_cell_ranges or []


def test_heading_and_merged_headers_follow_the_form(tmp_path):
    doc = document(count(tmp_path, FILE), JUNE)
    rows, merged = _sheet(workbook(doc, FormSettings("Biểu số 06a", "UBND Phường 1", "UBND thành phố")))
    assert rows[0][0] == "Biểu số 06a"
    assert rows[0][2] == TITLE
    assert rows[0][10] == "- Đơn vị báo cáo: UBND Phường 1"
    assert rows[1][2] == "(Từ ngày 01/06/2022 đến ngày 30/06/2022)"
    assert rows[1][10] == "- Đơn vị nhận báo cáo: UBND thành phố"
    assert rows[4] == [
        "STT",
        "Đơn vị",
        "Số hồ sơ nhận giải quyết",
        "",
        "",
        "",
        "Số hồ sơ đã giải quyết",
        "",
        "",
        "",
        "Số hồ sơ đang giải quyết",
        "",
        "",
    ]
    assert rows[5] == [
        "",
        "",
        "Tổng số",
        "Trong đó",
        "",
        "Từ kỳ trước",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Tổng số",
        "Trong hạn",
        "Quá hạn",
    ]
    assert rows[6][3:5] == ["Trực tuyến", "Trực tiếp, dịch vụ bưu chính"]
    assert rows[7] == [f"({n})" for n in range(1, 14)]
    for block in [
        ((4, 0), (6, 0)),  # STT over three rows
        ((4, 1), (6, 1)),
        ((4, 2), (4, 5)),  # received: 4 columns
        ((5, 3), (5, 4)),  # "of which" over online and in person/postal
        ((5, 5), (6, 5)),
        ((4, 6), (4, 9)),  # finished: 4 columns
        ((4, 10), (4, 12)),  # open: 3 columns
    ]:
        assert block in merged


def test_every_figure_cell_equals_the_json(tmp_path):
    doc = document(count(tmp_path, FILE), JUNE)
    rows, _ = _sheet(workbook(doc))
    expected = []
    for n, r in enumerate(doc["units"], start=1):
        label = r["unit"] if r["unit"] is not None else "(hồ sơ không ghi đơn vị)"
        expected.append([n, label, *_figures(r)])
    expected.append(["", "Tổng cộng", *_figures(doc["total"])])
    got = rows[FIRST_DATA : FIRST_DATA + len(expected)]
    assert got == expected
    assert got[-1][2:] == [14, 1, 10, 3, 7, 3, 3, 1, 7, 5, 2]


def test_rows_by_field_show_the_code_and_the_name(tmp_path):
    objs = [
        national("F1", "2022-06-01 08:00", appointment="2022-06-03", MaLinhVuc="HT", TenLinhVuc="Hộ tịch")
    ]
    doc = document(count(tmp_path, objs, by="field"), JUNE, by="field")
    rows, _ = _sheet(workbook(doc))
    assert rows[4][1] == "Lĩnh vực, công việc giải quyết theo cấp"
    assert rows[FIRST_DATA][:3] == [1, "HT – Hộ tịch", 1]


def _figures(r: dict) -> list[int]:
    return [
        r["in_period"],
        r["received_online"],
        r["received_direct"] + r["received_postal"],
        r["carried_over"],
        r["finished"],
        r["finished_early"],
        r["finished_on_time"],
        r["finished_late"],
        r["open"],
        r["open_within_time"],
        r["open_overdue"],
    ]
