"""On a 390-px phone a round's responses (/khao-sat/dot/N/phieu/: six columns squeezed to one word a line on
the demo), a unit's results by question (/khao-sat/dot/N/ket-qua/U/: seven columns, 401 px in a 366-px
box), the questionnaires (/khao-sat/bo-cau-hoi/: a state squeezed to two words a line) and a dossier's nine
indicators (/khao-sat/ho-so/CODE/danh-gia/: "không / tính / được" a word a line) read as cards — the
response's number, the question's or version's code or the indicator's number on top, each figure named —
and nothing scrolls sideways; on a 1,280-px screen they stay tables under their header row."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Outcome
from cchc.surveys.tests.conftest import URLS, make_dossier, store
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]

ANSWERS = {"E1.1": 5, "E2.1": 4, "E3.1": 5, "E4.1": 4, "E5.1": 4}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_survey_staff_pages_fit_the_screen(live_server, browser, world, campaign, viewport):
    store(campaign, world.units["p1"], [ANSWERS] * 6)
    make_dossier(world, "EV-4", outcome=Outcome.ON_TIME)
    page = signed_in_page(browser, live_server.url, world.users["leader"], viewport)
    pages = [
        (
            f"/khao-sat/dot/{campaign.pk}/phieu/",
            "responses",
            ["Ngày", "Đơn vị", "Kênh", "Số câu trả lời", "Kiểm tra"],
        ),
        (
            f"/khao-sat/dot/{campaign.pk}/ket-qua/{world.units['p1'].pk}/",
            "items",
            ["", "Hợp lệ", "Hài lòng", "Chỉ số (%)", "Khoảng tin cậy 95 %", "Toàn đợt (%)"],
        ),
        ("/khao-sat/bo-cau-hoi/", "versions", ["", "Trạng thái", "Số đợt dùng"]),
        ("/khao-sat/ho-so/EV-4/danh-gia/", "indicators", ["", "Điểm", ""]),
    ]
    for path, testid, labels in pages:
        page.goto(live_server.url + path)
        table = page.get_by_test_id(testid)
        row = table.locator("tbody tr").first
        cells = row.locator("td")
        assert fits(page, testid, viewport["width"]), path
        if viewport is PHONE:
            assert row.evaluate("r => getComputedStyle(r).display") == "block", path
            assert row.bounding_box()["width"] >= 340, path
            assert shown_labels(row) == [f'"{label}"' if label else "none" for label in labels], path
            # The number or code (the row's header) is the card's title, above its lines.
            assert row.locator("th").bounding_box()["y"] < cells.first.bounding_box()["y"], path
        else:
            assert row.evaluate("r => getComputedStyle(r).display") == "table-row", path
            assert table.locator("thead th").first.bounding_box()["height"] > 10, path
            assert label_of(cells.first) == "none", path
