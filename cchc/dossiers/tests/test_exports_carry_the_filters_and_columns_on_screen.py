"""Every dossier list and ranking downloads as XLSX with the filters on screen and the columns on screen:
the late list filtered to a unit and a period gives exactly the dossiers the page counts, the dossier list
masks applicants for those who see them masked, and the rankings' figures are the page's."""

import io
import re

import lxml.html
import pytest
from python_calamine import CalamineWorkbook

from cchc.dossiers.facts import rebuild
from cchc.dossiers.models import Dossier, Outcome
from cchc.dossiers.tests.factories import APPLICANTS, LOCAL, StepSpec, at, dossier, late_dossier
from cchc.testing.personas import login_verified

JUNE = {"finished_from": "2022-06-01", "finished_to": "2022-06-30"}


@pytest.fixture
def june(world, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    settings.CCHC_LEAGUE_CACHE_SECONDS = 0
    dossier(
        world,
        "OK-0",
        end=at(2022, 6, 3),
        outcome=Outcome.ON_TIME,
        steps=[StepSpec("p1", "ward_officer", at(2022, 6, 1), at(2022, 6, 2), at(2022, 6, 3))],
    )
    late_dossier(world, "LATE-1")
    late_dossier(world, "LATE-2", causes=[])
    late_dossier(world, "LATE-P2", handling="p2", receiving="p2", causes=[])
    for d in Dossier.objects.exclude(end_at=None):
        Dossier.objects.filter(pk=d.pk).update(finished_on=d.end_at.astimezone(LOCAL).date())
    rebuild()
    return world


def sheet(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def screen_headers(html: str, testid: str) -> list[str]:
    doc = lxml.html.fromstring(html)
    table = doc.xpath(f'//*[@data-testid="{testid}"]')[0]
    return [th.text_content().strip() for th in table.xpath("./thead/tr/th")]


def test_the_late_list_export_holds_exactly_the_filtered_dossiers_with_the_screens_columns(client, june):
    login_verified(client, june.users["leader"])
    params = {**JUNE, "unit": june.units["p1"].pk}
    html = client.get("/ho-so/tre-han/", params).content.decode()
    rows = sheet(client.get("/ho-so/tre-han/", {**params, "xuat": "xlsx"}))
    title, note, headers, *data = rows
    assert title[0] == "Hồ sơ trễ hạn và nguyên nhân"
    assert "UBND Phường 1" in note[0] and "01/06/2022" in note[0] and "30/06/2022" in note[0]
    on_screen = screen_headers(html, "late-table")
    assert set(on_screen) <= set(headers)
    assert sorted(r[0] for r in data) == ["LATE-1", "LATE-2"]
    shown = re.search(r'data-testid="late-count">([\d.]+) hồ sơ', html).group(1)
    assert len(data) == int(shown.replace(".", ""))
    # Attributable first, as on screen.
    assert [r[0] for r in data] == ["LATE-1", "LATE-2"]
    assert data[1][headers.index("Nguyên nhân")] == "Chưa xác định"


def test_the_dossier_list_export_masks_applicants_as_the_screen_does(client, june):
    login_verified(client, june.users["leader"])
    rows = sheet(client.get("/ho-so/", {"xuat": "xlsx"}))
    headers, data = rows[1], rows[2:]
    assert headers == screen_headers(client.get("/ho-so/").content.decode(), "dossier-table")
    names = {r[headers.index("Chủ hồ sơ")] for r in data}
    assert APPLICANTS[0]["applicant_name"] not in names
    assert all("*" in n for n in names if n)


def test_the_rankings_export_gives_the_pages_figures(client, june):
    login_verified(client, june.users["leader"])
    rows = sheet(
        client.get(
            "/ho-so/xep-hang/don-vi/", {"date_from": "2022-06-01", "date_to": "2022-06-30", "xuat": "xlsx"}
        )
    )
    headers = rows[2]
    assert headers == ["Hạng", "Đơn vị", "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn", "Tỷ lệ trễ hạn"]
    by_name = {r[1]: r for r in rows[3:]}
    assert by_name["UBND Phường 1"][5] == 2 and by_name["UBND Phường 1"][2] == 3
    assert by_name["Tổng cộng"][5] == 3


def test_a_hostile_filter_gives_the_page_with_its_message_not_a_file(client, june):
    login_verified(client, june.users["leader"])
    response = client.get("/ho-so/tre-han/", {"finished_from": "2022-13-45", "xuat": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
