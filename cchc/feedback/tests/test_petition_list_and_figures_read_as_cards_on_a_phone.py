"""On a 390-px phone the petition list and the figures per unit (the staff page and the public one) read as
cards — one per petition or unit, each line naming its figure — instead of a ten-column table scrolled
sideways; on a desktop they stay a table with every column."""

from __future__ import annotations

import pytest

from cchc.feedback.tests.conftest import local
from cchc.testing.browser import new_context
from cchc.testing.phone_cards import DESKTOP, PHONE, label_of, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.feedback.tests.urls"),
]


def fits_the_screen(page, testid):
    box = page.locator(".table-responsive").filter(has=page.get_by_test_id(testid)).first
    return (
        box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
        and page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )


@pytest.fixture
def petitions(file_petition):
    return [file_petition(at=local(2026, 3, day), citizen_phone=f"09120000{day:02d}") for day in (2, 3, 4)]


def test_an_official_on_a_phone_reads_each_petition_as_a_card(live_server, browser, world, petitions):
    page = signed_in_page(browser, live_server.url, world.users["leader"], PHONE)
    page.goto(f"{live_server.url}/phan-anh/")
    row = page.locator("[data-testid=petition-table] tbody tr").first
    assert row.bounding_box()["width"] >= 340
    assert label_of(row.locator("td").nth(1)) == '"Tiếp nhận"'
    assert label_of(row.locator("td").nth(4)) == '"Đơn vị xử lý"'
    assert fits_the_screen(page, "petition-table")


def test_a_citizen_on_a_phone_reads_the_figures_of_each_unit_as_a_card(live_server, browser, petitions):
    page = new_context(browser, viewport=PHONE, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/cong-khai/phan-anh/so-lieu/?nam=2026")
    row = page.locator("[data-testid=figures-table] tbody tr").first
    cells = row.locator("td")
    shown = [label_of(cells.nth(i)) for i in range(cells.count()) if cells.nth(i).is_visible()]
    assert shown == ["none", '"Tiếp nhận"', '"Đang xử lý quá hạn"', '"Tỷ lệ đúng hạn"', '"Tỷ lệ hài lòng"']
    assert fits_the_screen(page, "figures-table")


def test_on_a_desktop_the_figures_keep_every_column(live_server, page, petitions):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/cong-khai/phan-anh/so-lieu/?nam=2026")
    row = page.locator("[data-testid=figures-table] tbody tr").first
    cells = row.locator("td")
    assert sum(1 for i in range(cells.count()) if cells.nth(i).is_visible()) == 10
    assert page.locator("[data-testid=figures-table] thead th").first.is_visible()
