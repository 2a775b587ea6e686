"""A published monthly late list on a citizen's 390-px phone: each unit and each official is a card, the
name on top and every figure after its column's name, where the four-column tables squeezed the names to a
word a line; on a desktop the same markup stays a table. The same tables serve the list's own page, the
confirmation before publication and the widget a unit frames in its site."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.testing.browser import new_context
from cchc.testing.phone_cards import DESKTOP, PHONE, fits, label_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(world):
    add_facts(build_ledger(world).all)
    return approve_late_list(
        world.users["leader"], draft_late_list(world.users["office"], dt.date(2022, 6, 1))
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_citizen_reads_the_published_late_list_without_scrolling_sideways(
    live_server, browser, published, viewport
):
    page = new_context(browser, viewport=viewport).new_page()
    page.goto(f"{live_server.url}/cong-khai/danh-sach-tre-han/")
    for testid in ("latelist-units", "latelist-officials"):
        assert fits(page, testid, viewport["width"])
        cells = page.locator(f"[data-testid={testid}] tbody tr").first.locator("td")
        labels = [label_of(cells.nth(i)) for i in range(cells.count())]
        if viewport is PHONE:
            assert labels[0] == "none"  # the name is the card's title
            assert all(
                label.startswith('"Số hồ sơ') or label in ('"Đơn vị"', '"Tỷ lệ trễ hạn"')
                for label in labels[1:]
            )
            name = cells.first.bounding_box()
            assert name["width"] >= 300  # a whole line, not a squeezed column
        else:
            assert labels == ["none"] * 4
            assert page.locator(f"[data-testid={testid}] thead").bounding_box()["height"] > 10
