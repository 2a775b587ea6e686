"""On a 390-px phone a unit's history of heads, the units an official heads and a unit's change log read
as cards — the person, unit or time on top, then each value after its column's name — instead of four
columns squeezed to a word a line; on a 1,280-px desktop they stay tables with every column."""

from __future__ import annotations

import pytest

from cchc.org import actions
from cchc.org.models import HeadKind, UnitHead
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of, shown_labels, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_heads(world):
    # An earlier acting head as well as today's: the history has a closed row and a current one.
    UnitHead.objects.create(
        unit=world.units["p1"],
        official=world.officials["ward_officer"],
        kind=HeadKind.ACTING,
        valid_from="2020-01-01",
        valid_to="2020-12-31",
    )
    return world


def _columns(page, testid):
    return page.locator(f"[data-testid={testid}] thead th").count()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_units_heads_and_an_officials_headships_fit_the_screen(live_server, browser, two_heads, viewport):
    world = two_heads
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    pages = [
        # (address, table, columns on a desktop, rows): the secretariat may end a headship (5th column).
        (f"/to-chuc/don-vi/{world.units['p1'].pk}/", "head-history", 5, 2),
        (f"/to-chuc/can-bo/{world.officials['unit_head'].pk}/", "headships", 4, 1),
    ]
    for path, testid, columns, count in pages:
        page.goto(live_server.url + path)
        rows = page.locator(f"[data-testid={testid}] tbody tr")
        assert rows.count() == count, path
        row = rows.first
        assert fits(page, testid, viewport["width"]), path
        if viewport is PHONE:
            assert row.bounding_box()["width"] >= 340, path
            assert shown_labels(row)[:3] == ['"Hình thức"', '"Từ ngày"', '"Đến ngày"'], path
            # The person or unit (the row's header) is the card's title, above the named lines.
            assert row.locator("th").bounding_box()["y"] < row.locator("td").first.bounding_box()["y"], path
        else:
            assert _columns(page, testid) == columns, path
            assert label_of(row.locator("td").first) == "none", path
            assert page.locator(f"[data-testid={testid}] thead").bounding_box()["height"] > 10, path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_units_change_log_fits_the_screen(live_server, browser, world, viewport):
    unit = world.units["p1"]
    actions.update_unit(world.users["secretariat"], unit, {"phone": "02543000111"})
    page = signed_in_page(browser, live_server.url, world.users["secretariat"], viewport)
    page.goto(f"{live_server.url}/to-chuc/don-vi/{unit.pk}/")
    row = page.locator("[data-testid=unit-events] tbody tr").first
    assert fits(page, "unit-events", viewport["width"])
    if viewport is PHONE:
        assert shown_labels(row) == ['"Người thực hiện"', "none"]
        assert row.bounding_box()["width"] >= 340
    else:
        assert label_of(row.locator("td").first) == "none"
