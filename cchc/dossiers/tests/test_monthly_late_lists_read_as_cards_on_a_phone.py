"""On a 390-px phone the monthly late lists (draft, approval, publication) read as cards — one per month and
area, each line naming its column — instead of a six-column table scrolled sideways; on a desktop they stay
a table."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.actions.late_lists import draft_late_list
from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(world):
    add_facts(build_ledger(world).all)
    return draft_late_list(world.users["office"], dt.date(2022, 6, 1))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_leader_reads_the_monthly_late_lists_without_scrolling_sideways(
    live_server, browser, world, draft, viewport
):
    page = signed_in_page(browser, live_server.url, world.users["leader"], viewport)
    page.goto(f"{live_server.url}/ho-so/danh-sach-tre-han/")
    row = page.locator("[data-testid=latelists] tbody tr").first
    cells = row.locator("td")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id("latelists"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    if viewport is PHONE:
        assert row.bounding_box()["width"] >= 340
        assert [label_of(cells.nth(i)) for i in range(cells.count())] == [
            '"Tháng"',
            '"Địa bàn"',
            '"Trạng thái"',
            '"Lập bởi"',
            '"Phê duyệt"',
            '"Công khai"',
        ]
        assert page.locator("[data-testid=latelists] thead").bounding_box()["height"] <= 1
    else:
        assert label_of(cells.first) == "none"
        assert page.locator("[data-testid=latelists] thead").bounding_box()["height"] > 10
