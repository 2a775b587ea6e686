"""On a 390-px phone a directive's page (/chi-dao/van-ban/N/) fits the screen: the counts of a content's
tasks wrap as whole badges (in one unbroken line they pushed the demo's page 442 px sideways) and each
unit's task reads as a card — the unit on top, then its deadline, state and progress, each named. On a
1,280-px screen the tasks stay a table under its header row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.urls(URLS)]

TEXT = "Rà soát, công khai đầy đủ thủ tục hành chính tại Bộ phận một cửa"


@pytest.fixture
def content_of_four_units(world, directive):
    """One content assigned to four units: two late, two still in time — two badges side by side."""
    today = timezone.localdate()
    late, in_time = today - dt.timedelta(days=20), today + dt.timedelta(days=30)
    for unit_key, due in (("p1", late), ("p2", late), ("vp", in_time), ("nv", in_time)):
        make_task(world, directive, unit_key, due=due, text=TEXT)
    return directive


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_directives_page_fits_the_screen(live_server, browser, world, content_of_four_units, viewport):
    page = signed_in_page(browser, live_server.url, world.users["leader"], viewport)
    page.goto(f"{live_server.url}/chi-dao/van-ban/{content_of_four_units.pk}/")
    group = page.get_by_test_id("task-group").filter(has_text=TEXT)
    group.locator("summary").click()
    tasks = group.get_by_test_id("group-tasks")
    row = tasks.locator("tbody tr").first
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert tasks.locator("xpath=..").evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    badges = group.locator(".badge")
    assert badges.count() >= 2
    assert all(
        badges.nth(i).evaluate("b => b.getBoundingClientRect().right <= innerWidth")
        for i in range(badges.count())
    )
    cells = row.locator("td")
    if viewport is PHONE:
        assert row.evaluate("r => getComputedStyle(r).display") == "block"
        assert row.bounding_box()["width"] >= 300
        assert [label_of(cells.nth(i)) for i in range(cells.count())] == [
            '"Hạn"',
            '"Tình trạng"',
            '"Tiến độ"',
        ]
        # The unit (the row's header) is the card's title, above its labelled lines.
        assert row.locator("th").bounding_box()["y"] < cells.first.bounding_box()["y"]
    else:
        assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
        assert tasks.locator("thead th").first.bounding_box()["height"] > 10
        assert label_of(cells.first) == "none"
