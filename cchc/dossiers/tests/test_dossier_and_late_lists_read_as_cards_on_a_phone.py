"""On a 390-px phone the dossier list, the late list and a dossier's steps are cards — one per dossier or
step, each line naming its column — not a wide table squeezed to two words a line or scrolled sideways; on a
desktop they stay a table with its header row."""

from __future__ import annotations

import pytest

from cchc.dossiers.tests.factories import build_ledger
from cchc.testing.browser import browser_login
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [("/ho-so/", "dossier-table"), ("/ho-so/tre-han/", "late-table")]


def first_row(page, testid):
    return page.locator(f"[data-testid={testid}] tbody tr").first


@pytest.mark.parametrize(("path", "testid"), LISTS)
def test_a_leader_on_a_phone_reads_each_dossier_as_a_card(live_server, browser, world, path, testid):
    ledger = build_ledger(world)
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    page.goto(f"{live_server.url}{path}")
    row = first_row(page, testid)
    box = row.bounding_box()
    assert box["width"] >= 340  # the whole width of the screen, less the margins
    assert not page.locator(f"[data-testid={testid}] thead").first.is_visible() or (
        page.locator(f"[data-testid={testid}] thead").first.bounding_box()["height"] <= 1
    )
    assert label_of(row.locator("td").first) == '"Mã hồ sơ"'
    assert label_of(row.locator("td").nth(1)) == '"Thủ tục"'
    scroller = page.locator(".table-responsive").first
    assert scroller.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert ledger  # the ledger gives both lists rows


@pytest.mark.parametrize(("path", "testid"), LISTS)
def test_on_a_desktop_the_lists_stay_a_table_with_its_header(live_server, page, world, path, testid):
    build_ledger(world)
    page.set_viewport_size(DESKTOP)
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}{path}")
    header = page.locator(f"[data-testid={testid}] thead th").first
    assert header.is_visible() and header.bounding_box()["height"] > 10
    assert label_of(first_row(page, testid).locator("td").first) == "none"


def test_on_a_phone_a_dossiers_steps_read_as_cards(live_server, browser, world):
    build_ledger(world)
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    page.goto(f"{live_server.url}/ho-so/ho-so/000.00.26.H02-220602-0001/")
    step = first_row(page, "steps")
    assert step.bounding_box()["width"] >= 340
    assert label_of(step.locator("td").nth(1)) == '"Đơn vị"'
    assert label_of(step.locator("td").nth(5)) == '"Hạn của bước"'
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id("steps"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
