"""Every table of the directive screens has an XLSX copy (``?xuat=xlsx``) that opens, carries a title,
the day of the figures and the header of the table on screen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.directives.exports import XLSX
from cchc.directives.tests.conftest import URLS, xlsx_rows
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

TABLES = {
    "directive_list": ("Sổ văn bản chỉ đạo", "Số, ký hiệu"),
    "task_list": ("Danh sách nhiệm vụ", "Nội dung nhiệm vụ"),
    "board": ("Bảng theo dõi nhiệm vụ theo đơn vị", "Đơn vị"),
    "inbox": ("Nhiệm vụ của Văn phòng HĐND và UBND thành phố", "Vai trò"),
    "overdue": ("Danh sách nhiệm vụ quá hạn", "Đơn vị chủ trì"),
    "progress": ("Tiến độ thực hiện theo văn bản", "Văn bản"),
    "check": ("Kiểm tra việc thực hiện nhiệm vụ được giao", "Đơn vị"),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_table_exports_and_opens(client, world, history, on_10_october, name):
    login_verified(client, world.users["office"])
    response = client.get(reverse(f"directives:{name}") + "?xuat=xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = xlsx_rows(response.content)
    title, first_header = TABLES[name]
    assert rows[0][0] == title
    header_row = next(r for r in rows[1:3] if first_header in r)
    assert header_row
    assert len(rows) > rows.index(header_row) + 1, "the export has data rows"


def test_task_export_has_both_deadlines_as_dates(client, world, history, on_10_october):
    import datetime as dt

    login_verified(client, world.users["office"])
    rows = xlsx_rows(client.get(reverse("directives:task_list") + "?xuat=xlsx").content)
    header = rows[2]
    extended = next(r for r in rows[3:] if r[2] == history["extended"].text)
    cell = dict(zip(header, extended, strict=True))
    assert cell["Hạn ban đầu"] == dt.date(2022, 9, 15) and cell["Hạn hiện tại"] == dt.date(2022, 9, 30)
    assert cell["Tình trạng"] == "Hoàn thành đúng hạn"
    assert cell["Tình trạng theo hạn ban đầu"] == "Hoàn thành quá hạn"
