"""The XLSX the results page offers, opened back with calamine: the form's merged headers, then one row
per unit and the total, each figure cell equal to the page's engine document."""

from __future__ import annotations

import io

import python_calamine

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier
from cchc.lib.tthc_report_xlsx import FIRST_DATA, TITLE
from cchc.reports import dossier_results
from cchc.reports.tests.helpers import Q2, quarter_set
from cchc.testing.personas import login_verified


def _figures(row):
    return [
        row["in_period"],
        row["received_online"],
        row["received_direct"] + row["received_postal"],
        row["carried_over"],
        row["finished"],
        row["finished_early"],
        row["finished_on_time"],
        row["finished_late"],
        row["open"],
        row["open_within_time"],
        row["open_overdue"],
    ]


def test_downloaded_workbook_equals_the_report_cell_by_cell(world, client):
    quarter_set(world)
    login_verified(client, world.users["office"])
    r = client.get("/bao-cao/ket-qua-tthc/bao-cao.xlsx?date_from=2022-04-01&date_to=2022-06-30&by=unit")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(r.content))
    sheet = book.get_sheet_by_name(book.sheet_names[0])
    rows = sheet.to_python()
    merged = sheet.merged_cell_ranges or []
    assert rows[0][2] == TITLE
    # The office downloads for the city's committee (the province has no committee in this world).
    assert rows[0][10] == "- Đơn vị báo cáo: Ủy ban nhân dân thành phố Vũng Tàu"
    assert rows[4][2] == "Số hồ sơ nhận giải quyết" and rows[4][6] == "Số hồ sơ đã giải quyết"
    assert len(merged) >= 5  # the three header rows are merged as on the form
    doc = dossier_results.document(Dossier.objects.all(), Q2, work_calendar_for(None))
    expected = [_figures(u) for u in doc["units"]] + [_figures(doc["total"])]
    data = rows[FIRST_DATA : FIRST_DATA + len(expected)]
    assert [[int(v) for v in row[2:13]] for row in data] == expected
    assert [row[1] for row in data[:2]] == ["P1 – UBND Phường 1", "P2 – UBND Phường 2"]


def test_a_ward_downloads_the_form_in_its_own_name_for_the_city(world, client):
    quarter_set(world)
    login_verified(client, world.users["ward_officer"])
    r = client.get("/bao-cao/ket-qua-tthc/bao-cao.xlsx?date_from=2022-04-01&date_to=2022-06-30")
    rows = (
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(r.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][10] == "- Đơn vị báo cáo: UBND Phường 1"
    assert rows[1][10] == "- Đơn vị nhận báo cáo: Ủy ban nhân dân thành phố Vũng Tàu"
