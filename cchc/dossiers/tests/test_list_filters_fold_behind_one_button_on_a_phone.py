"""On a 390-px phone a list's filter form folds behind one button that says how many filters are applied,
so the records are on the first screen; tapping the button opens the fields; a search box stays in sight.
On a desktop the form is shown as before, with no button."""

from __future__ import annotations

import pytest

from cchc.dossiers.tests.factories import build_ledger
from cchc.testing.browser import browser_login, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def phone_page(browser, live_server, world):
    page = new_context(browser, viewport=PHONE, locale="vi-VN").new_page()
    browser_login(page, live_server.url, world.users["leader"])
    return page


def test_on_a_phone_the_late_list_shows_its_records_first_and_the_filters_on_a_tap(
    live_server, browser, world
):
    build_ledger(world)
    page = phone_page(browser, live_server, world)
    page.goto(f"{live_server.url}/ho-so/tre-han/")
    toggle = page.get_by_test_id("filter-disclosure")
    assert toggle.inner_text().strip() == "Bộ lọc"
    assert toggle.get_attribute("aria-expanded") == "false"
    unit_field = page.get_by_label("Đơn vị giải quyết")
    assert not unit_field.is_visible()
    first_row = page.locator("[data-testid=late-table] tbody tr").first
    assert first_row.bounding_box()["y"] < PHONE["height"]  # a record on the first screen

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert unit_field.is_visible()
    toggle.click()
    assert not unit_field.is_visible()


def test_the_button_counts_the_filters_in_force(live_server, browser, world):
    build_ledger(world)
    page = phone_page(browser, live_server, world)
    page.goto(f"{live_server.url}/ho-so/tre-han/?finished_from=2020-01-01&official=Nguy%E1%BB%85n")
    assert page.get_by_test_id("filter-disclosure").inner_text().strip() == "Bộ lọc · đang áp dụng 2"


def test_on_a_desktop_the_filters_are_shown_with_no_button(live_server, page, world):
    build_ledger(world)
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, live_server.url, world.users["leader"])
    page.goto(f"{live_server.url}/ho-so/tre-han/")
    assert not page.get_by_test_id("filter-disclosure").is_visible()
    assert page.get_by_label("Đơn vị giải quyết").is_visible()


def test_a_search_box_stays_in_sight_and_only_the_other_filters_fold(live_server, browser, world):
    page = phone_page(browser, live_server, world)
    page.goto(f"{live_server.url}/to-chuc/can-bo/")
    search = page.get_by_label("Tìm theo tên, mã, chức vụ, liên hệ")
    assert search.is_visible()
    toggle = page.get_by_test_id("filter-disclosure")
    assert toggle.get_attribute("aria-expanded") == "false"
    others = page.locator("form[role=search] select").first
    assert not others.is_visible()
    toggle.click()
    assert others.is_visible()
