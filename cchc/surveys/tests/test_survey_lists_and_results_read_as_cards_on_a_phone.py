"""On a 390-px phone the survey rounds, the results per unit (staff page and the published one) and the
official SIPAS figures read as cards — one per round, unit or figure, each line naming its column — and no
page scrolls sideways; on a desktop they stay tables with every column."""

from __future__ import annotations

import pytest

from cchc.surveys import actions
from cchc.surveys.actions.follow_up import save_figure
from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.browser import new_context
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]

ANSWERS = {"E1.1": 5, "E2.1": 4, "E3.1": 5, "E4.1": 4, "E5.1": 4}


@pytest.fixture
def answered(world, campaign):
    store(campaign, world.units["p1"], [ANSWERS] * 6)
    store(campaign, world.units["p2"], [ANSWERS] * 6)
    save_figure(
        world.users["secretariat"],
        {"year": 2024, "scope": "national", "value": "80.8", "rank": "", "source": "Bộ Nội vụ, 2025"},
    )
    return campaign


def test_a_leader_on_a_phone_reads_rounds_results_and_figures_as_cards(live_server, browser, world, answered):
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)

    page.goto(f"{live_server.url}/khao-sat/")
    row = page.locator("[data-testid=campaigns] tbody tr").first
    assert row.bounding_box()["width"] >= 340
    # The questionnaire's code stays on wider screens; the name is the card's title.
    assert shown_labels(row) == ["none", '"Thời gian"', '"Trạng thái"', '"Đơn vị"', '"Phiếu"', "none"]
    assert fits(page, "campaigns", PHONE["width"])

    page.goto(f"{live_server.url}/khao-sat/dot/{answered.pk}/ket-qua/")
    row = page.locator("[data-testid=unit-table] tbody tr").first
    labels = shown_labels(row)
    assert labels[:2] == ['"Số phiếu"', '"Chung (%)"']
    assert '"E1"' in labels
    assert fits(page, "unit-table", PHONE["width"])
    # The published SIPAS figures under the results are cards too.
    row = page.locator("[data-testid=published-figures] tbody tr").first
    assert shown_labels(row) == ['"Năm"', '"Phạm vi"', '"SIPAS (%)"', '"Xếp hạng"', '"Thiết kế"', '"Nguồn"']
    assert fits(page, "published-figures", PHONE["width"])

    page.goto(f"{live_server.url}/khao-sat/sipas-cong-bo/")
    row = page.locator("[data-testid=figures] tbody tr").first
    assert shown_labels(row) == ['"Năm"', '"Phạm vi"', '"SIPAS (%)"', '"Xếp hạng"', '"Nguồn"']
    assert fits(page, "figures", PHONE["width"])


def test_a_citizen_on_a_phone_reads_the_published_results_as_cards(live_server, browser, world, answered):
    actions.close_campaign(world.users["secretariat"], answered)
    actions.publish_campaign(world.users["secretariat"], answered)
    page = new_context(browser, viewport=PHONE, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/cong-khai/khao-sat/ket-qua/{answered.pk}/")
    row = page.locator("[data-testid=published-units] tbody tr").first
    assert row.bounding_box()["width"] >= 340
    assert shown_labels(row)[:3] == ['"Số phiếu"', '"Chung (%)"', '"E1"']
    assert fits(page, "published-units", PHONE["width"])


def test_on_a_desktop_the_survey_tables_keep_every_column(live_server, browser, world, answered):
    page = signed_in_page(browser, live_server.url, world.users["leader"], DESKTOP)
    for path, testid, columns in [
        ("/khao-sat/", "campaigns", 7),
        ("/khao-sat/sipas-cong-bo/", "figures", 7),
    ]:
        page.goto(live_server.url + path)
        row = page.locator(f"[data-testid={testid}] tbody tr").first
        cells = row.locator("td")
        assert sum(1 for i in range(cells.count()) if cells.nth(i).is_visible()) == columns, path
        assert label_of(cells.first) == "none"
        assert page.locator(f"[data-testid={testid}] thead").bounding_box()["height"] > 10
        assert fits(page, testid, DESKTOP["width"])
