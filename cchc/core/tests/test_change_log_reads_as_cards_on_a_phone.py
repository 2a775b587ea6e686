"""On a 390-px phone each event of the change log is a card (time, who, what, summary, each line naming
its column) with no sideways scroll; on a desktop it stays a table with its header row. Either way the
action reads in words, never its event code."""

from __future__ import annotations

import pytest

from cchc.accounts.audit_events import AccountsEvents
from cchc.core.events import DEMO_ACTOR, record
from cchc.demo.audit_events import DemoEvents
from cchc.testing.browser import browser_login
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log(world) -> None:
    leader = world.users["leader"]
    record(leader, AccountsEvents.LOGIN, leader, summary="Đăng nhập từ máy tính ở văn phòng")
    record("cchc load-demo", DemoEvents.LOADED, object_type="demo", object_id="x", summary="Nạp dữ liệu")


def test_a_leader_on_a_phone_reads_each_event_as_a_card(live_server, browser, world):
    _log(world)
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    page.goto(f"{live_server.url}/nhat-ky/")
    row = page.locator("[data-testid=audit-table] tbody tr").first
    assert row.bounding_box()["width"] >= 340
    head = page.locator("[data-testid=audit-table] thead").first
    assert not head.is_visible() or head.bounding_box()["height"] <= 1
    cells = row.locator("td")
    assert [label_of(cells.nth(i)) for i in range(4)] == [
        '"Thời điểm"',
        '"Người thực hiện"',
        '"Thao tác"',
        '"Nội dung"',
    ]
    assert cells.nth(2).inner_text() in {"Đăng nhập", "Nạp dữ liệu trình diễn"}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    text = page.locator("main").inner_text() if page.locator("main").count() else page.inner_text("body")
    assert "accounts.login" not in text and "cchc " not in text and DEMO_ACTOR in text


def test_on_a_desktop_the_log_stays_a_table_and_filters_by_kind(live_server, page, world):
    _log(world)
    page.set_viewport_size(DESKTOP)
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/nhat-ky/")
    header = page.locator("[data-testid=audit-table] thead th").first
    assert header.is_visible() and header.bounding_box()["height"] > 10
    first = page.locator("[data-testid=audit-table] tbody tr").first.locator("td").first
    assert label_of(first) == "none"
    page.select_option("#id_hanh_dong", label="Nạp dữ liệu trình diễn")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**hanh_dong=demo.loaded**")
    rows = page.locator("[data-testid=audit-table] tbody tr")
    assert rows.count() == 1 and DEMO_ACTOR in rows.first.inner_text()
