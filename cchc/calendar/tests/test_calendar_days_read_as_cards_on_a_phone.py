"""On a 390-px phone the holidays, days off in lieu and make-up days of the year page read as cards — one
per day, each line naming its column — and the page does not scroll sideways; on a desktop they stay a
table with every column, edit buttons included for the secretariat."""

from __future__ import annotations

import pytest

from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_the_secretariat_on_a_phone_reads_each_day_as_a_card(live_server, browser, world, local_calendars):
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], PHONE)
    page.goto(f"{live_server.url}/lich/nam/2026/")
    row = page.locator('[data-testid=entries] tr[data-date="2026-03-02"]')
    assert row.bounding_box()["width"] >= 340
    cells = row.locator("td")
    assert [label_of(cells.nth(i)) for i in range(cells.count())] == [
        '"Ngày"',
        '"Loại"',
        '"Tên gọi"',
        '"Căn cứ pháp lý"',
        '"Theo lịch"',
        '"Thao tác"',
    ]
    assert page.locator("[data-testid=entries] thead").bounding_box()["height"] <= 1
    # The label sits to the left of its value on the same line, not above a squeezed column.
    name = cells.nth(2)
    assert name.bounding_box()["height"] < 80
    assert row.get_by_role("link", name="Sửa").is_visible()
    # A day inherited from the province has no buttons here, and its card no empty "Thao tác" line.
    inherited = page.locator('[data-testid=entries] tr[data-date="2026-08-22"] td')
    assert [inherited.nth(i).is_visible() for i in range(inherited.count())] == [True] * 5 + [False]
    assert sideways_scroll(page) <= 0
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id("entries"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")


def test_on_a_desktop_the_days_keep_their_table(live_server, browser, world, local_calendars):
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], DESKTOP)
    page.goto(f"{live_server.url}/lich/nam/2026/")
    assert page.locator("[data-testid=entries] thead").bounding_box()["height"] > 10
    row = page.locator('[data-testid=entries] tr[data-date="2026-03-02"]')
    assert label_of(row.locator("td").first) == "none"
    assert row.locator("td").count() == 6
    assert row.get_by_role("link", name="Sửa").is_visible()
    assert sideways_scroll(page) <= 0
