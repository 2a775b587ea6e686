"""On a 390-px phone the officials of a unit read as cards — the name on top, then position, e-mail, phone
and whether still in post — instead of a five-column table scrolled sideways; on a desktop they stay a
table."""

from __future__ import annotations

import pytest

from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_officials_of_a_unit_fit_the_screen(live_server, browser, world, viewport):
    page = signed_in_page(browser, live_server.url, world.users["ward_officer"], viewport)
    page.goto(f"{live_server.url}/to-chuc/don-vi/{world.units['p1'].pk}/")
    row = page.locator("[data-testid=unit-officials] tbody tr").first
    cells = row.locator("td")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id("unit-officials"))
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    if viewport is PHONE:
        assert row.bounding_box()["width"] >= 340
        assert [label_of(cells.nth(i)) for i in range(cells.count())] == [
            '"Chức vụ"',
            '"Thư điện tử"',
            '"Điện thoại"',
            '"Tình trạng"',
        ]
        # The name (the row's header) is the card's title, above the labelled lines.
        assert row.locator("th").bounding_box()["y"] < cells.first.bounding_box()["y"]
    else:
        assert label_of(cells.first) == "none"
        assert page.locator("[data-testid=unit-officials] thead").bounding_box()["height"] > 10
